package fr.pretadepenser.scoring.features;

import java.util.regex.Pattern;

/** The one thing the feature SQL cannot write portably: how to quote a name with spaces or punctuation. */
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

    /** A string literal (single quotes, the same in both dialects). */
    public String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
