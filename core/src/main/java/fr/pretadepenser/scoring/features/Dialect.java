package fr.pretadepenser.scoring.features;

import java.util.regex.Pattern;

/**
 * What the feature SQL cannot write portably, so the macros write it: how to quote a name with spaces or
 * punctuation, and how to escape a quote inside a category literal.
 */
public enum Dialect {
    /** DuckDB (and standard SQL): double quotes. */
    DUCKDB('"'),
    /** Spark SQL: back-ticks. */
    SPARK('`');

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final char quote;

    Dialect(char quote) {
        this.quote = quote;
    }

    /** The identifier as written in SQL: bare when it is a plain word, quoted otherwise. */
    public String identifier(String name) {
        if (PLAIN.matcher(name).matches()) {
            return name;
        }
        String q = String.valueOf(quote);
        return q + name.replace(q, q + q) + q;
    }

    /**
     * A string literal in single quotes. DuckDB doubles a quote inside it, as standard SQL does; Spark SQL reads
     * {@code 'a''b'} as two adjacent literals ({@code "ab"}, silently wrong), and treats a backslash as an escape,
     * so there both are escaped with a backslash.
     */
    public String literal(String text) {
        if (this == SPARK) {
            return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
        }
        return "'" + text.replace("'", "''") + "'";
    }
}
