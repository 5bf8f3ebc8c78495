package fr.pretadepenser.scoring.data.check;

import java.util.List;
import java.util.Optional;

/**
 * The plausible values of the numeric columns of a request, as one table: read it top to bottom, the first line
 * whose table and column pattern match a column applies, and a column no line matches takes any value.
 *
 * <p>No line may reject a value that a row of the real Kaggle files holds (the model was trained on them): the
 * exceptions at the top are the columns whose real values break the general rule below them. Text columns are
 * not here; their categories are the model's vocabularies.
 */
final class Ranges {

    /** The application row of a request (application_train without TARGET). */
    static final String APPLICATION = "application";
    /** Any of the six side tables. */
    static final String HISTORY = "history";
    /** Every table. */
    static final String ANY = "*";
    /** Kaggle's placeholder for "no such date" (a thousand years ahead): pensioners' DAYS_EMPLOYED, open loans. */
    static final double NO_DATE = 365243;

    private static final double NONE = Double.POSITIVE_INFINITY;
    private static final String DAYS_BEFORE = "a number of days before the application";

    private static final List<Range> TABLE = List.of(
            // Exceptions first: columns whose real values break the general rules further down.
            any("bureau", "AMT_CREDIT_SUM_DEBT AMT_CREDIT_SUM_LIMIT"),                   // negative: overpaid
            any("bureau", "DAYS_CREDIT_ENDDATE DAYS_ENDDATE_FACT DAYS_CREDIT_UPDATE"),   // after the application too
            any("previous_application", "AMT_DOWN_PAYMENT"),                             // -0.9 in the full file
            any("previous_application", "DAYS_LAST_DUE_1ST_VERSION"),                    // planned end, often ahead
            any("credit_card_balance", "AMT_BALANCE AMT_RECEIVABLE_PRINCIPAL AMT_RECIVABLE AMT_TOTAL_RECEIVABLE"
                    + " AMT_DRAWINGS_ATM_CURRENT AMT_DRAWINGS_CURRENT"),                 // negative after refunds

            // The rules: between(table, columns, least, greatest, what the value is); NONE leaves a side open.
            between(ANY, "SK_ID_*", 1, NONE, "a positive identifier"),
            between(APPLICATION, "DAYS_BIRTH", -43830, -6575,                  // 120 and 18 years of 365.25 days
                    "a birth date 18 to 120 years before the application, in days"),
            between(APPLICATION, "DAYS_EMPLOYED", -NONE, 0, DAYS_BEFORE).or(NO_DATE, "for none"),
            between(APPLICATION, "DAYS_*", -NONE, 0, DAYS_BEFORE),
            between(APPLICATION, "EXT_SOURCE_*", 0, 1, "a normalized score"),
            flag(APPLICATION, "FLAG_* REG_*_NOT_* LIVE_*_NOT_*"),
            between(APPLICATION, "HOUR_APPR_PROCESS_START", 0, 23, "an hour of the day"),
            between(APPLICATION, "REGION_RATING_CLIENT", 1, 3, "a region rating"),
            between(APPLICATION, "REGION_RATING_CLIENT_W_CITY", 1, 3, "a region rating")
                    .or(-1, "as in application_test"),                                 // -1 in the real test file
            between(APPLICATION, "CNT_* *_CNT_*", 0, NONE, "a count"),
            between(APPLICATION, "AMT_*", 0, NONE, "an amount"),

            between("bureau", "DAYS_CREDIT", -NONE, 0, DAYS_BEFORE),
            between("bureau", "CREDIT_DAY_OVERDUE", 0, NONE, "a number of days overdue"),
            between("previous_application", "DAYS_DECISION", -NONE, 0, DAYS_BEFORE),
            between("previous_application", "DAYS_FIRST_DRAWING DAYS_FIRST_DUE DAYS_LAST_DUE DAYS_TERMINATION",
                    -NONE, 0, DAYS_BEFORE).or(NO_DATE, "for none"),
            between("previous_application", "HOUR_APPR_PROCESS_START", 0, 23, "an hour of the day"),
            flag("previous_application", "NFLAG_*"),
            between("installments_payments", "DAYS_*", -NONE, 0, DAYS_BEFORE),
            between(HISTORY, "MONTHS_BALANCE", -NONE, 0, "a number of months before the application"),
            between(HISTORY, "SK_DPD*", 0, NONE, "a number of days past due"),
            between(HISTORY, "CNT_*", 0, NONE, "a count"),
            between(HISTORY, "AMT_*", 0, NONE, "an amount"));

    private Ranges() {
    }

    /** The range of a numeric column of a table ({@link #APPLICATION} or a side table), if it has one. */
    static Optional<Range> of(String table, String column) {
        return TABLE.stream().filter(r -> r.covers(table, column)).findFirst().filter(Range::restricts);
    }

    /** Every line of the table, for checking that each pattern names real columns. */
    static List<Range> all() {
        return TABLE;
    }

    private static Range between(String table, String columns, double min, double max, String meaning) {
        return new Range(table, List.of(columns.split(" ")), min, max, false, null, null, meaning);
    }

    private static Range flag(String table, String columns) {
        return new Range(table, List.of(columns.split(" ")), 0, 1, true, null, null, "a flag");
    }

    private static Range any(String table, String columns) {
        return new Range(table, List.of(columns.split(" ")), -NONE, NONE, false, null, null, "any value");
    }

    /**
     * One line of the table.
     *
     * @param table    a side table's name, {@link #APPLICATION}, {@link #HISTORY} or {@link #ANY}
     * @param columns  column names, where {@code *} stands for any characters ({@code AMT_*})
     * @param min      the least value allowed
     * @param max      the greatest value allowed
     * @param whole    whether only whole values are allowed (flags stored as decimals)
     * @param also     one more value allowed outside the bounds ({@link #NO_DATE}), or null
     * @param alsoNote what that value means, for messages: "or 365243 {alsoNote}"
     * @param meaning  what the value is, for messages: "expected {meaning} ({bounds}), got ..."
     */
    record Range(String table, List<String> columns, double min, double max, boolean whole, Double also,
                 String alsoNote, String meaning) {

        /** The same range, also allowing one value outside its bounds. */
        Range or(double value, String note) {
            return new Range(table, columns, min, max, whole, value, note, meaning);
        }

        boolean covers(String tableName, String column) {
            boolean inTable = table.equals(ANY) || table.equals(tableName)
                    || table.equals(HISTORY) && !tableName.equals(APPLICATION);
            return inTable && columns.stream().anyMatch(pattern -> column.matches(pattern.replace("*", ".*")));
        }

        boolean restricts() {
            return min > -NONE || max < NONE;
        }

        boolean allows(double x) {
            return x >= min && x <= max && (!whole || x == Math.rint(x)) || also != null && x == also;
        }

        /** "expected ..." for a value outside the range. */
        String expected() {
            String bounds;
            if (whole && max - min == 1) {
                bounds = Shown.number(min) + " or " + Shown.number(max);
            } else if (min == -NONE) {
                bounds = "<= " + Shown.number(max);
            } else if (max == NONE) {
                bounds = ">= " + Shown.number(min);
            } else {
                bounds = Shown.number(min) + " to " + Shown.number(max);
            }
            if (also != null) {
                bounds += ", or " + Shown.number(also) + " " + alsoNote;
            }
            return meaning + " (" + bounds + ")";
        }
    }
}
