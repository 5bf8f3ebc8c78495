package fr.pretadepenser.scoring.model.selection;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** One way of ranking features; the first six vote, null importance is reported beside the vote. */
public enum SelectionMethod {

    /** |Pearson correlation| with the target (Hipparchus). */
    PEARSON("pearson", "Pearson correlation", true),
    /** scikit-learn's chi-square statistic on min-max scaled features. */
    CHI_SQUARE("chi2", "chi-square", true),
    /** Recursive elimination with a logistic regression (XGBoost gblinear): last eliminated first. */
    RFE("rfe", "recursive elimination", true),
    /** |coefficient| of an L1-penalised logistic regression (XGBoost gblinear, alpha); 0 means dropped. */
    L1_LOGISTIC("l1", "L1 logistic regression", true),
    /** Total gain of a random forest (XGBoost's random-forest mode). */
    RANDOM_FOREST("forest", "random forest", true),
    /** Total gain of gradient-boosted trees (XGBoost). */
    BOOSTING("boosting", "gradient boosting", true),
    /** Gradient-boosting gain against its distribution over trainings on a shuffled target. */
    NULL_IMPORTANCE("null", "null importance", false);

    private final String key;
    private final String label;
    private final boolean votes;

    SelectionMethod(String key, String label, boolean votes) {
        this.key = key;
        this.label = label;
        this.votes = votes;
    }

    /** The short name used on the command line and in files. */
    public String key() {
        return key;
    }

    /** The name a report shows. */
    public String label() {
        return label;
    }

    /** Whether it takes part in the vote (null importance is a check on it, not a voter). */
    public boolean votes() {
        return votes;
    }

    /**
     * The method of a short name.
     *
     * @throws IllegalArgumentException naming the names allowed
     */
    public static SelectionMethod of(String key) {
        for (SelectionMethod m : values()) {
            if (m.key.equals(key.trim().toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown selection method '" + key + "'; expected one of "
                + Arrays.stream(values()).map(SelectionMethod::key).collect(Collectors.joining(", ")));
    }
}
