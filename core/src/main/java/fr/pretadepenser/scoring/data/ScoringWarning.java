package fr.pretadepenser.scoring.data;

import java.util.Comparator;
import java.util.Locale;
import java.util.Objects;

/**
 * Something in a client's rows that is scored anyway, but that a person should know about: a category the model
 * never saw in training, a category the Kaggle files do not have, a value outside the plausible ones, history rows
 * that link to no row of their parent table. The same finding gives the same warning whatever the door (API, {@code scoring predict}, Spark), so that
 * the answers can be compared.
 *
 * @param kind   what was found
 * @param table  the table of the rows ({@code application} for the application row)
 * @param column the column at fault: the category's column, or the key that links nothing
 * @param value  the category found; for an implausible value, what the column's values should be; for unlinked
 *               rows, the parent table their key should name a row of
 * @param rows   how many of the client's rows hold it
 */
public record ScoringWarning(Kind kind, String table, String column, String value, long rows) {

    /**
     * The order of a client's warnings: by table, column, value, then kind's name; plain text comparisons, so that
     * an SQL engine sorting the same fields gives the same order.
     */
    public static final Comparator<ScoringWarning> ORDER = Comparator.comparing(ScoringWarning::table)
            .thenComparing(ScoringWarning::column).thenComparing(ScoringWarning::value)
            .thenComparing(w -> w.kind().name());

    /** What a warning is about. */
    public enum Kind {
        /** A category of the Kaggle files that the model never saw in training. */
        UNSEEN_CATEGORY,
        /** A text value that is none of the column's categories in the Kaggle files. */
        UNKNOWN_CATEGORY,
        /** History rows whose key names no row of their parent table. */
        UNLINKED_ROWS,
        /** A number outside the plausible values of its column (the request checks' range table). */
        IMPLAUSIBLE_VALUE
    }

    /** Checks that the parts a warning needs are there. */
    public ScoringWarning {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(value, "value");
        if (rows < 1) {
            throw new IllegalArgumentException("a warning counts at least one row, got " + rows);
        }
    }

    /** The warning in plain words, e.g. for a scores file or a log. */
    public String message() {
        String count = rows + (rows == 1 ? " row" : " rows");
        return switch (kind) {
            case UNSEEN_CATEGORY -> String.format(Locale.ROOT, "%s.%s: '%s' (%s) is a category the model never saw"
                    + " in training; scored as none of the column's categories", table, column, value, count);
            case UNKNOWN_CATEGORY -> String.format(Locale.ROOT, "%s.%s: '%s' (%s) is not a category of the Kaggle"
                    + " files; scored as none of the column's categories", table, column, value, count);
            case IMPLAUSIBLE_VALUE -> String.format(Locale.ROOT, "%s.%s: %s outside the plausible values (expected"
                    + " %s); scored as given", table, column, count, value);
            // Rows under a previous application also name the client, and the features aggregate them by client;
            // monthly bureau rows name only their credit, so without it they count nowhere.
            case UNLINKED_ROWS -> String.format(Locale.ROOT, "%s: %s whose %s names no row of %s; %s", table,
                    count, column, value, column.equals("SK_ID_BUREAU")
                            ? "left out of the features, as in the batch pipeline"
                            : "counted in the client's features, as in the batch pipeline");
        };
    }
}
