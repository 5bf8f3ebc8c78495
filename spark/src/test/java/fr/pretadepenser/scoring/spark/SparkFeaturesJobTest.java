package fr.pretadepenser.scoring.spark;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The feature job's command line (the job itself runs in {@link SparkFeatureParityTest}'s engine). */
class SparkFeaturesJobTest {

    @Test
    void readsEveryOption() {
        assertEquals(new SparkFeaturesJob.Options("s3a://b/data", "s3a://b/f.parquet", "m.json",
                        "hdfs:///out.json", 8),
                SparkFeaturesJob.Options.parse("--data", "s3a://b/data", "--out", "s3a://b/f.parquet",
                        "--manifest", "m.json", "--manifest-out", "hdfs:///out.json", "--shuffle-partitions", "8"));
    }

    @Test
    void leavesTheManifestOptional() {
        assertEquals(new SparkFeaturesJob.Options("d", "o.parquet", null, null, 0),
                SparkFeaturesJob.Options.parse("--data", "d", "--out", "o.parquet"));
    }

    @Test
    void refusesAMissingOutputSayingTheUsage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkFeaturesJob.Options.parse("--data", "d"));
        assertEquals("usage: SparkFeaturesJob --data PATH --out PATH.parquet [--manifest FILE] [--manifest-out FILE]"
                + " [--shuffle-partitions N]", e.getMessage());
    }

    @Test
    void refusesAnUnknownOptionNamingTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkFeaturesJob.Options.parse("--input", "d"));
        assertEquals("unknown option --input; known: --data --out --manifest --manifest-out --shuffle-partitions",
                e.getMessage());
    }
}
