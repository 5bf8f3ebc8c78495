package fr.pretadepenser.scoring.explain;

import fr.pretadepenser.scoring.model.bundle.ModelBundle;
import fr.pretadepenser.scoring.model.training.TrainingSet;
import fr.pretadepenser.scoring.testing.TinyBundle;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TreeShapTest {

    private static final int FEATURES = 30;
    private static final int ROWS = 3000;

    private static Booster booster;
    /** Rows the model never saw, drawn like the training rows: a quarter of the values missing. */
    private static float[] unseen;

    @BeforeAll
    static void trainAModelWithMissingValues() throws XGBoostError {
        float[] training = randomRows(new Random(11), ROWS);
        float[] labels = new float[ROWS];
        Random noise = new Random(12);
        for (int i = 0; i < ROWS; i++) {
            float a = training[i * FEATURES];
            float b = training[i * FEATURES + 1];
            float c = training[i * FEATURES + 2];
            double logit = -1 + (Float.isNaN(a) ? 0.8 : 2 * a) - (Float.isNaN(b) ? 0 : b) + (Float.isNaN(c) ? 0 : c);
            labels[i] = noise.nextDouble() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
        }
        DMatrix matrix = new DMatrix(training, ROWS, FEATURES, Float.NaN);
        matrix.setLabel(labels);
        booster = XGBoost.train(matrix, Map.of("objective", "binary:logistic", "tree_method", "hist",
                "max_depth", 6, "eta", 0.1, "subsample", 0.8, "colsample_bytree", 0.8, "seed", 3, "nthread", 1,
                "verbosity", 0), 150, Map.of(), null, null);
        matrix.dispose();
        unseen = randomRows(new Random(13), ROWS);
    }

    /**
     * Rows of mixed columns: a quarter missing, continuous values, one-hot zeros and ones, and values on a coarse
     * grid so that many equal a split threshold exactly.
     */
    private static float[] randomRows(Random random, int count) {
        float[] values = new float[count * FEATURES];
        for (int i = 0; i < values.length; i++) {
            int column = i % FEATURES;
            values[i] = random.nextDouble() < 0.25 ? Float.NaN
                    : column % 3 == 0 ? random.nextFloat()
                    : column % 3 == 1 ? (random.nextBoolean() ? 1 : 0)
                    : Math.round(random.nextGaussian() * 4) / 4f;
        }
        return values;
    }

    /**
     * Both sides compute in float, in a slightly different order of additions: equal to 1e-6, relative to the
     * value beyond 1 (this test model's contributions reach 6, where one float step is 5e-7).
     */
    private static void assertSameContributions(Booster model, float[] rows, int count, int width)
            throws XGBoostError {
        DMatrix matrix = new DMatrix(rows, count, width, Float.NaN);
        float[][] expected = model.predictContrib(matrix, 0);
        float[][] margins = model.predict(matrix, true);
        matrix.dispose();
        TreeEnsemble trees = TreeEnsemble.parse(model.toByteArray("json"));
        TreeShap shap = new TreeShap(trees);
        for (int r = 0; r < count; r++) {
            float[] actual = shap.contributions(rows, r * width);
            assertEquals(width + 1, actual.length);
            for (int f = 0; f <= width; f++) {
                assertEquals(expected[r][f], actual[f], 1e-6 * Math.max(1, Math.abs(expected[r][f])),
                        "row " + r + " feature " + f);
            }
            assertEquals(margins[r][0], trees.margin(rows, r * width), 1e-6, "margin of row " + r);
        }
    }

    @Test
    void givesXgboostsContributionsAndMarginOnUnseenRowsWithMissingValues() throws XGBoostError {
        LeafTables tables = new LeafTables(TreeEnsemble.parse(booster.toByteArray("json")));
        assertTrue(IntStream.range(0, 150).allMatch(tables::tabulated), "every tree of depth 6 has tables");

        assertSameContributions(booster, unseen, ROWS, FEATURES);
    }

    @Test
    void walksTheTreesTooDeepForTablesAndStillGivesXgboostsContributions() throws XGBoostError {
        float[] training = randomRows(new Random(21), ROWS);
        float[] labels = new float[ROWS];
        Random noise = new Random(22);
        for (int i = 0; i < ROWS; i++) {
            labels[i] = noise.nextDouble() < (Float.isNaN(training[i * FEATURES]) ? 0.3 : 0.1) ? 1 : 0;
        }
        DMatrix matrix = new DMatrix(training, ROWS, FEATURES, Float.NaN);
        matrix.setLabel(labels);
        // Deep first trees, too large for tables; gamma prunes the later ones small enough to be tabulated.
        Booster deep = XGBoost.train(matrix, Map.of("objective", "binary:logistic", "tree_method", "hist",
                "max_depth", 9, "min_child_weight", 0.1, "eta", 0.3, "gamma", 0.5, "seed", 5, "nthread", 1,
                "verbosity", 0), 40, Map.of(), null, null);
        matrix.dispose();
        LeafTables tables = new LeafTables(TreeEnsemble.parse(deep.toByteArray("json")));
        long walked = IntStream.range(0, 40).filter(t -> !tables.tabulated(t)).count();
        assertTrue(walked > 0 && walked < 40, "some trees walked, some tabulated: " + walked + " walked");

        assertSameContributions(deep, unseen, ROWS, FEATURES);
    }

    @Test
    void givesXgboostsContributionsForTheTinyBundlesApplications() throws Exception {
        TinyBundle tiny = TinyBundle.get();
        ModelBundle bundle = ModelBundle.load(tiny.bundle());
        TrainingSet rows;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + tiny.database())) {
            rows = TrainingSet.read(c, bundle.features());
        }
        assertTrue(rows.rows() > 1000, "the bundle's training rows");
        assertSameContributions(bundle.booster(), rows.values(), rows.rows(), rows.columns());
    }

    @Test
    void contributionsAddUpToTheMargin() throws XGBoostError {
        TreeEnsemble trees = TreeEnsemble.parse(booster.toByteArray("json"));
        TreeShap shap = new TreeShap(trees);
        for (int r = 0; r < 100; r++) {
            double sum = 0;
            for (float value : shap.contributions(unseen, r * FEATURES)) {
                sum += value;
            }
            assertEquals(trees.margin(unseen, r * FEATURES), sum, 1e-5, "row " + r);
        }
    }

    @Test
    void refusesAModelItCannotReproduce() throws XGBoostError {
        DMatrix matrix = new DMatrix(unseen, ROWS, FEATURES, 0);
        float[] labels = new float[ROWS];
        for (int i = 0; i < ROWS; i += 2) {
            // Both outcomes: XGBoost 3.0 estimates the intercept from the labels and refuses a rate of 0.
            labels[i] = 1;
        }
        matrix.setLabel(labels);
        Booster linear = XGBoost.train(matrix, Map.of("booster", "gblinear", "objective", "binary:logistic",
                "nthread", 1, "verbosity", 0), 2, Map.of(), null, null);
        matrix.dispose();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TreeEnsemble.parse(linear.toByteArray("json")));
        assertEquals("only gbtree models with binary:logistic are supported, not gblinear with binary:logistic",
                e.getMessage());
    }
}
