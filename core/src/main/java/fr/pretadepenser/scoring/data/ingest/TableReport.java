package fr.pretadepenser.scoring.data.ingest;

import java.util.List;
import java.util.OptionalDouble;

/**
 * What ingestion found in one table.
 *
 * @param table        the schema table name
 * @param source       the file it came from as the user knows it, or null when the user had none (empty table)
 * @param rows         rows loaded
 * @param clients      distinct SK_ID_CURR, or 0 for a table without that column (bureau_balance)
 * @param defaultRate  share of TARGET = 1, for application_train only
 * @param missingShare share of empty cells over all cells
 * @param orphanRows   rows whose key points at no known row (unknown client, credit or previous application);
 *                     kept in the table and reported, never dropped silently
 * @param extraColumns columns in the file that the schema does not know: reported and not loaded
 * @param bytes        size of the source file
 * @param seconds      time spent loading and checking it
 */
public record TableReport(String table, String source, long rows, long clients, OptionalDouble defaultRate,
                          double missingShare, long orphanRows, List<String> extraColumns, long bytes,
                          double seconds) {

    /** Copies the list so that a report cannot change. */
    public TableReport {
        extraColumns = List.copyOf(extraColumns);
    }

    /** Whether the user had a file for this table. */
    public boolean present() {
        return source != null;
    }
}
