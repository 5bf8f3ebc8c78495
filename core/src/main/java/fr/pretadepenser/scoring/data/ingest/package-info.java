/**
 * Ingestion: Kaggle Home Credit CSV files (a folder, {@code .csv.gz} files or the Kaggle zip) into a DuckDB
 * database, typed by the schema, validated line by line, built in a temporary file and renamed only when valid.
 * {@link fr.pretadepenser.scoring.data.ingest.Ingester} is the entry point.
 */
package fr.pretadepenser.scoring.data.ingest;
