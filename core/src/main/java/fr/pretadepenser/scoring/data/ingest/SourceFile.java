package fr.pretadepenser.scoring.data.ingest;

import fr.pretadepenser.scoring.schema.Table;

import java.nio.file.Path;

/**
 * One Home Credit file found for ingestion.
 *
 * @param table       the schema table it holds
 * @param displayName how the user knows it, used in every message (e.g. {@code bureau.csv.gz}
 *                    or {@code home-credit-default-risk.zip:bureau.csv})
 * @param path        a path DuckDB can read (plain or gzip CSV; a zip entry is extracted first)
 * @param bytes       its size on disk, for rates
 */
record SourceFile(Table table, String displayName, Path path, long bytes) {
}
