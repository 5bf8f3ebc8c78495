package fr.pretadepenser.scoring.model.training;

import fr.pretadepenser.scoring.progress.Progress;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Gradient-boosted trees with XGBoost4J on this machine, over one training set held once as an XGBoost matrix
 * (folds are slices of it). Rounds are driven one by one (rather than by XGBoost's own early stopping) so that
 * progress can show the fold, the round and the best AUC so far. Close it to free the matrix.
 */
public final class XgboostFoldTrainer implements FoldTrainer, AutoCloseable {

    private final DMatrix all;
    private final int[] folds;
    private final int maxRounds;
    private final int patience;
    private final long seed;
    private final int threads;

    /**
     * @param data      the labelled rows
     * @param folds     the fold of each row
     * @param maxRounds most trees per model
     * @param patience  rounds without a better validation AUC before a fold stops
     * @param seed      XGBoost's seed (row and column sampling)
     * @param threads   XGBoost threads
     */
    public XgboostFoldTrainer(TrainingSet data, int[] folds, int maxRounds, int patience, long seed, int threads)
            throws XGBoostError {
        this.all = matrix(data);
        this.folds = folds.clone();
        this.maxRounds = maxRounds;
        this.patience = patience;
        this.seed = seed;
        this.threads = threads;
    }

    /** A trainer with the round limit, patience, seed and threads of the settings. */
    public XgboostFoldTrainer(TrainingSet data, int[] folds, TrainingSettings settings) throws XGBoostError {
        this(data, folds, settings.maxRounds(), settings.patience(), settings.seed(), settings.threads());
    }

    @Override
    public FoldFit fit(int fold, BoostingParameters parameters, Progress progress) throws XGBoostError {
        DMatrix train = all.slice(rows(fold, false));
        DMatrix valid = all.slice(rows(fold, true));
        try {
            Booster booster = XGBoost.train(train, parameters.toXgboost(seed, threads), 0, Map.of(), null, null);
            try {
                float[] auc = new float[1];
                EarlyStopping stopping = new EarlyStopping(maxRounds, patience);
                for (int round = 0; stopping.goesOn(round); round++) {
                    booster.update(train, round);
                    booster.evalSet(new DMatrix[]{valid}, new String[]{"valid"}, round, auc);
                    stopping.record(round, auc[0]);
                    progress.update(round + 1, String.format(Locale.ROOT, "best AUC %.4f at round %d",
                            stopping.best(), stopping.rounds()));
                }
                float[][] predicted = booster.predict(valid, false, stopping.rounds());
                double[] predictions = new double[predicted.length];
                for (int i = 0; i < predicted.length; i++) {
                    predictions[i] = predicted[i][0];
                }
                return new FoldFit(predictions, stopping.best(), stopping.rounds());
            } finally {
                booster.dispose();
            }
        } finally {
            train.dispose();
            valid.dispose();
        }
    }

    @Override
    public Booster fitAll(BoostingParameters parameters, int rounds) throws XGBoostError {
        return XGBoost.train(all, parameters.toXgboost(seed, threads), rounds, Map.of(), null, null);
    }

    /** Trains a model on every row of {@code data} for a fixed number of rounds (a final model, a test's model). */
    public static Booster fitAll(TrainingSet data, BoostingParameters parameters, int rounds, long seed, int threads)
            throws XGBoostError {
        try (XgboostFoldTrainer trainer = new XgboostFoldTrainer(data, new int[data.rows()], 1, 1, seed, threads)) {
            return trainer.fitAll(parameters, rounds);
        }
    }

    /** The data as an XGBoost matrix, NaN meaning missing. */
    private static DMatrix matrix(TrainingSet data) throws XGBoostError {
        DMatrix matrix = new DMatrix(data.values(), data.rows(), data.columns(), Float.NaN);
        float[] labels = new float[data.rows()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = data.outcomes()[i];
        }
        matrix.setLabel(labels);
        return matrix;
    }

    private int[] rows(int fold, boolean inFold) {
        return IntStream.range(0, folds.length).filter(i -> (folds[i] == fold) == inFold).toArray();
    }

    /** Frees the matrix. */
    @Override
    public void close() {
        all.dispose();
    }
}
