package fr.pretadepenser.scoring.drift;

import org.hipparchus.stat.inference.KolmogorovSmirnovTest;

/**
 * The two-sample Kolmogorov-Smirnov test on binned distributions. The bundle keeps only each feature's shares on
 * its training decile bins, so the statistic is the largest gap between the two cumulative distributions at the
 * bin edges, not over every value: it can only be smaller than the exact statistic (the test is conservative).
 */
final class KolmogorovSmirnov {

    /** Only its limiting distribution is used: {@code ksSum} reads no state, so one instance serves every thread. */
    private static final KolmogorovSmirnovTest LIMIT = new KolmogorovSmirnovTest();

    private KolmogorovSmirnov() {
    }

    /** The largest absolute difference between the cumulative sums of two share vectors of the same length. */
    static double statistic(double[] reference, double[] current) {
        double r = 0;
        double c = 0;
        double d = 0;
        for (int i = 0; i < reference.length; i++) {
            r += reference[i];
            c += current[i];
            d = Math.max(d, Math.abs(r - c));
        }
        return d;
    }

    /**
     * The asymptotic p-value of a two-sample statistic {@code d} for samples of {@code n} and {@code m} values,
     * with Stephens' small-sample correction of the argument (Numerical Recipes, section 14.3); 1 when a sample is
     * empty.
     */
    static double pValue(double d, double n, double m) {
        if (n <= 0 || m <= 0) {
            return 1;
        }
        double effective = Math.sqrt(n * m / (n + m));
        return survival((effective + 0.12 + 0.11 / effective) * d);
    }

    /** {@code P(K > x)} for the Kolmogorov distribution K: {@code 2 sum_{j>=1} (-1)^(j-1) exp(-2 j^2 x^2)}. */
    static double survival(double x) {
        // Below 0.15 the answer is 1 to double precision (1 - 3e-23 at 0.15), and the library's alternating series
        // would need more terms than its cap as x nears 0: a statistic that is zero but for rounding would throw.
        if (x < 0.15) {
            return 1;
        }
        // The library's own tolerance and cap (its approximateP); min: the series' rounding can pass 1 by 1e-16.
        return Math.min(1, 1 - LIMIT.ksSum(x, 1e-20, 100_000));
    }
}
