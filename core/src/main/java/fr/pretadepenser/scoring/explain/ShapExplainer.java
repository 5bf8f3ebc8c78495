package fr.pretadepenser.scoring.explain;

import fr.pretadepenser.scoring.features.Feature;
import fr.pretadepenser.scoring.features.FeatureManifest;
import fr.pretadepenser.scoring.features.VariableGroups;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoostError;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Exact TreeSHAP contributions, grouped per original variable by the feature manifest: a relationship manager sees
 * one "income type" factor, not a dozen one-hot fragments. The contributions and the margin are XGBoost's
 * ({@code predictContrib}, {@code predict}), computed in Java over the model's trees ({@link TreeShap}): one
 * application costs a pass over the trees, not a native call with its matrix. Safe for concurrent callers.
 */
public final class ShapExplainer {

    /** Below this many rows a batch is explained on the calling thread: forking costs more than it saves. */
    private static final int PARALLEL_ROWS = 64;

    private final List<Feature> features;
    private final VariableGroups groups;
    private final TreeEnsemble trees;
    private final TreeShap shap;

    /**
     * An explainer of that model, whose features are those of the manifest, in its order.
     *
     * @throws IllegalArgumentException for a model other than single-output {@code gbtree} with
     *                                  {@code binary:logistic}, or one that reads another number of features
     */
    public ShapExplainer(Booster booster, FeatureManifest manifest) {
        this.features = manifest.features();
        this.groups = new VariableGroups(manifest);
        try {
            this.trees = TreeEnsemble.parse(booster.toByteArray("json"));
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost cannot write its model as JSON: " + e.getMessage(), e);
        }
        if (trees.featureCount != features.size()) {
            throw new IllegalArgumentException("the model reads " + trees.featureCount + " features, the manifest"
                    + " lists " + features.size());
        }
        this.shap = new TreeShap(trees);
    }

    /**
     * Explains each row of a row-major matrix ({@code rows * features} values, NaN for missing), in order; a large
     * batch is spread over the cores (each row's result is the same either way).
     */
    public List<Explanation> explain(float[] values, int rows) {
        int width = features.size();
        Explanation[] explanations = new Explanation[rows];
        IntStream range = IntStream.range(0, rows);
        (rows >= PARALLEL_ROWS ? range.parallel() : range).forEach(r -> explanations[r] = explanation(
                shap.contributions(values, r * width), trees.margin(values, r * width)));
        return Arrays.asList(explanations);
    }

    private Explanation explanation(float[] shap, float margin) {
        double[] summed = groups.sum(shap);
        int[] driver = new int[groups.size()];
        Arrays.fill(driver, -1);
        for (int f = 0; f < features.size(); f++) {
            int g = groups.groupOf(f);
            if (driver[g] < 0 || Math.abs(shap[f]) > Math.abs(shap[driver[g]])) {
                driver[g] = f;
            }
        }
        // XGBoost puts the bias (the expected margin) after the last feature.
        double base = shap[features.size()];
        Integer[] order = new Integer[groups.size()];
        for (int g = 0; g < order.length; g++) {
            order[g] = g;
        }
        Arrays.sort(order, Comparator.comparingDouble(g -> -Math.abs(summed[g])));
        List<Contribution> contributions = new ArrayList<>(groups.size());
        List<String> drivers = new ArrayList<>(groups.size());
        for (int g : order) {
            contributions.add(new Contribution(groups.table(g), groups.variable(g), summed[g]));
            drivers.add(features.get(driver[g]).name());
        }
        return new Explanation(base, margin, 1 / (1 + Math.exp(-margin)), contributions, drivers);
    }
}
