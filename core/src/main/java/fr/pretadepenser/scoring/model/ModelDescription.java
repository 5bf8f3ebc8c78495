package fr.pretadepenser.scoring.model;

import fr.pretadepenser.scoring.features.Feature;
import fr.pretadepenser.scoring.features.FeatureManifest;
import fr.pretadepenser.scoring.features.VariableGroups;
import fr.pretadepenser.scoring.model.bundle.FeatureReference;
import fr.pretadepenser.scoring.model.bundle.VariableImportance;
import fr.pretadepenser.scoring.model.training.TrainingSet;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoostError;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * What a bundle says about its trained model besides the metrics: global importance and the features' reference
 * distributions. One place for every trainer (one machine or Spark), so that their bundles agree.
 */
public final class ModelDescription {

    /** Rows explained for the global SHAP importance. */
    public static final int SHAP_SAMPLE = 5000;

    private ModelDescription() {
    }

    /**
     * Up to {@value #SHAP_SAMPLE} evenly spaced rows of {@code data}, the rows whose explanations give the global
     * SHAP importance: evenly spaced rather than random ones, deterministic, and the rows are in client order.
     */
    public static TrainingSet shapRows(TrainingSet data) {
        int rows = Math.min(SHAP_SAMPLE, data.rows());
        int[] chosen = new int[rows];
        for (int i = 0; i < rows; i++) {
            chosen[i] = (int) ((long) i * data.rows() / rows);
        }
        return data.subset(chosen, IntStream.range(0, data.columns()).toArray());
    }

    /**
     * Mean |SHAP| per original variable over the rows {@code rows} (see {@link #shapRows}), largest first (variables
     * in manifest order on a tie). Exact TreeSHAP from XGBoost ({@code predictContrib}).
     */
    public static List<VariableImportance> shapImportance(Booster booster, FeatureManifest features,
                                                          TrainingSet rows) throws XGBoostError {
        VariableGroups groups = new VariableGroups(features);
        double[] sums = new double[groups.size()];
        DMatrix matrix = new DMatrix(rows.values(), rows.rows(), rows.columns(), Float.NaN);
        try {
            for (float[] shap : booster.predictContrib(matrix, 0)) {
                double[] grouped = groups.sum(shap);
                for (int g = 0; g < grouped.length; g++) {
                    sums[g] += Math.abs(grouped[g]);
                }
            }
        } finally {
            matrix.dispose();
        }
        List<VariableImportance> result = new ArrayList<>(groups.size());
        for (int g = 0; g < groups.size(); g++) {
            result.add(new VariableImportance(groups.table(g), groups.variable(g), sums[g] / rows.rows()));
        }
        result.sort(Comparator.comparingDouble((VariableImportance v) -> -v.value()));
        return result;
    }

    /** Total gain per original variable, largest first (by table.variable name on a tie). */
    public static List<VariableImportance> gainImportance(Booster booster, FeatureManifest features)
            throws XGBoostError {
        String[] names = features.featureNames().toArray(String[]::new);
        Map<String, Double> gain = booster.getScore(names, "total_gain");
        Map<String, double[]> byVariable = new TreeMap<>();
        Map<String, String[]> keys = new LinkedHashMap<>();
        for (Feature f : features.features()) {
            String key = f.table() + "." + f.variable();
            keys.putIfAbsent(key, new String[]{f.table(), f.variable()});
            byVariable.computeIfAbsent(key, k -> new double[1])[0] += gain.getOrDefault(f.name(), 0.0);
        }
        List<VariableImportance> result = new ArrayList<>();
        byVariable.forEach((k, v) -> result.add(new VariableImportance(keys.get(k)[0], keys.get(k)[1], v[0])));
        result.sort(Comparator.comparingDouble((VariableImportance v) -> -v.value()));
        return result;
    }

    /**
     * Each feature's training distribution on decile bins: the drift reference kept in the bundle. The columns are
     * dealt to at most {@code threads} workers of a parallel stream (as {@code ShapExplainer} spreads its batches),
     * each with one buffer: sorting a column is the cost (about 12 s for the 837 columns of 307,485 Kaggle-size rows
     * on one thread), and a buffer per column would be 2 GB of garbage there.
     */
    public static List<FeatureReference> references(TrainingSet data, int threads) {
        int columns = data.columns();
        FeatureReference[] references = new FeatureReference[columns];
        int workers = Math.max(1, Math.min(threads, columns));
        IntStream.range(0, workers).parallel().forEach(first -> {
            double[] buffer = new double[data.rows()];
            for (int c = first; c < columns; c += workers) {
                int present = 0;
                for (int i = 0; i < data.rows(); i++) {
                    float v = data.value(i, c);
                    if (!Float.isNaN(v)) {
                        buffer[present++] = v;
                    }
                }
                references[c] = FeatureReference.ofPresent(data.featureNames().get(c), buffer, present, data.rows());
            }
        });
        return List.of(references);
    }
}
