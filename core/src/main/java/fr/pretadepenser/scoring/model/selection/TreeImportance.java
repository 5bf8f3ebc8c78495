package fr.pretadepenser.scoring.model.selection;

import fr.pretadepenser.scoring.model.training.BoostingParameters;
import fr.pretadepenser.scoring.model.training.FoldMatrix;
import fr.pretadepenser.scoring.model.training.TrainingSet;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The tree methods, all by XGBoost, which takes missing values as they are (each split learns where they go), so
 * nothing is filled: a random forest's and gradient boosting's total gain, and null importance. XGBoost's
 * random-forest mode rather than Tribuo's forest: the same matrix, missing values handled, and no per-row objects.
 */
final class TreeImportance {

    /** Depth of the forest's trees: deep enough to find interactions, shallow enough for 50,000 rows. */
    private static final int FOREST_DEPTH = 8;

    private TreeImportance() {
    }

    /** Total gain of each feature in a random forest of {@code trees} trees, one bootstrap-like sample each. */
    static double[] forest(TrainingSet sample, int trees, long seed, int threads) throws XGBoostError {
        Map<String, Object> p = new HashMap<>();
        p.put("objective", "binary:logistic");
        p.put("tree_method", "hist");
        p.put("max_bin", BoostingParameters.MAX_BIN);
        p.put("num_parallel_tree", trees);
        p.put("eta", 1.0);
        p.put("max_depth", FOREST_DEPTH);
        // scikit-learn's forest: a bootstrap sample per tree (63.2% distinct rows), sqrt(p) features per split.
        p.put("subsample", 0.632);
        p.put("colsample_bynode", Math.min(1.0, Math.sqrt(sample.columns()) / sample.columns()));
        p.put("lambda", 1e-5);
        p.put("seed", seed);
        p.put("nthread", threads);
        p.put("verbosity", 0);
        return totalGain(sample, p, 1);
    }

    /** Total gain of each feature in gradient-boosted trees with the product's default parameters. */
    static double[] boosting(TrainingSet sample, int rounds, long seed, int threads) throws XGBoostError {
        return totalGain(sample, BoostingParameters.DEFAULT.toXgboost(seed, threads), rounds);
    }

    /**
     * Null importance: the boosting gain of each feature, against its gains when the same trees are trained on
     * the target shuffled {@code shuffles} times. A feature passes when its gain is above the 90th percentile of
     * its null gains: a feature that only lets trees memorise rows (an identifier, the row order) gains as much
     * on a shuffled target as on the real one.
     *
     * @param actual    the gains on the real target ({@link #boosting})
     * @param afterEach called after each shuffled fit, for progress
     */
    static NullImportance nullImportance(TrainingSet sample, double[] actual, int rounds, int shuffles, long seed,
                                         int threads, Runnable afterEach) throws XGBoostError {
        double[][] nulls = new double[sample.columns()][shuffles];
        SplittableRandom random = new SplittableRandom(seed);
        for (int s = 0; s < shuffles; s++) {
            int[] shuffled = sample.outcomes().clone();
            for (int i = shuffled.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int swap = shuffled[i];
                shuffled[i] = shuffled[j];
                shuffled[j] = swap;
            }
            double[] gains = boosting(sample.withOutcomes(shuffled), rounds, seed + 1 + s, threads);
            for (int c = 0; c < gains.length; c++) {
                nulls[c][s] = gains[c];
            }
            afterEach.run();
        }
        double[] mean = new double[actual.length];
        double[] p90 = new double[actual.length];
        for (int c = 0; c < actual.length; c++) {
            double[] sorted = nulls[c].clone();
            Arrays.sort(sorted);
            mean[c] = Arrays.stream(sorted).average().orElse(0);
            p90[c] = percentile(sorted, 0.9);
        }
        return new NullImportance(actual.clone(), mean, p90, shuffles);
    }

    /** Linear interpolation between order statistics (numpy's default). */
    static double percentile(double[] sorted, double q) {
        double at = q * (sorted.length - 1);
        int lo = (int) Math.floor(at);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (at - lo) * (sorted[hi] - sorted[lo]);
    }

    private static double[] totalGain(TrainingSet data, Map<String, Object> parameters, int rounds)
            throws XGBoostError {
        DMatrix matrix = FoldMatrix.of(data, IntStream.range(0, data.rows()).toArray());
        Booster booster;
        try {
            booster = XGBoost.train(matrix, parameters, rounds, Map.of(), null, null);
        } finally {
            matrix.dispose();
        }
        try {
            String[] names = IntStream.range(0, data.columns()).mapToObj(c -> "f" + c).toArray(String[]::new);
            Map<String, Double> gain = booster.getScore(names, "total_gain");
            double[] scores = new double[data.columns()];
            for (int c = 0; c < scores.length; c++) {
                scores[c] = gain.getOrDefault(names[c], 0.0);
            }
            return scores;
        } finally {
            booster.dispose();
        }
    }
}
