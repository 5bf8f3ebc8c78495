/**
 * The one description of the eight Home Credit files ({@link fr.pretadepenser.scoring.schema.HomeCreditSchema}):
 * every column in its real order with its type, nullability, key role and Kaggle's description, which ingestion, the
 * request checks, the feature SQL, the dashboard labels and the demo's generator all read.
 */
package fr.pretadepenser.scoring.schema;
