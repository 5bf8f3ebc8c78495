package fr.pretadepenser.scoring.model.training;

import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The baseline a boosted model must beat: an L2-regularised logistic regression on the same features, fitted by
 * XGBoost's linear booster ({@code gblinear}, cyclic coordinate descent: deterministic, no random draw), with what
 * it needs that trees do not: every feature standardised by the mean and standard deviation of the training folds'
 * present values and clipped to [-10, 10]; a missing value imputed by that mean, because it is then 0, which is
 * what gblinear makes of an absent entry: no imputed cell is stored, and no column is sorted (as a median needs).
 */
public final class LogisticBaseline {

    /**
     * Rounds of coordinate descent. Measured on the synthetic data (5 folds): at 30,000 clients the out-of-fold
     * log loss moves by 5e-4 from 5 to 10 rounds and 5e-5 from 10 to 20; at Kaggle size by 3e-4 from 5 to 10.
     */
    public static final int ROUNDS = 10;

    /**
     * Bytes XGBoost holds per present training value while a fold is fitted: 8 for the compressed rows it is given
     * (column index and value) and 8 for the columns coordinate descent reads them by.
     */
    private static final long BYTES_PER_VALUE = 16;

    /**
     * Native memory the folds fitted side by side may hold together, by the estimate below. At 30,000 clients a fold
     * is estimated at about 0.2 GB, so two fit at once; at Kaggle size at about 2.3 GB, so they fit one after the
     * other. Measured at Kaggle size (2026-12-05, one at a time, huge pages), the whole process peaked at 3,583 MiB
     * during the baseline, 1 GiB of it the heap's copy of the rows (4,016 MiB before the C heap was trimmed before
     * the folds, 7.0 GB with an earlier build's 2 GB heap).
     */
    private static final long MATRIX_BUDGET_BYTES = 2L << 30;

    private final double l2;
    private final int threads;

    /**
     * @param l2      the L2 penalty per row (XGBoost's {@code lambda}, which it multiplies by the number of rows,
     *                as the hand-written baseline did: the same objective)
     * @param threads how many folds are fitted at a time, each by one XGBoost thread
     */
    public LogisticBaseline(double l2, int threads) {
        if (!(l2 >= 0) || threads < 1) {
            throw new IllegalArgumentException("the L2 penalty must be >= 0 and threads >= 1; were " + l2 + " and "
                    + threads);
        }
        this.l2 = l2;
        this.threads = threads;
    }

    /**
     * Out-of-fold probabilities: for each fold, standardised and fitted on the other folds, then applied to it.
     * Folds are fitted side by side, up to {@code threads} at a time and as many as the memory budget allows, each
     * by a one-thread booster: the fit is the
     * same whatever the threads, and a booster of several threads meets its threads at a barrier twice per feature
     * and round, which a busy machine turns into waits (measured at Kaggle size on a 2-core machine shared with
     * other builds, one fold after the other, 10 rounds: 110 s with two XGBoost threads, 83 s with one).
     *
     * @param folds the fold (0 to k-1) of each row
     */
    public double[] crossValidate(TrainingSet data, int[] folds) throws XGBoostError {
        if (folds.length != data.rows()) {
            throw new IllegalArgumentException(folds.length + " folds for " + data.rows() + " rows");
        }
        int k = Arrays.stream(folds).max().orElse(0) + 1;
        Standardisation[] scales = Standardisation.perFold(data, folds, k);
        double[] outOfFold = new double[data.rows()];
        int workers = Math.min(Math.min(threads, k), foldsWithinBudget(data, folds, k));
        // What earlier fits left resident in glibc's arenas, handed back before the folds' matrices (once: each fold
        // reuses what the one before it freed).
        NativeHeap.trim();
        if (workers == 1) {
            for (int fold = 0; fold < k; fold++) {
                crossValidateFold(data, folds, fold, scales[fold], outOfFold);
            }
            return outOfFold;
        }
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<?>> fits = new ArrayList<>();
            for (int fold = 0; fold < k; fold++) {
                int f = fold;
                fits.add(pool.submit(() -> {
                    crossValidateFold(data, folds, f, scales[f], outOfFold);
                    return null;
                }));
            }
            for (Future<?> fit : fits) {
                fit.get();
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof XGBoostError error) {
                throw error;
            }
            throw new IllegalStateException("logistic baseline: a fold's fit failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("logistic baseline interrupted", e);
        } finally {
            pool.shutdownNow();
        }
        return outOfFold;
    }

    /** How many folds' matrices fit in {@link #MATRIX_BUDGET_BYTES} together (at least one). */
    private static int foldsWithinBudget(TrainingSet data, int[] folds, int k) {
        long present = 0;
        for (float v : data.values()) {
            present += Float.isNaN(v) ? 0 : 1;
        }
        // A fold trains on the other k - 1 folds: about (k - 1) / k of the present values.
        long perFold = BYTES_PER_VALUE * present * (k - 1) / k;
        return (int) Math.max(1, Math.min(k, MATRIX_BUDGET_BYTES / Math.max(1, perFold)));
    }

    /** Fits on every fold but {@code fold} and writes the predictions of its rows (no other) into outOfFold. */
    private void crossValidateFold(TrainingSet data, int[] folds, int fold, Standardisation scale,
                                   double[] outOfFold) throws XGBoostError {
        int[] train = rows(folds, fold, false);
        int[] held = rows(folds, fold, true);
        Booster booster;
        DMatrix matrix = matrix(data, train, scale);
        try {
            booster = XGBoost.train(matrix, parameters(), ROUNDS, Map.of(), null, null);
        } finally {
            matrix.dispose();
        }
        try {
            matrix = matrix(data, held, scale);
            try {
                float[][] predicted = booster.predict(matrix);
                for (int i = 0; i < held.length; i++) {
                    outOfFold[held[i]] = predicted[i][0];
                }
            } finally {
                matrix.dispose();
            }
        } finally {
            booster.dispose();
        }
    }

