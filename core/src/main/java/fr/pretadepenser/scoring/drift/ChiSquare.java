package fr.pretadepenser.scoring.drift;

import org.hipparchus.special.Gamma;

/**
 * Pearson's chi-square goodness-of-fit test of a batch's bin counts against the training shares, and the
 * chi-square survival function it needs. The training sample is taken as the true distribution (it is the larger
 * sample), and bins the training data left empty are left out: their expected count is zero.
 */
final class ChiSquare {

    private ChiSquare() {
    }

    /**
     * The statistic and its degrees of freedom.
     *
     * @param statistic {@code sum (observed - expected)^2 / expected} over the bins with a training share
     * @param degrees   those bins less one (0 when there is at most one)
     */
    record Result(double statistic, int degrees) {

        /** The p-value; 1 without degrees of freedom. */
        double pValue() {
            return degrees == 0 ? 1 : survival(statistic, degrees);
        }
    }

    /** The test of {@code n} current values with shares {@code current} against the shares {@code reference}. */
    static Result test(double[] reference, double[] current, double n) {
        double statistic = 0;
        int bins = 0;
        for (int i = 0; i < reference.length; i++) {
            if (reference[i] <= 0) {
                continue;
            }
            bins++;
            double expected = n * reference[i];
            double observed = n * current[i];
            statistic += (observed - expected) * (observed - expected) / expected;
        }
        return new Result(statistic, Math.max(0, bins - 1));
    }

    /** {@code P(X > x)} for X chi-square with {@code k} degrees of freedom: {@code Q(k/2, x/2)}. */
    static double survival(double x, double k) {
        return x <= 0 ? 1 : Gamma.regularizedGammaQ(k / 2, x / 2);
    }
}
