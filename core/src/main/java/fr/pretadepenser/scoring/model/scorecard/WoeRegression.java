package fr.pretadepenser.scoring.model.scorecard;

/**
 * The scorecard's L2-regularised logistic regression on its WoE columns, fitted by full-batch gradient descent with
 * Adam: deterministic (zero start, fixed steps). The columns need no standardising: WoE is already a log-odds scale.
 * Its arithmetic is the scorecard's since the first bundle: any change moves the points of every bundle.
 */
final class WoeRegression {

    private static final int ITERATIONS = 200;
    private static final double STEP = 0.05;
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;

    private final double l2;

    /** @param l2 the L2 penalty per row */
    WoeRegression(double l2) {
        this.l2 = l2;
    }

    /**
     * Adam on the mean log-loss plus the L2 penalty; the last weight is the intercept.
     *
     * @param x     row-major values, {@code p} per row
     * @param train which rows to fit on
     * @return {@code p} coefficients, then the intercept
     */
    double[] fit(float[] x, int[] outcomes, boolean[] train, int p) {
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
