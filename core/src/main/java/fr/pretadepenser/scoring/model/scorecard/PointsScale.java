package fr.pretadepenser.scoring.model.scorecard;

/**
 * How a scorecard turns log-odds into points: {@code points} at good:bad odds of {@code odds}, and {@code pdo} more
 * points each time the odds double. More points always mean less risk.
 *
 * <p>With factor = pdo / ln 2 and offset = points - factor * ln(odds), a client's total is
 * offset + factor * ln(good:bad odds). The logistic regression gives ln(bad:good odds) = alpha + sum(beta * WoE), so
 * the total splits over the n variables as sum over variables of -(beta * WoE + alpha / n) * factor + offset / n.
 *
 * @param points points at the reference odds (600 by default)
 * @param odds   the reference good:bad odds (19, i.e. a 5% default probability, by default)
 * @param pdo    points to double the odds (50 by default)
 */
public record PointsScale(double points, double odds, double pdo) {

    /** 600 points at odds 19:1, 50 points to double the odds. */
    public static final PointsScale DEFAULT = new PointsScale(600, 19, 50);

    /** Checks that the odds and the doubling are positive. */
    public PointsScale {
        if (!(odds > 0) || !(pdo > 0)) {
            throw new IllegalArgumentException("points scale needs odds > 0 and pdo > 0; were " + odds + ", " + pdo);
        }
    }

    /** Points per unit of log-odds: pdo / ln 2. */
    public double factor() {
        return pdo / Math.log(2);
    }

    /** Points at even odds (1:1): points - factor * ln(odds). */
    public double offset() {
        return points - factor() * Math.log(odds);
    }

    /**
     * The points of one bin of one variable.
     *
     * @param coefficient the variable's logistic coefficient (on WoE, toward default)
     * @param woe         the bin's weight of evidence, ln(share of goods / share of bads)
     * @param intercept   the logistic intercept (toward default)
     * @param variables   how many variables share the intercept and the offset
     */
    public double binPoints(double coefficient, double woe, double intercept, int variables) {
        return -(coefficient * woe + intercept / variables) * factor() + offset() / variables;
    }

    /** The points of good:bad odds. */
    public double pointsAt(double goodBadOdds) {
        return offset() + factor() * Math.log(goodBadOdds);
    }

    /** The probability of default at a points total. */
    public double probabilityAt(double total) {
        double goodBadOdds = Math.exp((total - offset()) / factor());
        return 1 / (1 + goodBadOdds);
    }
}
