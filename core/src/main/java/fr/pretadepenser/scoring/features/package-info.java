/**
 * Features: the seven Home Credit tables reduced to one row per client, defined once as SQL resource files
 * (beside this package under {@code src/main/resources}) in the dialect common to DuckDB and Spark SQL, with a few
 * macros for what depends on the data (one-hot vocabularies) or the schema (column lists). The
 * {@link fr.pretadepenser.scoring.features.FeatureManifest} freezes the vocabularies and the feature order;
 * {@link fr.pretadepenser.scoring.features.DuckDbFeatureEngine} runs the files in batch, and
 * {@link fr.pretadepenser.scoring.features.OnlineFeatureBuilder} runs the same files for one client at a time
 * (the {@link fr.pretadepenser.scoring.features.FeatureBuilder} the scoring API calls).
 *
 * <p>{@code SqlTemplate} stays hand-written: its macros are computed from the schema and the vocabularies and record
 * each column's origin, so a template engine (FreeMarker, Mustache.java) would replace only its scan and dispatch of
 * {@code {{...}}} (about 20 lines), and another macro syntax would change the SQL files, whose SHA-256 every
 * manifest and bundle records (existing bundles would then be refused as built by other SQL).
 */
package fr.pretadepenser.scoring.features;
