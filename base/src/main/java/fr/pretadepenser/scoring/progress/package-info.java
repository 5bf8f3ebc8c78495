/**
 * How long work (generation, ingestion, later features and training) tells the person waiting how far it has gone:
 * the {@link fr.pretadepenser.scoring.progress.Progress} callback, and a console implementation with rates and ETA.
 */
package fr.pretadepenser.scoring.progress;
