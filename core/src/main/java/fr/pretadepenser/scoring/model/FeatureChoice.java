package fr.pretadepenser.scoring.model;

import fr.pretadepenser.scoring.model.selection.SelectionResult;
import fr.pretadepenser.scoring.model.selection.SelectionSettings;

/**
 * Which features a model is trained on: every feature, or the top {@code keep} of a vote, taken during the training
 * (inside its folds, then on every row) or read from a {@code scoring select} run.
 *
 * @param keep     features kept, 0 for every feature
 * @param settings the vote's settings when it is taken during the training, else null
 * @param result   the selection read from a file, else null
 */
public record FeatureChoice(int keep, SelectionSettings settings, SelectionResult result) {

    /** Every feature: no selection. */
    public static final FeatureChoice ALL = new FeatureChoice(0, null, null);

    /** Checks that a selection says how. */
    public FeatureChoice {
        if (keep < 0 || keep > 0 && (settings == null) == (result == null)) {
            throw new IllegalArgumentException("a feature choice keeps >= 0 features, from a vote or a file");
        }
    }

    /** The top {@code keep} of a vote taken with {@code settings}. */
    public static FeatureChoice vote(int keep, SelectionSettings settings) {
        return new FeatureChoice(keep, settings, null);
    }

    /** The top {@code keep} of a selection written by {@code scoring select}. */
    public static FeatureChoice file(int keep, SelectionResult result) {
        return new FeatureChoice(keep, null, result);
    }

    /** Whether features are selected. */
    public boolean selects() {
        return keep > 0;
    }
}
