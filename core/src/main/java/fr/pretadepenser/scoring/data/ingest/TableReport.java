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
 * @param valueWarnings numbers outside their column's plausible values and text values of no Kaggle category,
 *                      one line per column (or value): kept, scored as the API scores such history rows, reported
 * @param bytes        size of the source file
 * @param seconds      time spent loading and checking it
 */
public record TableReport(String table, String source, long rows, long clients, OptionalDouble defaultRate,
                          double missingShare, long orphanRows, List<String> extraColumns,
                          List<String> valueWarnings, long bytes, double seconds) {

    /** Copies the lists so that a report cannot change. */
    public TableReport {
        extraColumns = List.copyOf(extraColumns);
        valueWarnings = List.copyOf(valueWarnings);
    }

    /** Whether the user had a file for this table. */
    public boolean present() {
        return source != null;
    }
}
