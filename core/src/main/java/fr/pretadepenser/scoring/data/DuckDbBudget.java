package fr.pretadepenser.scoring.data;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The memory a batch job over DuckDB (ingest, feature build) aims to take, for the whole process: DuckDB gets all of
 * it but what the JVM and DuckDB's own allocations outside its buffer pool are assumed to need, and spills the rest
 * to disk (its temporary folder beside the database file) instead of growing.
 *
 * @param processBytes the whole process's budget in bytes, at least {@link #MINIMUM}
 */
public record DuckDbBudget(long processBytes) {

    /** The default: a Kaggle-size ingest and feature build then each peak under 4 GiB, for an 8 GB laptop. */
    public static final DuckDbBudget DEFAULT = new DuckDbBudget(3L << 30);

    /**
     * The smallest budget accepted: with 1 GiB (512 MiB for DuckDB) the feature join, which fills 795 columns at
     * once, ran out of memory at 30,000 clients, and 1.5 GiB was enough there. The smallest budget measured at Kaggle
     * size is the default.
     */
    public static final long MINIMUM = 2L << 30;

    /**
     * What the process is assumed to need beside DuckDB's buffer pool: the JVM (heap in use, code, threads), and
     * DuckDB's allocations its memory limit does not count. An estimate, not a cap: at Kaggle size the feature build
     * peaked at 3,368 MiB of resident memory with the default budget (DuckDB limited to 2.5 GiB), so the process may
     * exceed its budget by a few hundred MiB.
     */
    static final long OUTSIDE_DUCKDB = 512L << 20;

    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([KMGT]?)(i?B)?",
            Pattern.CASE_INSENSITIVE);

    /** Refuses a budget too small to build the features. */
    public DuckDbBudget {
        if (processBytes < MINIMUM) {
            throw new IllegalArgumentException("a memory budget of " + describe(processBytes)
                    + " is too small: give at least 2GiB");
        }
    }

    /**
     * Reads a size as a user writes it: {@code 3GiB}, {@code 3G}, {@code 2.5GB}, {@code 4096MiB} (K, M, G, T are
     * powers of 1024 with or without {@code iB}, as DuckDB's own setting reads them).
     *
     * @throws IllegalArgumentException for anything else, saying what is expected
     */
    public static DuckDbBudget parse(String text) {
        Matcher m = SIZE.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a size such as 3GiB or 2500MiB, found '" + text + "'");
        }
        int shift = switch (m.group(2).toUpperCase(Locale.ROOT)) {
            case "K" -> 10;
            case "M" -> 20;
            case "G" -> 30;
            case "T" -> 40;
            default -> 0;
        };
        return new DuckDbBudget(Math.round(Double.parseDouble(m.group(1)) * (1L << shift)));
    }

    /** DuckDB's {@code memory_limit}: the budget less what the rest of the process needs. */
    public long duckDbBytes() {
        return processBytes - OUTSIDE_DUCKDB;
    }

    /** Sets DuckDB's memory limit on the database of this connection (a database-wide setting). */
    public void apply(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("SET memory_limit = '" + (duckDbBytes() >> 20) + "MiB'");
        }
    }

    @Override
    public String toString() {
        return describe(processBytes);
    }

    private static String describe(long bytes) {
        return bytes % (1L << 30) == 0 ? (bytes >> 30) + "GiB" : (bytes >> 20) + "MiB";
    }
}