    private Map<String, Object> parameters() {
        return linearParameters(0.0, l2);
    }

    /**
     * The parameters of a deterministic, one-thread logistic regression by XGBoost's linear booster, with L1 and L2
     * penalties per row (XGBoost multiplies both by the number of rows): this baseline's, and feature selection's.
     */
    public static Map<String, Object> linearParameters(double l1, double l2) {
        Map<String, Object> p = new HashMap<>();
        p.put("booster", "gblinear");
        // Coordinate descent rather than the default shotgun, whose threads race on shared gradients.
        p.put("updater", "coord_descent");
        // Cyclic coordinate descent: the same features in the same order every round, so the same fit every run.
        p.put("feature_selector", "cyclic");
        p.put("objective", "binary:logistic");
        p.put("lambda", l2);
        p.put("alpha", l1);
        // Full Newton steps per coordinate: the problem is convex and standardised, a smaller step only slows it.
        p.put("eta", 1.0);
        p.put("nthread", 1);
        p.put("verbosity", 0);
        return p;
    }

    /**
     * The given rows standardised, with their outcomes, as a sparse XGBoost matrix. A missing value is left out:
     * gblinear adds nothing for an absent entry, which is a value of 0 after standardising, i.e. the training mean.
     * Built as the trees' fold matrices are ({@link FoldMatrix}): measured at Kaggle size, building a whole fold as
     * compressed rows in Java was no faster and held 0.5 GB more at the peak, since the JNI call copies the arrays.
     */
    private static DMatrix matrix(TrainingSet data, int[] rows, Standardisation scale) throws XGBoostError {
        return FoldMatrix.of(data, rows, scale::apply);
    }

    private static int[] rows(int[] folds, int fold, boolean inFold) {
        int n = 0;
        for (int f : folds) {
            n += (f == fold) == inFold ? 1 : 0;
        }
        int[] rows = new int[n];
        n = 0;
        for (int i = 0; i < folds.length; i++) {
            if ((folds[i] == fold) == inFold) {
                rows[n++] = i;
            }
        }
        return rows;
    }

    /**
     * Each feature's mean and standard deviation over the present values of one fold's training rows.
     *
     * @param mean per feature (0 when never present)
     * @param sd   per feature (1 when constant or never present)
     */
    public record Standardisation(double[] mean, double[] sd) {

        /** Clipped to [-10, 10], so that an extreme value in a held-out row cannot dominate the linear score. */
        static final double CLIP = 10;

        /**
         * The standardisation of every fold's training rows, from two passes over the matrix in its row order
         * (column by column was the old baseline's slowest part after its fit): the count, mean and sum of squared
         * deviations of each fold's present values, then, for each fold, those of the other folds pooled (Chan,
         * Golub and LeVeque's pairwise formula), so that no held-out value enters its own fold's figures.
         */
        static Standardisation[] perFold(TrainingSet data, int[] folds, int k) {
            int p = data.columns();
            float[] values = data.values();
            long[][] count = new long[k][p];
            double[][] mean = new double[k][p];
            for (int row = 0; row < data.rows(); row++) {
                long[] n = count[folds[row]];
                double[] sum = mean[folds[row]];
                int base = row * p;
                for (int c = 0; c < p; c++) {
                    float v = values[base + c];
                    if (!Float.isNaN(v)) {
                        sum[c] += v;
                        n[c]++;
                    }
                }
            }
            for (int f = 0; f < k; f++) {
                for (int c = 0; c < p; c++) {
                    mean[f][c] = count[f][c] == 0 ? 0 : mean[f][c] / count[f][c];
                }
            }
            double[][] squares = new double[k][p];
            for (int row = 0; row < data.rows(); row++) {
                double[] m = mean[folds[row]];
                double[] s = squares[folds[row]];
                int base = row * p;
                for (int c = 0; c < p; c++) {
                    float v = values[base + c];
                    if (!Float.isNaN(v)) {
                        double d = v - m[c];
                        s[c] += d * d;
                    }
                }
            }
            Standardisation[] scales = new Standardisation[k];
            for (int held = 0; held < k; held++) {
                double[] pooledMean = new double[p];
                double[] sd = new double[p];
                for (int c = 0; c < p; c++) {
                    long n = 0;
                    double sum = 0;
                    for (int f = 0; f < k; f++) {
                        if (f != held) {
                            n += count[f][c];
                            sum += mean[f][c] * count[f][c];
                        }
                    }
                    double mu = n == 0 ? 0 : sum / n;
                    double m2 = 0;
                    for (int f = 0; f < k; f++) {
                        if (f != held) {
                            double d = mean[f][c] - mu;
                            m2 += squares[f][c] + count[f][c] * d * d;
                        }
                    }
                    double variance = n == 0 ? 0 : m2 / n;
                    pooledMean[c] = mu;
                    sd[c] = variance > 1e-12 ? Math.sqrt(variance) : 1;
                }
                scales[held] = new Standardisation(pooledMean, sd);
            }
            return scales;
        }

        /** The standardisation of every row of {@code data}. */
        public static Standardisation of(TrainingSet data) {
            // One fold (0) and an empty one (1): the figures held out of fold 1 are those of every row.
            return perFold(data, new int[data.rows()], 2)[1];
        }

        /** The standardised value, clipped. */
        public float apply(int column, float value) {
            return (float) Math.max(-CLIP, Math.min(CLIP, (value - mean[column]) / sd[column]));
        }
    }
}
