package fr.pretadepenser.scoring.model.evaluation;

/**
 * The scores of one set of out-of-fold predictions, as the methodology note reports them.
 *
 * @param rocAuc     ROC AUC over all out-of-fold predictions
 * @param aucSpread  standard deviation of the per-fold AUC (0 when not measured per fold)
 * @param gini       2 AUC - 1
 * @param ks         Kolmogorov-Smirnov statistic
 * @param prAuc      average precision
 * @param brier      Brier score
 * @param logLoss    log loss
 */
public record Evaluation(double rocAuc, double aucSpread, double gini, double ks, double prAuc, double brier,
                         double logLoss) {

    /** Evaluates predictions against outcomes. */
    public static Evaluation of(int[] outcomes, double[] probabilities, double aucSpread) {
        double auc = Metrics.rocAuc(outcomes, probabilities);
        return new Evaluation(auc, aucSpread, 2 * auc - 1, Metrics.ks(outcomes, probabilities),
                Metrics.prAuc(outcomes, probabilities), Metrics.brier(outcomes, probabilities),
                Metrics.logLoss(outcomes, probabilities));
    }
}
