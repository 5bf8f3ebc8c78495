package fr.pretadepenser.scoring.model.training;

import java.util.Arrays;

/**
 * The baseline a boosted model must beat: an L2-regularised logistic regression on the same features, with what
 * it needs that trees do not: missing values imputed by the training median, then every feature standardised.
 * Fitted by full-batch gradient descent with Adam, deterministic (zero start, fixed steps).
 */
public final class LogisticBaseline {

    private static final int ITERATIONS = 200;
    private static final double STEP = 0.05;
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;

    private final double l2;

    /** @param l2 the L2 penalty per row (a few thousandths keeps 800 correlated features stable) */
    public LogisticBaseline(double l2) {
        this.l2 = l2;
    }

    /** Out-of-fold probabilities: for each fold, fitted on the other folds and applied to it. */
    public double[] crossValidate(TrainingSet data, int[] folds) {
        int k = Arrays.stream(folds).max().orElse(0) + 1;
        double[] outOfFold = new double[data.rows()];
        for (int fold = 0; fold < k; fold++) {
            boolean[] train = new boolean[data.rows()];
            for (int i = 0; i < train.length; i++) {
                train[i] = folds[i] != fold;
            }
            float[] x = standardise(data, train);
            double[] weights = fit(x, data.outcomes(), train, data.columns());
            for (int i = 0; i < train.length; i++) {
                if (!train[i]) {
                    outOfFold[i] = probability(x, i, weights);
                }
            }
        }
        return outOfFold;
    }

    /**
     * Every row imputed with the training rows' median and scaled by their mean and standard deviation, clipped
     * to [-10, 10] so that an extreme value in a held-out row cannot dominate the linear score.
     */
    private static float[] standardise(TrainingSet data, boolean[] train) {
        int p = data.columns();
        float[] x = new float[data.rows() * p];
        double[] present = new double[data.rows()];
        for (int c = 0; c < p; c++) {
            int n = 0;
            for (int i = 0; i < data.rows(); i++) {
                float v = data.value(i, c);
                if (train[i] && !Float.isNaN(v)) {
                    present[n++] = v;
                }
            }
            double[] sorted = Arrays.copyOf(present, n);
            Arrays.sort(sorted);
            double median = n == 0 ? 0 : sorted[n / 2];
            double sum = 0, sumSquares = 0;
            long rows = 0;
            for (int i = 0; i < data.rows(); i++) {
                if (train[i]) {
                    double v = Float.isNaN(data.value(i, c)) ? median : data.value(i, c);
                    sum += v;
                    sumSquares += v * v;
                    rows++;
                }
            }
            double mean = sum / rows;
            double variance = sumSquares / rows - mean * mean;
            double sd = variance > 1e-12 ? Math.sqrt(variance) : 1;
            for (int i = 0; i < data.rows(); i++) {
                double v = Float.isNaN(data.value(i, c)) ? median : data.value(i, c);
                x[i * p + c] = (float) Math.max(-10, Math.min(10, (v - mean) / sd));
            }
        }
        return x;
    }

    /**
     * Adam on the mean log-loss plus the L2 penalty; the last weight is the intercept. Package-private so that the
     * scorecard fits its WoE columns with the same optimiser (they need no standardising: WoE is already a log-odds
     * scale).
     *
     * @param x     row-major values, {@code p} per row
     * @param train which rows to fit on
     */
    public double[] fit(float[] x, int[] outcomes, boolean[] train, int p) {
        double[] weights = new double[p + 1];
        double[] m = new double[p + 1];
        double[] v = new double[p + 1];
        int rows = 0;
        for (boolean b : train) {
            rows += b ? 1 : 0;
        }
        for (int t = 1; t <= ITERATIONS; t++) {
            double[] gradient = new double[p + 1];
            for (int i = 0; i < outcomes.length; i++) {
                if (!train[i]) {
                    continue;
                }
                double error = probability(x, i, weights) - outcomes[i];
                int base = i * p;
                for (int c = 0; c < p; c++) {
                    gradient[c] += error * x[base + c];
                }
                gradient[p] += error;
            }
            for (int c = 0; c <= p; c++) {
                double g = gradient[c] / rows + (c < p ? l2 * weights[c] : 0);
                m[c] = BETA1 * m[c] + (1 - BETA1) * g;
                v[c] = BETA2 * v[c] + (1 - BETA2) * g * g;
                double mHat = m[c] / (1 - Math.pow(BETA1, t));
                double vHat = v[c] / (1 - Math.pow(BETA2, t));
                weights[c] -= STEP * mHat / (Math.sqrt(vHat) + 1e-8);
            }
        }
        return weights;
    }

    private static double probability(float[] x, int row, double[] weights) {
        int p = weights.length - 1;
        double z = weights[p];
        int base = row * p;
        for (int c = 0; c < p; c++) {
            z += weights[c] * x[base + c];
        }
        return 1 / (1 + Math.exp(-z));
    }
}
