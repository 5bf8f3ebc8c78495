package fr.pretadepenser.scoring.synthetic;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The rounded marginal distribution of one real column: its missing share, and either the shares of its values
 * (already written as the CSV text pandas would produce) or quantile knots between which values are interpolated.
 * Columns holding Kaggle's 365243 "no date" sentinel keep its share apart from the knots.
 */
final class ColumnProfile {

    /** Kaggle's stand-in for "no date" in day columns (about 1000 years). */
    static final long NO_DATE = 365_243;

    private final double missing;
    private final int decimals;
    private final double sentinel;
    private final byte[][] values;
    private final double[] cumulative;
    private final double[] probabilities;
    private final double[] knots;

    private ColumnProfile(double missing, int decimals, double sentinel, byte[][] values, double[] cumulative,
                          double[] probabilities, double[] knots) {
        this.missing = missing;
        this.decimals = decimals;
        this.sentinel = sentinel;
        this.values = values;
        this.cumulative = cumulative;
        this.probabilities = probabilities;
        this.knots = knots;
    }

    /** Parses the fields after table and column of a {@code marginal-profile.tsv} line. */
    static ColumnProfile parse(String[] f) {
        String kind = f[2];
        double missing = Double.parseDouble(f[3]);
        int decimals = Integer.parseInt(f[4]);
        double sentinel = Double.parseDouble(f[5]);
        int n = (f.length - 6) / 2;
        if ("cat".equals(kind)) {
            byte[][] values = new byte[n][];
            double[] cumulative = new double[n];
            double total = 0;
            for (int i = 0; i < n; i++) {
                values[i] = quoted(f[6 + 2 * i]).getBytes(StandardCharsets.UTF_8);
                total += Double.parseDouble(f[7 + 2 * i]);
                cumulative[i] = total;
            }
            for (int i = 0; i < n; i++) {
                cumulative[i] /= total;
            }
            return new ColumnProfile(missing, 0, 0, values, cumulative, null, null);
        }
        double[] p = new double[n];
        double[] q = new double[n];
        for (int i = 0; i < n; i++) {
            p[i] = Double.parseDouble(f[6 + 2 * i]);
            q[i] = Double.parseDouble(f[7 + 2 * i]);
        }
        return new ColumnProfile(missing, Math.min(decimals, 6), sentinel, null, null, p, q);
    }

    private static String quoted(String value) {
        return value.indexOf(',') >= 0 || value.indexOf('"') >= 0
                ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }

    double missingShare() {
        return missing;
    }

    int decimals() {
        return decimals;
    }

    /** How many categories the profile lists; 0 for a column described by quantiles. */
    int categoryCount() {
        return values == null ? 0 : values.length;
    }

    /** The text of category {@code index} as the column holds it (unquoted). */
    String category(int index) {
        String s = new String(values[index], StandardCharsets.UTF_8);
        return s.startsWith("\"") ? s.substring(1, s.length() - 1).replace("\"\"", "\"") : s;
    }

    /** Index of the category whose cumulative share first reaches {@code u} in [0, 1). */
    int draw(double u) {
        int i = Arrays.binarySearch(cumulative, u);
        i = i >= 0 ? i : -i - 1;
        return Math.min(i, values.length - 1);
    }

    /** The CSV bytes of category {@code index}. */
    byte[] value(int index) {
        return values[index];
    }

    /** A category drawn at {@code u} among all but {@code excluded}, keeping the others' relative shares. */
    int drawOtherThan(int excluded, double u) {
        if (excluded < 0) {
            return draw(u);
        }
        double share = categoryShare(excluded);
        double target = u * (1 - share);
        double below = excluded == 0 ? 0 : cumulative[excluded - 1];
        int drawn = draw(target < below ? target : target + share);
        // Only reachable when target lands exactly on the excluded category's lower edge.
        return drawn == excluded ? Math.min(excluded + 1, values.length - 1) : drawn;
    }

    /** Index of the category text in this profile, or -1; used to condition on a known value. */
    int categoryIndex(String text) {
        for (int i = 0; i < values.length; i++) {
            if (new String(values[i], StandardCharsets.UTF_8).equals(quoted(text))) {
                return i;
            }
        }
        return -1;
    }

    /** Share of one category, by index. */
    double categoryShare(int index) {
        return index == 0 ? cumulative[0] : cumulative[index] - cumulative[index - 1];
    }

    /** The non-sentinel value at quantile {@code u} in [0, 1], interpolated linearly between knots. */
    double quantile(double u) {
        int i = Arrays.binarySearch(probabilities, u);
        if (i >= 0) {
            return knots[i];
        }
        int hi = Math.min(-i - 1, probabilities.length - 1);
        int lo = Math.max(hi - 1, 0);
        double span = probabilities[hi] - probabilities[lo];
        double t = span <= 0 ? 0 : (u - probabilities[lo]) / span;
        return knots[lo] + t * (knots[hi] - knots[lo]);
    }

    /** Writes the value at {@code u}, sentinel share first, as an integer or a decimal as the column needs. */
    void write(CsvBuffer out, double u, boolean integer) {
        if (values != null) {
            out.append(values[draw(u)]);
            return;
        }
        double value;
        if (u < sentinel) {
            value = NO_DATE;
        } else {
            value = quantile(sentinel > 0 ? (u - sentinel) / (1 - sentinel) : u);
        }
        if (integer) {
            out.appendLong(Math.round(value));
        } else {
            out.appendDecimal(value, decimals);
        }
    }
}
