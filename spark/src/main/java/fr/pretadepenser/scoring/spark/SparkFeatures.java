package fr.pretadepenser.scoring.spark;

import fr.pretadepenser.scoring.features.FeatureManifest;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.Objects;

/**
 * A feature table built on Spark, not yet computed (Spark is lazy: an action such as a Parquet write runs it).
 *
 * @param table    SK_ID_CURR, TARGET (null for application_test) and every feature as DOUBLE, in manifest order
 * @param manifest the manifest of the table, equal to the DuckDB engine's for the same data and vocabularies
 */
public record SparkFeatures(Dataset<Row> table, FeatureManifest manifest) {

    /** Checks that both parts are there. */
    public SparkFeatures {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(manifest, "manifest");
    }
}
