package fr.pretadepenser.scoring.model.training;

import fr.pretadepenser.scoring.progress.Progress;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Fits gradient-boosted trees on the rows of a training set whose folds were dealt beforehand, and holds those rows:
 * what differs between one machine (XGBoost4J) and a cluster (XGBoost4J-Spark). Everything else of training (the
 * folds, the search, class weighting, threshold, evaluation, the bundle) is written once, in {@code ModelTraining}.
 */
public interface FoldTrainer {

    /**
     * Fits on every row outside {@code fold}, stopping early on the rows of {@code fold} ({@link EarlyStopping}
     * on validation ROC AUC), and predicts those rows with the best round.
     *
     * @param progress where each round may be reported (the stage is begun and ended by the caller)
     */
    FoldFit fit(int fold, BoostingParameters parameters, Progress progress) throws XGBoostError;

    /**
     * Keeps what the fits of a fold share (its matrices) from the fold's first fit until the returned handle is
     * closed, for the several fits of each fold in class weighting and the search; the fits are the same as without
     * it. A trainer keeps only what its memory allows, and may keep nothing.
     */
    default HeldFolds hold() {
        return () -> {
        };
    }

    /** What {@link #hold} keeps; closing it lets it go. */
    interface HeldFolds extends AutoCloseable {

        @Override
        void close();
    }

    /**
     * Fits on every row for a fixed number of rounds: the final model, and the last thing asked of the trainer (it
     * may let its rows go once it has copied them for the model's matrix).
     */
    Booster fitAll(BoostingParameters parameters, int rounds) throws XGBoostError;

    /**
     * The feature rows on this machine, in client order, for what the recipe computes on a matrix here (the
     * logistic baseline, the scorecard, the drift references, the SHAP importance): every row on one machine,
     * evenly spaced ones when a cluster holds more than fits. Not asked for after {@link #fitAll}.
     */
    TrainingSet sample();

    /** The fold of each row of {@link #sample()}. */
    int[] sampleFolds();

    /**
     * What the fit of one fold gives.
     *
     * @param predictions the probability of default of each row of the fold, in row order
     * @param auc         the best validation ROC AUC
     * @param rounds      the rounds that reached it
     */
    record FoldFit(double[] predictions, double auc, int rounds) {
    }
}
