package fr.pretadepenser.scoring.model.selection;

import fr.pretadepenser.scoring.model.training.TrainingSet;
import org.hipparchus.stat.correlation.PearsonsCorrelation;

/**
 * The notebook's two filters, each feature judged alone against the target on every training row given. Neither
 * takes a missing value: it is filled with the mean of the column's present values in those rows, which leaves the
 * column's mean (and so the statistic's centre) unchanged and, unlike the median, needs no sort.
 */
final class Filters {

    /** Columns copied out of the row-major matrix at a time: one pass over the rows per block. */
    private static final int BLOCK = 64;

    private Filters() {
    }

    /** |Pearson correlation| of each feature with the target; 0 for a constant or never present feature. */
    static double[] pearson(TrainingSet data, int[] rows) {
        double[] y = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            y[i] = data.outcomes()[rows[i]];
        }
        PearsonsCorrelation correlation = new PearsonsCorrelation();
        double[] scores = new double[data.columns()];
        forEachColumn(data, rows, (column, x) -> {
            double r = correlation.correlation(x, y);
            scores[column] = Double.isNaN(r) ? 0 : Math.abs(r);
        });
        return scores;
    }

    /**
     * scikit-learn's {@code chi2} on features min-max scaled to [0, 1], as the notebook computes it: per class, the
     * sum of the scaled values observed against the sum expected from the class's share of rows. Written here in
     * one line because Hipparchus's chi-square test takes integer counts, and these are sums of scaled values.
     */
    static double[] chiSquare(TrainingSet data, int[] rows) {
        int defaults = 0;
        for (int row : rows) {
            defaults += data.outcomes()[row];
        }
        double share = (double) defaults / rows.length;
        double[] scores = new double[data.columns()];
        forEachColumn(data, rows, (column, x) -> {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (double v : x) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            if (!(max > min)) {
                return;
            }
            double sumDefaults = 0;
            double sum = 0;
            for (int i = 0; i < x.length; i++) {
                double scaled = (x[i] - min) / (max - min);
                sum += scaled;
                sumDefaults += data.outcomes()[rows[i]] * scaled;
            }
            double expectedDefaults = sum * share;
            double expectedOthers = sum * (1 - share);
            double others = sum - sumDefaults;
            scores[column] = expectedDefaults <= 0 || expectedOthers <= 0 ? 0
                    : square(sumDefaults - expectedDefaults) / expectedDefaults
                    + square(others - expectedOthers) / expectedOthers;
        });
        return scores;
    }

    private static double square(double v) {
        return v * v;
    }

    /** What is done with one column's values, missing ones filled with the column's mean. */
    @FunctionalInterface
    private interface ColumnVisitor {
        void accept(int column, double[] values);
    }

    /** Hands each column of {@code rows} to {@code visitor}, missing values filled with the present values' mean. */
    private static void forEachColumn(TrainingSet data, int[] rows, ColumnVisitor visitor) {
        int p = data.columns();
        float[] values = data.values();
        for (int from = 0; from < p; from += BLOCK) {
            int width = Math.min(BLOCK, p - from);
            double[][] columns = new double[width][rows.length];
            double[] sums = new double[width];
            int[] present = new int[width];
            for (int i = 0; i < rows.length; i++) {
                int base = rows[i] * p + from;
                for (int c = 0; c < width; c++) {
                    float v = values[base + c];
                    columns[c][i] = v;
                    if (!Float.isNaN(v)) {
                        sums[c] += v;
                        present[c]++;
                    }
                }
            }
            for (int c = 0; c < width; c++) {
                if (present[c] == 0) {
                    continue;
                }
                double mean = sums[c] / present[c];
                double[] x = columns[c];
                for (int i = 0; i < x.length; i++) {
                    if (Double.isNaN(x[i])) {
                        x[i] = mean;
                    }
                }
                visitor.accept(from + c, x);
            }
        }
    }
}
