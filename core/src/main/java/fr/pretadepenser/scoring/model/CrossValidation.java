package fr.pretadepenser.scoring.model;

import java.util.Arrays;

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
