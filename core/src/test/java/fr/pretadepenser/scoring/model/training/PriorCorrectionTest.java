package fr.pretadepenser.scoring.model.training;

import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PriorCorrectionTest {

    private static final int ROWS = 4000;
    private static final int COLUMNS = 5;
    private static final double WEIGHT = 9;

    static float[] x = new float[ROWS * COLUMNS];
    static float[] y = new float[ROWS];
    static Booster weighted;

    /** Defaults with odds exp(sum - 3) (about 13%), learnt with defaults weighted 9 to 1. */
    @BeforeAll
    static void trainAWeightedModel() throws Exception {
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < ROWS; i++) {
            double sum = 0;
            for (int j = 0; j < COLUMNS; j++) {
                x[i * COLUMNS + j] = (float) random.nextGaussian();
                sum += x[i * COLUMNS + j];
            }
            y[i] = random.nextDouble() < 1 / (1 + Math.exp(-(sum - 3))) ? 1 : 0;
        }
        DMatrix train = new DMatrix(x, ROWS, COLUMNS, Float.NaN);
        train.setLabel(y);
        Map<String, Object> parameters = new HashMap<>(Map.of("objective", "binary:logistic", "scale_pos_weight",
                WEIGHT, "nthread", 1, "verbosity", 0, "tree_method", "hist", "max_depth", 3, "eta", 0.1, "seed", 1));
        weighted = XGBoost.train(train, parameters, 300, new HashMap<>(), null, null);
    }

    @Test
    void theShiftedModelMovesEveryMarginByTheOffsetAndKeepsEveryContribution() throws Exception {
        double offset = -Math.log(WEIGHT);
        Booster corrected = PriorCorrection.shifted(weighted, offset);
        DMatrix rows = new DMatrix(x, ROWS, COLUMNS, Float.NaN);
        float[][] before = weighted.predict(rows, true);
        float[][] after = corrected.predict(rows, true);
        float[][] probabilities = corrected.predict(rows);
        float[][] weightedProbabilities = weighted.predict(rows);
        float[][] shapBefore = weighted.predictContrib(rows, 0);
        float[][] shapAfter = corrected.predictContrib(rows, 0);
        for (int i = 0; i < ROWS; i += 97) {
            assertEquals(before[i][0] + offset, after[i][0], 1e-4, "margin of row " + i);
            assertEquals(PriorCorrection.shifted(weightedProbabilities[i][0], offset), probabilities[i][0], 1e-5);
            assertArrayEquals(Arrays.copyOf(shapBefore[i], COLUMNS), Arrays.copyOf(shapAfter[i], COLUMNS),
                    "contributions of row " + i);
            assertEquals(shapBefore[i][COLUMNS] + offset, shapAfter[i][COLUMNS], 1e-4, "base value");
        }
        assertEquals(before[0][0], weighted.predict(new DMatrix(x, ROWS, COLUMNS, Float.NaN), true)[0][0],
                "the booster given is left as it was");
    }

    @Test
    void theOffsetBringsTheMeanProbabilityBackToTheDefaultRateNearMinusLnWeight() throws Exception {
        float[][] p = weighted.predict(new DMatrix(x, ROWS, COLUMNS, Float.NaN));
        double[] probabilities = new double[ROWS];
        double rate = 0;
        for (int i = 0; i < ROWS; i++) {
            probabilities[i] = p[i][0];
            rate += y[i] / (double) ROWS;
        }
        double weightedMean = Arrays.stream(probabilities).average().orElseThrow();
        assertTrue(weightedMean > 2 * rate, "weighted mean " + weightedMean + " against a rate of " + rate);
        double offset = PriorCorrection.offset(probabilities, rate);
        double[] corrected = PriorCorrection.shifted(probabilities, offset);
        assertEquals(rate, Arrays.stream(corrected).average().orElseThrow(), 1e-9);
        assertEquals(-Math.log(WEIGHT), offset, 0.5, "about the odds' factor");
        for (int i = 1; i < ROWS; i++) {
            assertEquals(Double.compare(probabilities[i - 1], probabilities[i]),
                    Double.compare(corrected[i - 1], corrected[i]), "order of rows " + (i - 1) + " and " + i);
        }
    }
}
