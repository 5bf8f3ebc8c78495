package fr.pretadepenser.scoring.model.training;

import org.hipparchus.stat.StatUtils;
import org.hipparchus.stat.inference.TTest;

import java.util.Arrays;

/**
 * When a search trial stops before its last fold: once at least {@link #MIN_FOLDS} of its folds have run and, paired
 * fold by fold with the best trial so far that ran every fold, its validation AUC is lower by a one-sided paired
 * t-test at the {@link #LEVEL} level. Such a trial is not expected to win, and its remaining folds are most of its
 * cost (in the demo, a losing trial of deeper trees took 72 of the training's 136 s). The folds share most of their
 * training rows, so their AUCs are not independent and the level is a rule of thumb, not an exact error rate: a trial
 * close to the best, or whose folds disagree, runs to the end.
 */
public final class TrialPruning {

    /** The one-sided level of the paired test. */
    public static final double LEVEL = 0.05;

    /** The fewest folds a trial runs before it may stop (a paired test needs two). */
    public static final int MIN_FOLDS = 2;

    private TrialPruning() {
    }

    /**
     * Whether a trial stops, from the validation AUC of its folds run so far ({@code trial}, in fold order) and the
     * best complete trial's ({@code best}, every fold).
     */
    public static boolean stops(double[] trial, double[] best) {
        int n = trial.length;
        if (n < MIN_FOLDS || best.length < n) {
            return false;
        }
        double[] same = Arrays.copyOf(best, n);
        if (!(StatUtils.meanDifference(trial, same) < 0)) {
            return false;
        }
        // Two-sided p-value halved: the gap's sign is already known to be the one tested.
        return new TTest().pairedTTest(trial, same) / 2 < LEVEL;
    }
}
