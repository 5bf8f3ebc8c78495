package fr.pretadepenser.scoring.model.training;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tunable parameters of the gradient-boosted trees (XGBoost names in brackets).
 *
 * @param maxDepth        depth of each tree [max_depth]
 * @param learningRate    shrinkage of each tree's contribution [eta]
 * @param minChildWeight  least hessian sum in a leaf [min_child_weight]
 * @param subsample       share of rows per tree [subsample]
 * @param columnSample    share of features per tree [colsample_bytree]
 * @param l1              L1 penalty on leaf weights [alpha]
 * @param l2              L2 penalty on leaf weights [lambda]
 * @param scalePosWeight  weight of defaults relative to non-defaults [scale_pos_weight]; 1 means unweighted
 */
public record BoostingParameters(int maxDepth, double learningRate, double minChildWeight, double subsample,
                                 double columnSample, double l1, double l2, double scalePosWeight) {

    /** A sound starting point for this data (close to the public kernels' LightGBM settings). */
    public static final BoostingParameters DEFAULT = new BoostingParameters(5, 0.05, 10, 0.85, 0.5, 0.05, 5, 1);

    /**
     * Histogram bins per feature of the {@code hist} tree method [max_bin]: XGBoost's default and the Python peer's
     * setting, written out so that the bundle records it and every engine uses it.
     */
    public static final int MAX_BIN = 256;

    /**
     * Node histograms XGBoost keeps while it grows a tree [max_cached_hist_node]; past them it drops them and
     * builds a level's histograms in full instead of taking each second child's from its parent's. Each takes 16
     * bytes per bin (about 1.3 MiB at Kaggle size, by the runs below) and by default every expanded node's is kept:
     * 255 for the search's depth-8 trees. 128 holds a depth-7 tree's 127, so trees up to depth 7 grow exactly as
     * before, and a depth-8 tree rebuilds only its last level. The trees are the same (tested). Measured at Kaggle
     * size, {@code train --trials 2} (a depth-5 and a depth-8 trial; the same model and out-of-fold predictions byte
     * for byte), one run each in one session: the depth-8 folds peaked at 4,119 MiB instead of 4,281 MiB and the
     * trial took 403.5 s instead of 363.7 s (a cap of 64, which rebuilds two levels, peaked at 4,099 MiB); at 30,000
     * clients (the demo's search) 1,645 MiB instead of 1,807 MiB.
     */
    public static final int CACHED_HISTOGRAMS = 128;

    /** Checks ranges, so that a bad search space fails at once rather than inside XGBoost. */
    public BoostingParameters {
        if (maxDepth < 1 || learningRate <= 0 || learningRate > 1 || minChildWeight < 0 || subsample <= 0
                || subsample > 1 || columnSample <= 0 || columnSample > 1 || l1 < 0 || l2 < 0 || scalePosWeight <= 0) {
            throw new IllegalArgumentException("boosting parameters out of range: " + this);
        }
    }

    /** The same parameters with another class weight. */
    public BoostingParameters withScalePosWeight(double weight) {
        return new BoostingParameters(maxDepth, learningRate, minChildWeight, subsample, columnSample, l1, l2, weight);
    }

    /** The XGBoost parameter map: binary logistic, hist trees, missing values handled natively, AUC metric. */
    public Map<String, Object> toXgboost(long seed, int threads) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("objective", "binary:logistic");
        p.put("tree_method", "hist");
        p.put("max_bin", MAX_BIN);
        // The hist method's column copy of the rows stores every feature densely (a byte per row) rather than the
        // sparser ones as (row, bin) pairs of 9 bytes per value: the same trees, bit for bit, in less memory and
        // time (200,000 Kaggle-size rows, 837 features: the first round took 0.94 GB instead of 2.2 GB).
        p.put("sparse_threshold", 0.0);
        p.put("max_cached_hist_node", CACHED_HISTOGRAMS);
        p.put("eval_metric", "auc");
        p.put("max_depth", maxDepth);
        p.put("eta", learningRate);
        p.put("min_child_weight", minChildWeight);
        p.put("subsample", subsample);
        p.put("colsample_bytree", columnSample);
        p.put("alpha", l1);
        p.put("lambda", l2);
        p.put("scale_pos_weight", scalePosWeight);
        p.put("seed", seed);
        p.put("nthread", threads);
        p.put("verbosity", 0);
        return p;
    }
}
