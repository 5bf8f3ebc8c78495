package fr.pretadepenser.scoring.score;

import fr.pretadepenser.scoring.model.evaluation.Decision;

/**
 * Where a probability of default stands against the model's threshold, for people rather than systems: the
 * decision is still the threshold's, the band only says how close to it an application is.
 */
public enum RiskBand {
    /** Granted, well below the threshold. */
    LOW,
    /** Granted, but at or above {@link #REVIEW_SHARE} of the threshold: worth a second look. */
    REVIEW,
    /** Refused: at or above the threshold. */
    HIGH;

    /** The share of the threshold under which an application is low risk. */
    public static final double REVIEW_SHARE = 0.6;

    /** The band of a probability for a model whose refusal threshold is {@code threshold}. */
    public static RiskBand of(double probability, double threshold) {
        if (Double.isNaN(probability) || probability < 0 || probability > 1) {
            throw new IllegalArgumentException("a probability in [0, 1] expected, got " + probability);
        }
        if (Decision.at(probability, threshold) == Decision.REFUSED) {
            return HIGH;
        }
        return probability >= REVIEW_SHARE * threshold ? REVIEW : LOW;
    }

    /** The probability range of this band, as {@code [from, to)} for a model with that threshold. */
    public double[] range(double threshold) {
        return switch (this) {
            case LOW -> new double[]{0, REVIEW_SHARE * threshold};
            case REVIEW -> new double[]{REVIEW_SHARE * threshold, threshold};
            case HIGH -> new double[]{threshold, Double.POSITIVE_INFINITY};
        };
    }
}
