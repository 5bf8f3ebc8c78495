package fr.pretadepenser.scoring.spark;

import ml.dmlc.xgboost4j.java.Booster;
import org.apache.spark.sql.SparkSession;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a Spark-trained bundle records of how it was trained: library versions and the run. */
final class Descriptions {

    private Descriptions() {
    }

    /** Versions of Java, XGBoost4J, XGBoost4J-Spark and Spark, and how training ran. */
    static Map<String, String> libraries(SparkSession spark, int workers) {
        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("java", System.getProperty("java.version"));
        versions.put("xgboost4j", mavenVersion(Booster.class, "ml.dmlc/xgboost4j_2.12"));
        versions.put("xgboost4j-spark", mavenVersion(ml.dmlc.xgboost4j.scala.spark.XGBoostClassifier.class,
                "ml.dmlc/xgboost4j-spark_2.12"));
        versions.put("spark", spark.version());
        versions.put("training", "xgboost4j-spark, " + workers + " worker(s), master " + spark.sparkContext().master()
                + "; no random search (given parameters), no scorecard");
        return versions;
    }

    /** The hex SHA-256 of some bytes. */
    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String mavenVersion(Class<?> type, String artifact) {
        try (var in = type.getResourceAsStream("/META-INF/maven/" + artifact + "/pom.properties")) {
            if (in == null) {
                return "unknown";
            }
            java.util.Properties properties = new java.util.Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
