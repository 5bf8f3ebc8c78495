package fr.pretadepenser.scoring.model.evaluation;

import java.util.Locale;

/**
 * A credit decision at a threshold: refused at or above it, granted below. The one place this rule is written:
 * training's threshold search, the scores served and the portfolio all decide through {@link #at}.
 */
public enum Decision {
    /** The probability of default is below the threshold. */
    GRANTED,
    /** The probability of default is at or above the threshold. */
    REFUSED;

    /** The decision for a probability of default at a refusal threshold. */
    public static Decision at(double probability, double threshold) {
        return probability >= threshold ? REFUSED : GRANTED;
    }

    /** {@code granted} or {@code refused}, as the API, the audit and the scores files write it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
