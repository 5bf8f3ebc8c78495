package fr.pretadepenser.scoring.data.ingest;

import java.nio.file.Path;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The result of one ingestion: the database written and a report per table, in schema order.
 *
 * @param database the DuckDB file now holding the data
 * @param tables   one report per schema table, absent ones included
 * @param seconds  total wall time
 */
public record IngestSummary(Path database, List<TableReport> tables, double seconds) {

    /** Copies the list so that a summary cannot change. */
    public IngestSummary {
        tables = List.copyOf(tables);
    }

    /** The report of one table. */
    public TableReport table(String name) {
        return tables.stream().filter(t -> t.table().equals(name)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no report for table " + name));
    }

    /** Total rows loaded over all tables. */
    public long totalRows() {
        return tables.stream().mapToLong(TableReport::rows).sum();
    }
}
