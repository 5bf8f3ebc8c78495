package fr.pretadepenser.scoring.data.ingest;

/** Small pieces of SQL text built safely: quoted identifiers and string literals. */
final class Sql {

    private Sql() {
    }

    /** A double-quoted identifier; column names keep their case (Kaggle's are upper case). */
    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** A single-quoted string literal. */
    static String literal(String text) {
        return '\'' + text.replace("'", "''") + '\'';
    }

    /** Whether a raw CSV field holds that integer (so "00123" and " 123" match 123 as DuckDB read them). */
    static boolean sameInteger(String field, long value) {
        try {
            return Long.parseLong(field.trim()) == value;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Whether a raw CSV field is a number without a fractional part ("12", "12.0", "1e3"). */
    static boolean isWholeNumber(String field) {
        try {
            double value = Double.parseDouble(field.trim());
            return value == Math.floor(value);
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
