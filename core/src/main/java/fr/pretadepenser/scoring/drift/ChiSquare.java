package fr.pretadepenser.scoring.drift;

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
        if (x <= 0) {
            return 1;
        }
        return upperGamma(k / 2, x / 2);
    }

    /** The regularised upper incomplete gamma function Q(a, x) (Numerical Recipes, section 6.2). */
    static double upperGamma(double a, double x) {
        if (x < a + 1) {
            // Series for P(a, x), then Q = 1 - P.
            double term = 1 / a;
            double sum = term;
            for (int n = 1; n < 1000 && Math.abs(term) > Math.abs(sum) * 1e-15; n++) {
                term *= x / (a + n);
                sum += term;
            }
            return Math.max(0, 1 - sum * Math.exp(-x + a * Math.log(x) - logGamma(a)));
        }
        // Continued fraction for Q(a, x) (modified Lentz).
        double tiny = 1e-300;
        double b = x + 1 - a;
        double c = 1 / tiny;
        double d = 1 / b;
        double h = d;
        for (int i = 1; i < 1000; i++) {
            double an = -i * (i - a);
            b += 2;
            d = an * d + b;
            d = Math.abs(d) < tiny ? tiny : d;
            c = b + an / c;
            c = Math.abs(c) < tiny ? tiny : c;
            d = 1 / d;
            double delta = d * c;
            h *= delta;
            if (Math.abs(delta - 1) < 1e-15) {
                break;
            }
        }
        return Math.min(1, Math.exp(-x + a * Math.log(x) - logGamma(a)) * h);
    }

    /** ln Gamma(x) for x > 0 (Lanczos approximation, g = 7, nine coefficients: about 15 significant digits). */
    static double logGamma(double x) {
        if (x < 0.5) {
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
        }
        double[] c = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
                -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
                1.5056327351493116e-7};
        double z = x - 1;
        double sum = c[0];
        for (int i = 1; i < c.length; i++) {
            sum += c[i] / (z + i);
        }
        double t = z + 7.5;
        return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
    }
}
