package fr.pretadepenser.scoring.model.training;

import fr.pretadepenser.scoring.progress.Progress;
import ml.dmlc.xgboost4j.java.XGBoostError;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The out-of-fold result of one parameter set: every training application predicted by the model that did not
 * see it, and what each fold did.
 *
 * @param parameters     the parameters cross-validated
 * @param outOfFold      probability of default of each row, predicted by the fold model that left it out (NaN for
 *                       the rows of folds not run, when the cross-validation stopped early)
 * @param foldAuc        validation ROC AUC of each fold run, in fold order (every fold unless stopped early)
 * @param foldRounds     rounds kept in each fold run (best validation AUC, early stopping)
 * @param foldSeconds    training time of each fold run
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
        return run(trainer, folds, maxRounds, parameters, null, progress);
    }

    /**
     * Cross-validates one parameter set of which one fold was fitted already, with these parameters (the class
     * weighting's comparison): that fit is taken as it is, the other folds are fitted.
     *
     * @param fitted the fold fitted already, or null to fit every fold
     */
    public static CrossValidation run(FoldTrainer trainer, int[] folds, int maxRounds, BoostingParameters parameters,
                                      FittedFold fitted, Progress progress) throws XGBoostError {
        return run(trainer, folds, maxRounds, parameters, fitted, auc -> false, progress);
    }

    /**
     * Cross-validates one parameter set, folds in order, and stops early when {@code stop}, asked after each fold
     * but the last with the validation AUCs of the folds run so far, says so. The result then covers the folds run:
     * its fold arrays are that long, and the out-of-fold probability of a row of a fold not run is NaN.
     *
     * @param fitted the fold fitted already, or null to fit every fold
     */
    public static CrossValidation run(FoldTrainer trainer, int[] folds, int maxRounds, BoostingParameters parameters,
                                      FittedFold fitted, Predicate<double[]> stop, Progress progress)
            throws XGBoostError {
        int k = Arrays.stream(folds).max().orElse(0) + 1;
        double[] outOfFold = new double[folds.length];
        Arrays.fill(outOfFold, Double.NaN);
        double[] foldAuc = new double[k];
        int[] foldRounds = new int[k];
        double[] foldSeconds = new double[k];
        int run = 0;
        while (run < k && (run == 0 || !stop.test(Arrays.copyOf(foldAuc, run)))) {
            int fold = run++;
            if (fitted != null && fitted.fold() == fold) {
                progress.begin("fold " + (fold + 1) + "/" + k, 0, "");
                FoldTrainer.FoldFit fit = fitted.fit();
                record(fold, fit, folds, outOfFold, foldAuc, foldRounds);
                foldSeconds[fold] = fitted.seconds();
                progress.end(String.format(Locale.ROOT, "AUC %.4f at round %d (fitted for the class weighting)",
                        fit.auc(), fit.rounds()), fitted.seconds());
                continue;
            }
            long start = System.nanoTime();
            // The total is the round limit: early stopping usually ends a fold well before, so the ETA is an upper
            // bound.
            progress.begin("fold " + (fold + 1) + "/" + k, maxRounds, "rounds");
            FoldTrainer.FoldFit fit = trainer.fit(fold, parameters, progress);
            record(fold, fit, folds, outOfFold, foldAuc, foldRounds);
            foldSeconds[fold] = (System.nanoTime() - start) / 1e9;
            progress.end(String.format(Locale.ROOT, "AUC %.4f at round %d", fit.auc(), fit.rounds()));
        }
        return new CrossValidation(parameters, outOfFold, Arrays.copyOf(foldAuc, run), Arrays.copyOf(foldRounds, run),
                Arrays.copyOf(foldSeconds, run));
    }

    private static void record(int fold, FoldTrainer.FoldFit fit, int[] folds, double[] outOfFold, double[] foldAuc,
                               int[] foldRounds) {
        int next = 0;
        for (int i = 0; i < folds.length; i++) {
            if (folds[i] == fold) {
                outOfFold[i] = fit.predictions()[next++];
            }
        }
        foldAuc[fold] = fit.auc();
        foldRounds[fold] = fit.rounds();
    }

    /**
     * One fold fitted ahead of its cross-validation.
     *
     * @param fold    the fold held out (0-based)
     * @param fit     what {@link FoldTrainer#fit} gave for it
     * @param seconds how long that fit took
     */
    public record FittedFold(int fold, FoldTrainer.FoldFit fit, double seconds) {
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
