package fr.pretadepenser.scoring.bench;

import fr.pretadepenser.scoring.explain.ShapExplainer;
import fr.pretadepenser.scoring.model.bundle.ModelBundle;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoostError;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One TreeSHAP pass over one application's features, timed on one thread: XGBoost's {@code predictContrib} (a
 * matrix of one row, one XGBoost thread) against the Java TreeSHAP the Scorer uses. The physical limit of explained
 * answers on this machine is about cores / that time.
 */
final class TreeShapPass {

    private TreeShapPass() {
    }

    /** Median and p99 milliseconds of each, as lines of text, after as many warm-up passes. */
    static String measure(ModelBundle bundle, List<float[]> rows, int calls) throws XGBoostError {
        Booster booster = bundle.booster();
        booster.setParam("nthread", "1");
        int width = bundle.features().features().size();
        ShapExplainer java = new ShapExplainer(booster, bundle.features());
        double[] xgboost = new double[calls];
        double[] walk = new double[calls];
        for (int i = 0; i < 2 * calls; i++) {
            float[] row = rows.get(i % rows.size());
            long start = System.nanoTime();
            DMatrix matrix = new DMatrix(row, 1, width, Float.NaN);
            booster.predictContrib(matrix, 0);
            matrix.dispose();
            long middle = System.nanoTime();
            java.explain(row, 1);
            long end = System.nanoTime();
            if (i >= calls) {
                xgboost[i - calls] = (middle - start) / 1e6;
                walk[i - calls] = (end - middle) / 1e6;
            }
        }
        Arrays.sort(xgboost);
        Arrays.sort(walk);
        int cores = Runtime.getRuntime().availableProcessors();
        double median = walk[calls / 2];
        return String.format(Locale.ROOT, "TreeSHAP, one pass over one application (a model of %d trees, %d passes"
                        + " after as many warm-up):%n"
                        + "  XGBoost predictContrib (one-row matrix, 1 thread): median %.3f ms, p99 %.3f ms%n"
                        + "  Java TreeSHAP + margin (what the Scorer runs):     median %.3f ms, p99 %.3f ms%n"
                        + "  cores / Java pass = %d / %.3f ms = %,.0f explanations/s; 60%% of it: %,.0f/s%n",
                booster.getNumBoostedRound(), calls, xgboost[calls / 2], p99(xgboost), median, p99(walk), cores, median,
                cores * 1000 / median, 0.6 * cores * 1000 / median);
    }

    private static double p99(double[] sorted) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * 0.99) - 1)];
    }
}
