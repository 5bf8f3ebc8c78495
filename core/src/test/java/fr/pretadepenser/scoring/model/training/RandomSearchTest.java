package fr.pretadepenser.scoring.model.training;

import fr.pretadepenser.scoring.model.evaluation.BusinessCost;
import fr.pretadepenser.scoring.progress.Progress;
import ml.dmlc.xgboost4j.java.Booster;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RandomSearchTest {

    /** Five folds of four rows each. */
    private static final int[] FOLDS = {0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 0, 1, 2, 3, 4};

    /** The first trial's fold AUCs: easy first folds, hard last ones (mean 0.74). */
    private static final double[] FIRST = {0.78, 0.77, 0.74, 0.71, 0.70};

    @Test
    void stopsATrialWorseOnItsFirstFoldsAndNeverChoosesIt() throws Exception {
        // The second trial is 0.01 below on each fold, yet its mean over its first two (0.765) is above the first
        // trial's over five (0.74): only a complete trial may be chosen.
        ScriptedTrainer trainer = new ScriptedTrainer(new double[]{0.77, 0.76, 0.73, 0.70, 0.69});
        List<RandomSearch.Trial> trials = RandomSearch.run(trainer, FOLDS, settings(true), BoostingParameters.DEFAULT,
                null, Progress.SILENT);

        assertEquals(List.of(0, 1, 2, 3, 4, 0, 1), trainer.fitted);
        assertFalse(trials.get(0).pruned());
        assertTrue(trials.get(1).pruned());
        assertArrayEquals(new double[]{0.77, 0.76}, trials.get(1).validation().foldAuc());
        assertEquals(0.765, trials.get(1).validation().meanAuc(), 1e-12);
        assertEquals(0, RandomSearch.best(trials).index());
        // The rows of the folds it did not run have no out-of-fold probability.
        double[] oof = trials.get(1).validation().outOfFold();
        for (int i = 0; i < FOLDS.length; i++) {
            assertEquals(FOLDS[i] >= 2, Double.isNaN(oof[i]), "row " + i);
        }
    }

    @Test
    void runsEveryFoldWithoutPruning() throws Exception {
        assertRunsEveryFoldAndChooses(new double[]{0.77, 0.76, 0.73, 0.70, 0.69}, false, 0);
    }

    @Test
    void runsABetterTrialToTheEndAndChoosesIt() throws Exception {
        assertRunsEveryFoldAndChooses(new double[]{0.79, 0.78, 0.75, 0.72, 0.71}, true, 1);
    }

    /** A search of two trials, the second giving {@code other}, fits both on every fold and chooses {@code chosen}. */
    private static void assertRunsEveryFoldAndChooses(double[] other, boolean pruning, int chosen) throws Exception {
        ScriptedTrainer trainer = new ScriptedTrainer(other);
        List<RandomSearch.Trial> trials = RandomSearch.run(trainer, FOLDS, settings(pruning),
                BoostingParameters.DEFAULT, null, Progress.SILENT);

        assertEquals(List.of(0, 1, 2, 3, 4, 0, 1, 2, 3, 4), trainer.fitted);
        assertFalse(trials.get(1).pruned());
        assertEquals(chosen, RandomSearch.best(trials).index());
    }

    private static TrainingSettings settings(boolean pruning) {
        return new TrainingSettings(5, 2, 3600, BusinessCost.DEFAULT, 7, 100, 10, 1, false, false, pruning);
    }

    /** Gives the first trial's parameters {@link #FIRST} and any other parameters {@code other}, fold by fold. */
    private static final class ScriptedTrainer implements FoldTrainer {

        private final double[] other;
        private final List<Integer> fitted = new ArrayList<>();

        ScriptedTrainer(double[] other) {
            this.other = other;
        }

        @Override
        public FoldFit fit(int fold, BoostingParameters parameters, Progress progress) {
            fitted.add(fold);
            double auc = parameters.equals(BoostingParameters.DEFAULT) ? FIRST[fold] : other[fold];
            double[] predictions = new double[(int) Arrays.stream(FOLDS).filter(f -> f == fold).count()];
            Arrays.fill(predictions, auc);
            return new FoldFit(predictions, auc, 10);
        }

        @Override
        public Booster fitAll(BoostingParameters parameters, int rounds) {
            throw new UnsupportedOperationException("not part of a search");
        }

        @Override
        public TrainingSet sample() {
            throw new UnsupportedOperationException("not part of a search");
        }

        @Override
        public int[] sampleFolds() {
            return FOLDS;
        }
    }
}
