package fr.pretadepenser.scoring.model;

import java.util.List;

/**
 * The labelled applications a model learns from: a dense row-major matrix of features (NaN for missing) with
 * each row's outcome and client.
 *
 * @param featureNames the columns, in manifest order
 * @param values       row-major values, {@code rows() * featureNames.size()} of them
 * @param outcomes     1 for a default, 0 otherwise, one per row
 * @param clients      SK_ID_CURR of each row (never a feature: kept to trace predictions back)
 */
public record TrainingSet(List<String> featureNames, float[] values, int[] outcomes, long[] clients) {

    /** Checks that the arrays agree in size. */
    public TrainingSet {
        featureNames = List.copyOf(featureNames);
        if (outcomes.length != clients.length || (long) outcomes.length * featureNames.size() != values.length) {
            throw new IllegalArgumentException("training set sizes disagree: " + outcomes.length + " outcomes, "
                    + clients.length + " clients, " + values.length + " values for " + featureNames.size()
                    + " features");
        }
    }

    /** Number of applications. */
    public int rows() {
        return outcomes.length;
    }

    /** Number of features. */
    public int columns() {
        return featureNames.size();
    }

    /** Share of defaults. */
    public double defaultRate() {
        long defaults = 0;
        for (int o : outcomes) {
            defaults += o;
        }
        return (double) defaults / outcomes.length;
    }

    /** The value of one cell (NaN when missing). */
    public float value(int row, int column) {
        return values[row * featureNames.size() + column];
    }
}
