package fr.pretadepenser.scoring.model;

import fr.pretadepenser.scoring.model.training.BoostingParameters;
import ml.dmlc.xgboost4j.java.Booster;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** The versions a bundle records of what trained it (Java, XGBoost4J and each trainer's own libraries). */
public final class LibraryVersions {

    private LibraryVersions() {
    }

    /** Java's and XGBoost4J's versions and the tree method, to which each trainer adds its own. */
    public static Map<String, String> common() {
        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("java", System.getProperty("java.version"));
        versions.put("xgboost4j", of(Booster.class, "ml.dmlc/xgboost4j_2.12"));
        // Not a version, but what the trees were grown with beside the bundle's parameters.
        versions.put("xgboost-tree-method", "hist, max_bin " + BoostingParameters.MAX_BIN);
        return versions;
    }

    /** The version Maven recorded in a library's jar ({@code group/artifact}), or "unknown" when it does not say. */
    public static String of(Class<?> type, String artifact) {
        try (InputStream in = type.getResourceAsStream("/META-INF/maven/" + artifact + "/pom.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
