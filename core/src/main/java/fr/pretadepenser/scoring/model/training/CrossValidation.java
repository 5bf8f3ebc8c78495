package fr.pretadepenser.scoring.model.training;

import fr.pretadepenser.scoring.progress.Progress;
import ml.dmlc.xgboost4j.java.XGBoostError;

import java.util.Arrays;
import java.util.Locale;

/**
 * The out-of-fold result of one parameter set: every training application predicted by the model that did not
 * see it, and what each fold did.
 *
 * @param parameters     the parameters cross-validated
 * @param outOfFold      probability of default of each row, predicted by the fold model that left it out
 * @param foldAuc        validation ROC AUC of each fold
 * @param foldRounds     rounds kept in each fold (best validation AUC, early stopping)
 * @param foldSeconds    training time of each fold
 */
public record CrossValidation(BoostingParameters parameters, double[] outOfFold, double[] foldAuc, int[] foldRounds,
                              double[] foldSeconds) {

    /**
     * Cross-validates one parameter set: each fold fitted by {@code trainer} on the others, its rows predicted.
     *
     * @param folds     the fold of each row, as the trainer was given them
     * @param maxRounds the round limit, the total each fold's progress counts toward
     */
    public static CrossValidation run(FoldTrainer trainer, int[] folds, int maxRounds, BoostingParameters parameters,
                                      Progress progress) throws XGBoostError {
        int k = Arrays.stream(folds).max().orElse(0) + 1;
        double[] outOfFold = new double[folds.length];
        double[] foldAuc = new double[k];
        int[] foldRounds = new int[k];
        double[] foldSeconds = new double[k];
        for (int fold = 0; fold < k; fold++) {
            long start = System.nanoTime();
            // The total is the round limit: early stopping usually ends a fold well before, so the ETA is an upper
            // bound.
            progress.begin("fold " + (fold + 1) + "/" + k, maxRounds, "rounds");
            FoldTrainer.FoldFit fit = trainer.fit(fold, parameters, progress);
            int next = 0;
            for (int i = 0; i < folds.length; i++) {
                if (folds[i] == fold) {
                    outOfFold[i] = fit.predictions()[next++];
                }
            }
            foldAuc[fold] = fit.auc();
            foldRounds[fold] = fit.rounds();
            foldSeconds[fold] = (System.nanoTime() - start) / 1e9;
            progress.end(String.format(Locale.ROOT, "AUC %.4f at round %d", fit.auc(), fit.rounds()));
        }
        return new CrossValidation(parameters, outOfFold, foldAuc, foldRounds, foldSeconds);
    }

    /** Mean validation AUC over the folds. */
    public double meanAuc() {
        return Arrays.stream(foldAuc).average().orElse(Double.NaN);
    }

    /** Standard deviation of the validation AUC over the folds. */
    public double aucSpread() {
        double mean = meanAuc();
        return Math.sqrt(Arrays.stream(foldAuc).map(a -> (a - mean) * (a - mean)).sum() / Math.max(1, foldAuc.length - 1));
    }

    /** Rounds for the final model: the mean of the folds' best rounds. */
    public int finalRounds() {
        return (int) Math.round(Arrays.stream(foldRounds).average().orElse(1));
    }
}
