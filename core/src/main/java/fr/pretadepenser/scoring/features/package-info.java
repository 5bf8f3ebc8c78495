/**
 * Features: the seven Home Credit tables reduced to one row per client, defined once as SQL resource files
 * (beside this package under {@code src/main/resources}) in the dialect common to DuckDB and Spark SQL, with a few
 * macros for what depends on the data (one-hot vocabularies) or the schema (column lists). The
 * {@link fr.pretadepenser.scoring.features.FeatureManifest} freezes the vocabularies and the feature order;
 * {@link fr.pretadepenser.scoring.features.DuckDbFeatureEngine} runs the files in batch, and
 * {@link fr.pretadepenser.scoring.features.OnlineFeatureBuilder} runs the same files for one client at a time
 * (the {@link fr.pretadepenser.scoring.features.FeatureBuilder} the scoring API calls).
 */
package fr.pretadepenser.scoring.features;
