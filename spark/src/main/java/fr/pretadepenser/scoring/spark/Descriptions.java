package fr.pretadepenser.scoring.spark;

import fr.pretadepenser.scoring.model.LibraryVersions;
import ml.dmlc.xgboost4j.scala.spark.XGBoostClassifier;
import org.apache.spark.sql.SparkSession;

import java.util.Map;

/** What a Spark-trained bundle records of how it was trained: library versions and the run. */
final class Descriptions {

    private Descriptions() {
    }

    /** Versions of Java, XGBoost4J, XGBoost4J-Spark and Spark, and how training ran. */
    static Map<String, String> libraries(SparkSession spark, int workers) {
        Map<String, String> versions = LibraryVersions.common();
        versions.put("xgboost4j-spark", LibraryVersions.of(XGBoostClassifier.class, "ml.dmlc/xgboost4j-spark_2.12"));
        versions.put("spark", spark.version());
        versions.put("training", "xgboost4j-spark, " + workers + " worker(s), master " + spark.sparkContext().master()
                + "; no random search (given parameters), no scorecard");
        return versions;
    }
}
