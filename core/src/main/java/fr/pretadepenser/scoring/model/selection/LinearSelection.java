package fr.pretadepenser.scoring.model.selection;

import fr.pretadepenser.scoring.model.training.FoldMatrix;
import fr.pretadepenser.scoring.model.training.LogisticBaseline;
import fr.pretadepenser.scoring.model.training.TrainingSet;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The notebook's two linear methods, with a logistic regression by XGBoost's linear booster (coordinate descent,
 * which an L1 penalty needs): recursive feature elimination and an L1-penalised fit. Features are standardised on
 * the rows given, as the logistic baseline's are, and a missing value is left out of the matrix, which the linear
 * booster reads as 0, the column's mean: the baseline's imputation, and no imputed cell is stored.
 */
final class LinearSelection {

    /** Share of the remaining features dropped at each elimination step (scikit-learn's fractional step). */
    static final double RFE_STEP = 0.1;

    /**
     * L1 penalty per row. scikit-learn's default (C = 1) is 1 / rows, which keeps nearly every feature of a
     * standardised problem this size; 1e-3 keeps those whose mean gradient clears it, a few dozen to a few hundred.
     */
    static final double L1_PENALTY = 1e-3;

    /** A small ridge in the elimination's fits, so that collinear features share weight rather than swap it. */
    private static final double RFE_L2 = 1e-3;

    /**
     * Rounds of coordinate descent. Measured on the synthetic data (the logistic baseline's 5 folds, when it was
     * fitted this way): at 30,000 clients the out-of-fold log loss moves by 5e-4 from 5 to 10 rounds and 5e-5 from 10
     * to 20; at Kaggle size by 3e-4 from 5 to 10.
     */
    static final int ROUNDS = 10;

    private LinearSelection() {
    }

    /**
     * Recursive elimination down to {@code keep} features: fit, drop the {@link #RFE_STEP} smallest |weights|,
     * again. The score of a feature is the step at which it was dropped plus its scaled |weight| then (the
     * survivors score highest); 0 for a feature dropped first with no weight at all.
     */
    static double[] recursiveElimination(TrainingSet sample, int keep) throws XGBoostError {
        int p = sample.columns();
        double[] scores = new double[p];
        List<Integer> remaining = new ArrayList<>(IntStream.range(0, p).boxed().toList());
        int step = 0;
        while (true) {
            int[] columns = remaining.stream().mapToInt(Integer::intValue).toArray();
            double[] weights = absoluteWeights(sample.subset(IntStream.range(0, sample.rows()).toArray(), columns),
                    0, RFE_L2);
            double largest = Arrays.stream(weights).max().orElse(0);
            boolean last = remaining.size() <= keep;
            Integer[] order = IntStream.range(0, columns.length).boxed()
                    .sorted(Comparator.comparingDouble((Integer i) -> weights[i]).thenComparing(i -> columns[i]))
                    .toArray(Integer[]::new);
            int drop = last ? order.length : Math.min(remaining.size() - keep,
                    Math.max(1, (int) Math.ceil(RFE_STEP * remaining.size())));
            List<Integer> dropped = new ArrayList<>();
            for (int i = 0; i < drop; i++) {
                int column = columns[order[i]];
                double scaled = largest > 0 ? weights[order[i]] / largest : 0;
                // Within a step, a larger weight ranks higher; the survivors of the last fit rank above all.
                scores[column] = step == 0 && weights[order[i]] == 0 ? 0 : step + scaled * 0.999;
                dropped.add(column);
            }
            if (last) {
                return scores;
            }
            remaining.removeAll(dropped);
            step++;
        }
    }

    /** |Weight| of each feature in an L1-penalised logistic regression; 0 for a feature the penalty dropped. */
    static double[] l1Weights(TrainingSet sample) throws XGBoostError {
        return absoluteWeights(sample, L1_PENALTY, 0);
    }

    /**
     * The parameters of a deterministic, one-thread logistic regression by XGBoost's linear booster, with L1 and L2
     * penalties per row (XGBoost multiplies both by the number of rows).
     */
    static Map<String, Object> linearParameters(double l1, double l2) {
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

    /** |Weight| of each standardised feature of a logistic regression fitted on every row of {@code data}. */
    private static double[] absoluteWeights(TrainingSet data, double l1, double l2) throws XGBoostError {
        LogisticBaseline.Standardisation scale = LogisticBaseline.Standardisation.of(data);
        DMatrix matrix = FoldMatrix.of(data, IntStream.range(0, data.rows()).toArray(), scale::apply);
        Booster booster;
        try {
            booster = XGBoost.train(matrix, linearParameters(l1, l2), ROUNDS, Map.of(), null, null);
        } finally {
            matrix.dispose();
        }
        try {
            return weights(booster.getModelDump((String) null, false)[0], data.columns());
        } finally {
            booster.dispose();
        }
    }

    /**
     * The weights of a linear booster's dump ({@code bias:}, its value, {@code weight:}, one value per feature),
     * as absolute values.
     */
    static double[] weights(String dump, int features) {
        String[] lines = dump.strip().split("\n");
        int at = Arrays.asList(lines).indexOf("weight:");
        if (at < 0 || lines.length - at - 1 != features) {
            throw new IllegalStateException("unexpected linear model dump: " + (lines.length - at - 1)
                    + " weights for " + features + " features");
        }
        double[] weights = new double[features];
        for (int i = 0; i < features; i++) {
            weights[i] = Math.abs(Double.parseDouble(lines[at + 1 + i].strip()));
        }
        return weights;
    }
}
