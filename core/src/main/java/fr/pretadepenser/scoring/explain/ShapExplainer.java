package fr.pretadepenser.scoring.explain;

import fr.pretadepenser.scoring.features.Feature;
import fr.pretadepenser.scoring.features.FeatureManifest;
import fr.pretadepenser.scoring.features.VariableGroups;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoostError;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Exact TreeSHAP from XGBoost's own contributions ({@code predictContrib}), grouped per original variable by the
 * feature manifest: a relationship manager sees one "income type" factor, not a dozen one-hot fragments.
 */
public final class ShapExplainer {

    private final Booster booster;
    private final List<Feature> features;
    private final VariableGroups groups;

    /** An explainer of that model, whose features are those of the manifest, in its order. */
    public ShapExplainer(Booster booster, FeatureManifest manifest) {
        this.booster = booster;
        this.features = manifest.features();
        this.groups = new VariableGroups(manifest);
    }

    /** Explains each row of a row-major matrix ({@code rows * features} values, NaN for missing). */
    public List<Explanation> explain(float[] values, int rows) throws XGBoostError {
        DMatrix matrix = new DMatrix(values, rows, features.size(), Float.NaN);
        try {
            float[][] contributions = booster.predictContrib(matrix, 0);
            float[][] margins = booster.predict(matrix, true);
            List<Explanation> explanations = new ArrayList<>(rows);
            for (int r = 0; r < rows; r++) {
                explanations.add(explanation(contributions[r], margins[r][0]));
            }
            return explanations;
        } finally {
            matrix.dispose();
        }
    }

    private Explanation explanation(float[] shap, float margin) {
        double[] summed = groups.sum(shap);
        int[] driver = new int[groups.size()];
        java.util.Arrays.fill(driver, -1);
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
        java.util.Arrays.sort(order, Comparator.comparingDouble(g -> -Math.abs(summed[g])));
        List<Contribution> contributions = new ArrayList<>(groups.size());
        List<String> drivers = new ArrayList<>(groups.size());
        for (int g : order) {
            contributions.add(new Contribution(groups.table(g), groups.variable(g), summed[g]));
            drivers.add(features.get(driver[g]).name());
        }
        return new Explanation(base, margin, 1 / (1 + Math.exp(-margin)), contributions, drivers);
    }
}
