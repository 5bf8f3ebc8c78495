package fr.pretadepenser.scoring.spark;

import org.apache.spark.sql.SparkSession;

/**
 * A Spark session inside this JVM, for tests and one-machine runs: {@code local[2]}, driver bound to the loopback
 * address (no network needed), no web UI, few shuffle partitions (the default 200 is meant for clusters).
 */
public final class LocalSpark {

    private LocalSpark() {
    }

    /**
     * Gets or creates the local session.
     *
     * @param appName           shown in Spark's logs
     * @param shufflePartitions {@code spark.sql.shuffle.partitions}, e.g. 4 on two cores
     */
    public static SparkSession session(String appName, int shufflePartitions) {
        return SparkSession.builder()
                .appName(appName)
                .master("local[2]")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.ui.enabled", false)
                .config("spark.sql.shuffle.partitions", shufflePartitions)
                .config("spark.sql.adaptive.enabled", true)
                .getOrCreate();
    }
}
