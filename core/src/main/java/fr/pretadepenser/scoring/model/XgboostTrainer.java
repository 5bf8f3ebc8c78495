package fr.pretadepenser.scoring.model;

import fr.pretadepenser.scoring.progress.Progress;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Gradient-boosted trees with XGBoost4J: stratified K-fold cross-validation with early stopping on validation
 * ROC AUC, and the final model on all rows. Rounds are driven one by one here (rather than by XGBoost's own
 * early stopping) so that progress can show the fold, the round and the best AUC so far.
 */
public final class XgboostTrainer {

    private final int maxRounds;
    private final int patience;
    private final long seed;
    private final int threads;

    /**
     * @param maxRounds most trees per model
     * @param patience  rounds without a better validation AUC before a fold stops
     * @param seed      XGBoost's seed (row and column sampling)
     * @param threads   XGBoost threads
     */
    public XgboostTrainer(int maxRounds, int patience, long seed, int threads) {
        this.maxRounds = maxRounds;
        this.patience = patience;
        this.seed = seed;
        this.threads = threads;
    }

    /** Cross-validates one parameter set on the given folds. */
    public CrossValidation crossValidate(TrainingSet data, int[] folds, BoostingParameters parameters,
                                         Progress progress) throws XGBoostError {
        int k = java.util.Arrays.stream(folds).max().orElse(0) + 1;
        double[] outOfFold = new double[data.rows()];
        double[] foldAuc = new double[k];
        int[] foldRounds = new int[k];
        double[] foldSeconds = new double[k];
        DMatrix all = matrix(data);
        try {
            for (int fold = 0; fold < k; fold++) {
                long start = System.nanoTime();
                int[] trainRows = rows(folds, fold, false);
                int[] validRows = rows(folds, fold, true);
                DMatrix train = all.slice(trainRows);
                DMatrix valid = all.slice(validRows);
                try {
                    Booster booster = XGBoost.train(train, parameters.toXgboost(seed, threads), 0, Map.of(), null, null);
                    float[] auc = new float[1];
                    double best = Double.NEGATIVE_INFINITY;
                    int bestRound = 0;
                    // The total is the round limit: early stopping usually ends a fold well before, so the ETA is
                    // an upper bound.
                    progress.begin("fold " + (fold + 1) + "/" + k, maxRounds, "rounds");
                    for (int round = 0; round < maxRounds && round - bestRound < patience; round++) {
                        booster.update(train, round);
                        booster.evalSet(new DMatrix[]{valid}, new String[]{"valid"}, round, auc);
                        if (auc[0] > best) {
                            best = auc[0];
                            bestRound = round;
                        }
                        progress.update(round + 1, String.format(java.util.Locale.ROOT,
                                "best AUC %.4f at round %d", best, bestRound + 1));
                    }
                    float[][] predicted = booster.predict(valid, false, bestRound + 1);
                    for (int i = 0; i < validRows.length; i++) {
                        outOfFold[validRows[i]] = predicted[i][0];
                    }
                    booster.dispose();
                    foldAuc[fold] = best;
                    foldRounds[fold] = bestRound + 1;
                    foldSeconds[fold] = (System.nanoTime() - start) / 1e9;
                    progress.end(String.format(java.util.Locale.ROOT, "AUC %.4f at round %d", best, bestRound + 1));
                } finally {
                    train.dispose();
                    valid.dispose();
                }
            }
        } finally {
            all.dispose();
        }
        return new CrossValidation(parameters, outOfFold, foldAuc, foldRounds, foldSeconds);
    }

    /** Trains the final model on every row for a fixed number of rounds. */
    public Booster trainFinal(TrainingSet data, BoostingParameters parameters, int rounds) throws XGBoostError {
        DMatrix all = matrix(data);
        try {
            return XGBoost.train(all, parameters.toXgboost(seed, threads), rounds, Map.of(), null, null);
        } finally {
            all.dispose();
        }
    }

    /** The data as an XGBoost matrix, NaN meaning missing. */
    static DMatrix matrix(TrainingSet data) throws XGBoostError {
        DMatrix matrix = new DMatrix(data.values(), data.rows(), data.columns(), Float.NaN);
        float[] labels = new float[data.rows()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = data.outcomes()[i];
        }
        matrix.setLabel(labels);
        return matrix;
    }

    private static int[] rows(int[] folds, int fold, boolean inFold) {
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < folds.length; i++) {
            if ((folds[i] == fold) == inFold) {
                rows.add(i);
            }
        }
        return rows.stream().mapToInt(Integer::intValue).toArray();
    }
}
