package fr.pretadepenser.scoring.features;

import java.util.Arrays;

/**
 * Feature rows as a model reads them: a dense row-major matrix of floats in the model's feature order (NaN for
 * missing), with each row's client and outcome.
 *
 * @param clients SK_ID_CURR of each row
 * @param targets TARGET of each row: 0 or 1, {@link #UNLABELLED} for an application without outcome
 * @param values  row-major values, {@code clients.length * width} of them
 * @param width   features per row
 */
public record FeatureRows(long[] clients, int[] targets, float[] values, int width) {

    /** The target of an application whose outcome is not known (application_test, a new application). */
    public static final int UNLABELLED = -1;

    /** Checks that the arrays agree in size. */
    public FeatureRows {
        if (targets.length != clients.length || (long) clients.length * width != values.length) {
            throw new IllegalArgumentException("feature rows disagree in size: " + clients.length + " clients, "
                    + targets.length + " targets, " + values.length + " values of width " + width);
        }
    }

    /** Rows of unlabelled applications. */
    public static FeatureRows unlabelled(long[] clients, float[] values, int width) {
        int[] targets = new int[clients.length];
        Arrays.fill(targets, UNLABELLED);
        return new FeatureRows(clients, targets, values, width);
    }

    /** One unlabelled application's row, its features in manifest order as doubles (NaN for missing). */
    public static FeatureRows of(long client, double[] features) {
        float[] values = new float[features.length];
        for (int c = 0; c < features.length; c++) {
            values[c] = (float) features[c];
        }
        return unlabelled(new long[]{client}, values, features.length);
    }

    /** How many rows. */
    public int rows() {
        return clients.length;
    }

    /** One row's values (a copy). */
    public float[] row(int row) {
        return Arrays.copyOfRange(values, row * width, (row + 1) * width);
    }
}
