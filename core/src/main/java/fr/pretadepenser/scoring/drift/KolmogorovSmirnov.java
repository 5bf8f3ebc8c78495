package fr.pretadepenser.scoring.drift;

/**
 * The two-sample Kolmogorov-Smirnov test on binned distributions. The bundle keeps only each feature's shares on
 * its training decile bins, so the statistic is the largest gap between the two cumulative distributions at the
 * bin edges, not over every value: it can only be smaller than the exact statistic (the test is conservative).
 */
final class KolmogorovSmirnov {

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

    /**
     * {@code P(K > x)} for the Kolmogorov distribution K:
     * {@code 2 sum_{j>=1} (-1)^(j-1) exp(-2 j^2 x^2)}, or, for small x where that series converges slowly, one
     * minus {@code sqrt(2 pi) / x sum_{j>=1} exp(-(2j-1)^2 pi^2 / (8 x^2))}.
     */
    static double survival(double x) {
        if (x <= 0) {
            return 1;
        }
        if (x < 1.18) {
            double sum = 0;
            for (int j = 1; j <= 20; j++) {
                sum += Math.exp(-(2 * j - 1) * (2 * j - 1) * Math.PI * Math.PI / (8 * x * x));
            }
            return Math.max(0, Math.min(1, 1 - Math.sqrt(2 * Math.PI) / x * sum));
        }
        double sum = 0;
        for (int j = 1; j <= 100; j++) {
            double term = Math.exp(-2.0 * j * j * x * x);
            sum += (j % 2 == 1 ? term : -term);
            if (term < 1e-16) {
                break;
            }
        }
        return Math.max(0, Math.min(1, 2 * sum));
    }
}
