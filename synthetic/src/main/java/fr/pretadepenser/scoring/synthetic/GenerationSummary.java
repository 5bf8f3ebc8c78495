package fr.pretadepenser.scoring.synthetic;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a generation wrote.
 *
 * @param rowsPerTable data rows (header excluded) per table name, in schema order
 * @param bytesWritten size of the eight files together
 */
public record GenerationSummary(Map<String, Long> rowsPerTable, long bytesWritten) {

    /** Freezes the counts, keeping their order. */
    public GenerationSummary {
        rowsPerTable = Collections.unmodifiableMap(new LinkedHashMap<>(rowsPerTable));
    }

    /** Rows of all tables together. */
    public long totalRows() {
        return rowsPerTable.values().stream().mapToLong(Long::longValue).sum();
    }
}
