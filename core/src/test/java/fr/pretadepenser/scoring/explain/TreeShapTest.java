package fr.pretadepenser.scoring.explain;

import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TreeShapTest {

    private static final int ROWS = 3000;
    private static final int COLUMNS = 12;

    /** Rows with interactions, a repeated split feature per path, a fifth of values missing, one column never set. */
    private static float[] rows(long seed) {
        Random random = new Random(seed);
        float[] x = new float[ROWS * COLUMNS];
        for (int i = 0; i < x.length; i++) {
            int column = i % COLUMNS;
            x[i] = column == COLUMNS - 1 || random.nextInt(5) == 0 ? Float.NaN
                    : column == 3 ? random.nextInt(4) : (float) random.nextGaussian();
        }
        return x;
    }

    private static Booster train(float[] x, int depth, double scalePosWeight) throws Exception {
        Random random = new Random(11);
        float[] labels = new float[ROWS];
        for (int i = 0; i < ROWS; i++) {
            float a = Float.isNaN(x[i * COLUMNS]) ? 0 : x[i * COLUMNS];
            float b = Float.isNaN(x[i * COLUMNS + 1]) ? 1 : x[i * COLUMNS + 1];
            double logit = -2 + 1.5 * a * b + (Float.isNaN(x[i * COLUMNS + 2]) ? 1 : 0) + 0.3 * x[i * COLUMNS + 3];
            labels[i] = random.nextDouble() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
        }
        DMatrix matrix = new DMatrix(x, ROWS, COLUMNS, Float.NaN);
        matrix.setLabel(labels);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("objective", "binary:logistic");
        p.put("tree_method", "hist");
        p.put("max_depth", depth);
        p.put("eta", 0.1);
        p.put("subsample", 0.8);
        p.put("colsample_bytree", 0.7);
        p.put("scale_pos_weight", scalePosWeight);
        p.put("seed", 3);
        p.put("nthread", 1);
        try {
            return XGBoost.train(matrix, p, 80, Map.of(), null, null);
        } finally {
            matrix.dispose();
        }
    }

    private static void assertSameAsXgboost(Booster booster, float[] x) throws Exception {
        DMatrix matrix = new DMatrix(x, ROWS, COLUMNS, Float.NaN);
        float[][] expected = booster.predictContrib(matrix, 0);
        matrix.dispose();
        TreeShap shap = new TreeShap(booster, COLUMNS);
        double worst = 0;
        for (int r = 0; r < ROWS; r++) {
            double[] actual = shap.contributions(x, r * COLUMNS);
            assertEquals(COLUMNS + 1, actual.length);
            for (int c = 0; c <= COLUMNS; c++) {
                worst = Math.max(worst, Math.abs(actual[c] - expected[r][c]));
            }
        }
        // XGBoost sums in single precision, this class in double: they agree to its rounding (the largest difference
        // in these tests was 1.8e-6, on contributions and margins of order 1).
        assertEquals(0, worst, 5e-6, "largest difference from predictContrib over " + ROWS + " rows");
    }

    @Test
    void equalsXgboostsContributionsOnEveryRowOfADepthSixModelWithMissingValues() throws Exception {
        float[] x = rows(1);
        assertSameAsXgboost(train(x, 6, 1), x);
    }

    @Test
    void equalsXgboostsContributionsOnRowsTheModelNeverSaw() throws Exception {
        assertSameAsXgboost(train(rows(1), 3, 1), rows(2));
    }

    @Test
    void equalsXgboostsContributionsWithAnInterceptOtherThanXgboostsDefault() throws Exception {
        float[] x = rows(3);
        Booster booster = train(x, 5, 9);
        booster.setParam("base_score", "0.0825");
        assertSameAsXgboost(XGBoost.loadModel(booster.toByteArray("ubj")), x);
    }

    @Test
    void refusesAModelThatIsNotABinaryLogistic() throws Exception {
        float[] x = rows(4);
        DMatrix matrix = new DMatrix(x, ROWS, COLUMNS, Float.NaN);
        matrix.setLabel(new float[ROWS]);
        Booster regression = XGBoost.train(matrix, Map.of("objective", "reg:squarederror", "nthread", 1), 2,
                Map.of(), null, null);
        matrix.dispose();
        assertThrows(IllegalArgumentException.class, () -> new TreeShap(regression, COLUMNS));
    }
}
