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
 * One TreeSHAP pass over one application's features, timed on one thread with one XGBoost thread: XGBoost's
 * {@code predictContrib} alone (a matrix of one row), and the whole explanation the Scorer asks for (contributions,
 * margin, sums per original variable). The physical limit of explained answers on this machine is about
 * cores / the pass.
 */
final class TreeShapPass {

    private TreeShapPass() {
    }

    /** Median and p99 milliseconds of each, as lines of text, after as many warm-up passes. */
    static String measure(ModelBundle bundle, List<float[]> rows, int calls) throws XGBoostError {
        Booster booster = bundle.booster();
        booster.setParam("nthread", "1");
        int width = bundle.features().features().size();
        ShapExplainer explainer = new ShapExplainer(booster, bundle.features());
        double[] contributions = new double[calls];
        double[] explanation = new double[calls];
        for (int i = 0; i < 2 * calls; i++) {
            float[] row = rows.get(i % rows.size());
            long start = System.nanoTime();
            DMatrix matrix = new DMatrix(row, 1, width, Float.NaN);
            booster.predictContrib(matrix, 0);
            matrix.dispose();
            long middle = System.nanoTime();
            explainer.explain(row, 1);
            long end = System.nanoTime();
            if (i >= calls) {
                contributions[i - calls] = (middle - start) / 1e6;
                explanation[i - calls] = (end - middle) / 1e6;
            }
        }
        Arrays.sort(contributions);
        Arrays.sort(explanation);
        int cores = Runtime.getRuntime().availableProcessors();
        double pass = contributions[calls / 2];
        return String.format(Locale.ROOT, "TreeSHAP, one pass over one application (a model of %d trees, %d passes"
                        + " after as many warm-up, 1 XGBoost thread):%n"
                        + "  predictContrib (one-row matrix):                 median %.3f ms, p99 %.3f ms%n"
                        + "  the Scorer's explanation (+ margin, per variable): median %.3f ms, p99 %.3f ms%n"
                        + "  cores / pass = %d / %.3f ms = %,.0f passes/s; 60%% of it: %,.0f/s%n",
                booster.getNumBoostedRound(), calls, pass, p99(contributions), explanation[calls / 2],
                p99(explanation), cores, pass, cores * 1000 / pass, 0.6 * cores * 1000 / pass);
    }

    private static double p99(double[] sorted) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * 0.99) - 1)];
    }
}
