package fr.pretadepenser.scoring.model.training;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Assigns each application to one of K cross-validation folds so that every fold keeps the default rate
 * (defaults and non-defaults are shuffled separately, then dealt round-robin). Deterministic for a seed.
 */
public final class StratifiedFolds {

    private StratifiedFolds() {
    }

    /** The fold (0 to k-1) of each row. */
    public static int[] assign(int[] outcomes, int k, long seed) {
        if (k < 2 || k > outcomes.length) {
            throw new IllegalArgumentException("folds must be between 2 and the number of rows, was " + k);
        }
        int[] folds = new int[outcomes.length];
        SplittableRandom random = new SplittableRandom(seed);
        for (int label = 0; label <= 1; label++) {
            List<Integer> rows = new ArrayList<>();
            for (int i = 0; i < outcomes.length; i++) {
                if (outcomes[i] == label) {
                    rows.add(i);
                }
            }
            // Fisher-Yates with the seeded generator: the same seed deals the same folds.
            for (int i = rows.size() - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                Integer swap = rows.get(i);
                rows.set(i, rows.get(j));
                rows.set(j, swap);
            }
            for (int i = 0; i < rows.size(); i++) {
                folds[rows.get(i)] = i % k;
            }
        }
        return folds;
    }
}
