/**
 * The Home Credit data: the one description of the eight Kaggle files ({@link fr.pretadepenser.scoring.data.HomeCreditSchema}),
 * which ingestion, the synthetic generator, the feature SQL and the dashboard labels all read.
 */
package fr.pretadepenser.scoring.data;
