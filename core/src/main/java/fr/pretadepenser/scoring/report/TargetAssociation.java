package fr.pretadepenser.scoring.report;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

import static fr.pretadepenser.scoring.report.SqlRows.asDouble;
import static fr.pretadepenser.scoring.report.SqlRows.asLong;

/**
 * How one variable goes with default (TARGET = 1): the default rate of each of its categories or deciles, their
 * 95% Wilson intervals, its information value over those bins and, for a number, its Pearson correlation with TARGET.
 *
 * <p>The variable is read from a SQL query returning two columns, {@code TARGET} and {@code x}: an application
 * column, or a per-client aggregate of a side table joined to the applications. Numbers are cut at their deciles
 * (equal values stay in one bin, so a flag has two bins); empty values form a bin of their own.
 *
 * @param table    the table the variable comes from
 * @param variable its name
 * @param text     whether it is a category (else a number)
 * @param bins     its categories or deciles, in order, the empty bin last
 * @param iv       information value over the bins
 * @param pearson  correlation of x with TARGET (NaN for a category or a constant)
 */
record TargetAssociation(String table, String variable, boolean text, List<Bin> bins, double iv, double pearson) {

    /** The count given to an empty cell (no default or no non-default in a bin), so that its log-odds is finite. */
    static final double EMPTY_CELL = 0.5;

    private static final double Z = 1.959964;

    /** One category or decile: its label, clients and defaults. */
    record Bin(String label, long clients, long defaults) {

        double rate() {
            return clients == 0 ? Double.NaN : defaults / (double) clients;
        }

        /** The 95% Wilson score interval of the default rate, as {lower, upper}. */
        double[] interval() {
            return wilson(defaults, clients);
        }
    }

    /** Measures the variable {@code x} of {@code source} (a query returning TARGET and x). */
    static TargetAssociation of(SqlRows sql, String table, String variable, boolean text, String source)
            throws SQLException {
        String with = "WITH v AS (" + source + ") ";
        List<Bin> bins = new ArrayList<>();
        double pearson = Double.NaN;
        if (text) {
            for (Object[] r : sql.all(with + "SELECT x, count(*), sum(TARGET) FROM v GROUP BY x"
                    + " ORDER BY CASE WHEN x IS NULL THEN 1 ELSE 0 END, 2 DESC, 1")) {
                bins.add(new Bin(r[0] == null ? "(empty)" : String.valueOf(r[0]), asLong(r[1]), asLong(r[2])));
            }
        } else {
            // Decile cut points (quantile_disc is DuckDB's name for percentile_disc ... WITHIN GROUP).
            Object[] cut = sql.one(with + "SELECT quantile_disc(x, [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]),"
                    + " corr(CAST(x AS DOUBLE), CAST(TARGET AS DOUBLE)) FROM v");
            pearson = asDouble(cut[1]);
            TreeSet<Double> cuts = new TreeSet<>();
            if (cut[0] instanceof java.sql.Array array) {
                for (Object value : (Object[]) array.getArray()) {
                    if (value != null) {
                        cuts.add(((Number) value).doubleValue());
                    }
                }
            }
            List<Double> edges = new ArrayList<>(cuts);
            StringBuilder bin = new StringBuilder("CASE WHEN x IS NULL THEN NULL");
            for (int i = 0; i < edges.size(); i++) {
                bin.append(" WHEN x <= ").append(edges.get(i)).append(" THEN ").append(i);
            }
            bin.append(" ELSE ").append(edges.size()).append(" END");
            for (Object[] r : sql.all(with + "SELECT " + bin + " AS bin, count(*), sum(TARGET), min(x), max(x)"
                    + " FROM v GROUP BY 1 ORDER BY CASE WHEN bin IS NULL THEN 1 ELSE 0 END, 1")) {
                String label = r[0] == null ? "(empty)"
                        : range(asDouble(r[3]), asDouble(r[4]));
                bins.add(new Bin(label, asLong(r[1]), asLong(r[2])));
            }
        }
        return new TargetAssociation(table, variable, text, List.copyOf(bins), informationValue(bins), pearson);
    }

    /**
     * Information value: the sum over bins of (share of defaulters - share of others) x ln(ratio of the two shares),
     * an empty cell counting as {@value #EMPTY_CELL} client. 0 when either class is absent.
     */
    static double informationValue(List<Bin> bins) {
        double bad = bins.stream().mapToLong(Bin::defaults).sum();
        double good = bins.stream().mapToLong(b -> b.clients() - b.defaults()).sum();
        if (bad == 0 || good == 0) {
            return 0;
        }
        double iv = 0;
        for (Bin b : bins) {
            double badShare = Math.max(b.defaults(), EMPTY_CELL) / bad;
            double goodShare = Math.max(b.clients() - b.defaults(), EMPTY_CELL) / good;
            iv += (badShare - goodShare) * Math.log(badShare / goodShare);
        }
        return iv;
    }

    /** The 95% Wilson score interval of {@code successes} out of {@code n}, as {lower, upper} ({NaN, NaN} if n = 0). */
    static double[] wilson(long successes, long n) {
        if (n == 0) {
            return new double[]{Double.NaN, Double.NaN};
        }
        double p = successes / (double) n;
        double z2 = Z * Z;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = Z / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        return new double[]{Math.max(0, centre - half), Math.min(1, centre + half)};
    }

    /** How strong an information value is, in the usual credit-scoring words. */
    static String strength(double iv) {
        return iv < 0.02 ? "not useful" : iv < 0.1 ? "weak" : iv < 0.3 ? "medium" : iv < 0.5 ? "strong"
                : "very strong (check for leakage)";
    }

    private static String range(double lo, double hi) {
        return lo == hi ? shown(lo) : shown(lo) + " to " + shown(hi);
    }

    static String shown(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) v);
        }
        double a = Math.abs(v);
        return String.format(Locale.ROOT, a >= 1000 ? "%,.0f" : a >= 1 ? "%.2f" : "%.4f", v);
    }
}
