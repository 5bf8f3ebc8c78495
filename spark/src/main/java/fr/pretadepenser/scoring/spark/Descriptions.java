package fr.pretadepenser.scoring.spark;

import fr.pretadepenser.scoring.explain.Contribution;
import fr.pretadepenser.scoring.features.Feature;
import fr.pretadepenser.scoring.features.FeatureManifest;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.apache.spark.sql.SparkSession;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The parts of a Spark-trained bundle's manifest that core's ModelTraining computes privately. */
final class Descriptions {

    private Descriptions() {
    }

    /** Total gain per original variable, as core's ModelTraining reports it. */
    static List<Contribution> gainImportance(Booster booster, FeatureManifest features) throws XGBoostError {
        String[] names = features.featureNames().toArray(String[]::new);
        Map<String, Double> gain = booster.getScore(names, "total_gain");
        Map<String, double[]> byVariable = new TreeMap<>();
        Map<String, String[]> keys = new LinkedHashMap<>();
        for (Feature f : features.features()) {
            String key = f.table() + "." + f.variable();
            keys.putIfAbsent(key, new String[]{f.table(), f.variable()});
            byVariable.computeIfAbsent(key, k -> new double[1])[0] += gain.getOrDefault(f.name(), 0.0);
        }
        List<Contribution> result = new ArrayList<>();
        byVariable.forEach((k, v) -> result.add(new Contribution(keys.get(k)[0], keys.get(k)[1], v[0])));
        result.sort(Comparator.comparingDouble((Contribution c) -> -c.value()));
        return result;
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
