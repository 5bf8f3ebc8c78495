package fr.pretadepenser.scoring.model.training;

import fr.pretadepenser.scoring.progress.Progress;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.junit.jupiter.api.Test;

import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class XgboostFoldTrainerTest {

    private static final int ROWS = 1500;
    private static final int COLUMNS = 6;

    /** Log-odds from the first two columns; a fifth of the cells missing, the last column always missing. */
    private static TrainingSet data() {
        Random random = new Random(3);
        List<String> names = new ArrayList<>();
        for (int c = 0; c < COLUMNS; c++) {
            names.add("F" + c);
        }
        float[] values = new float[ROWS * COLUMNS];
        int[] y = new int[ROWS];
        long[] clients = new long[ROWS];
        for (int i = 0; i < ROWS; i++) {
            double a = random.nextGaussian();
            double b = random.nextGaussian();
            y[i] = random.nextDouble() < 1 / (1 + Math.exp(-(-2 + 1.5 * a - b))) ? 1 : 0;
            clients[i] = 100_000 + i;
            for (int c = 0; c < COLUMNS; c++) {
                double v = c == 0 ? a : c == 1 ? b : random.nextGaussian();
                values[i * COLUMNS + c] = c == COLUMNS - 1 || random.nextInt(5) == 0 ? Float.NaN : (float) v;
            }
        }
        return new TrainingSet(names, values, y, clients);
    }

    @Test
    void aFoldMatrixGrowsTheTreesASliceOfTheWholeSetDoes() throws Exception {
        TrainingSet data = data();
        int[] folds = StratifiedFolds.assign(data.outcomes(), 3, 7);
        int[] train = IntStream.range(0, ROWS).filter(i -> folds[i] != 1).toArray();
        Map<String, Object> parameters = BoostingParameters.DEFAULT.toXgboost(7, 1);
        DMatrix whole = new DMatrix(data.values(), ROWS, COLUMNS, Float.NaN);
        float[] labels = new float[ROWS];
        for (int i = 0; i < ROWS; i++) {
            labels[i] = data.outcomes()[i];
        }
        whole.setLabel(labels);
        DMatrix slice = whole.slice(train);
        DMatrix fold = FoldMatrix.of(data, train);
        try {
            assertEquals(slice.nonMissingNum(), fold.nonMissingNum());
            assertArrayEquals(slice.getLabel(), fold.getLabel());
            Booster fromSlice = XGBoost.train(slice, parameters, 20, Map.of(), null, null);
            Booster fromFold = XGBoost.train(fold, parameters, 20, Map.of(), null, null);
            assertArrayEquals(fromSlice.toByteArray("ubj"), fromFold.toByteArray("ubj"));
        } finally {
            whole.dispose();
            slice.dispose();
            fold.dispose();
        }
    }

    @Test
    void treesExpandingMoreNodesThanTheHistogramCacheHoldsGrowAsWithoutTheCap() throws Exception {
        TrainingSet data = data();
        // Deep trees with no hessian floor split far past the cache's nodes on 1,500 rows.
        Map<String, Object> capped = new BoostingParameters(10, 0.3, 0, 1, 1, 0, 1, 1).toXgboost(7, 2);
        Map<String, Object> uncapped = new HashMap<>(capped);
        uncapped.remove("max_cached_hist_node");
        DMatrix matrix = FoldMatrix.of(data, IntStream.range(0, ROWS).toArray());
        try {
            Booster withCap = XGBoost.train(matrix, capped, 5, Map.of(), null, null);
            Booster withoutCap = XGBoost.train(matrix, uncapped, 5, Map.of(), null, null);
            long splits = withCap.getModelDump("", false)[0].lines().filter(line -> line.contains("[")).count();
            assertTrue(splits > BoostingParameters.CACHED_HISTOGRAMS, splits + " splits in the first tree");
            assertArrayEquals(withoutCap.toByteArray("ubj"), withCap.toByteArray("ubj"));
        } finally {
            matrix.dispose();
        }
    }

    @Test
    void aCrossValidationReusingAFoldFittedAheadEqualsOneThatFitsEveryFold() throws Exception {
        TrainingSet data = data();
        int[] folds = StratifiedFolds.assign(data.outcomes(), 3, 7);
        XgboostFoldTrainer trainer = new XgboostFoldTrainer(data, folds, 200, 10, 7, 1);
        CrossValidation.FittedFold ahead = new CrossValidation.FittedFold(0,
                trainer.fit(0, BoostingParameters.DEFAULT, Progress.SILENT), 1.5);
        CrossValidation every = CrossValidation.run(trainer, folds, 200, BoostingParameters.DEFAULT, Progress.SILENT);
        CrossValidation reusing = CrossValidation.run(trainer, folds, 200, BoostingParameters.DEFAULT, ahead,
                Progress.SILENT);
        assertArrayEquals(every.outOfFold(), reusing.outOfFold());
        assertArrayEquals(every.foldAuc(), reusing.foldAuc());
        assertArrayEquals(every.foldRounds(), reusing.foldRounds());
        assertEquals(1.5, reusing.foldSeconds()[0], "the fold's time is the fit's, not the lookup's");
    }

    @Test
    void fitsOfHeldFoldsEqualFitsThatBuildTheirOwnMatrices() throws Exception {
        TrainingSet data = data();
        int[] folds = StratifiedFolds.assign(data.outcomes(), 3, 7);
        BoostingParameters weighted = BoostingParameters.DEFAULT.withScalePosWeight(3);
        List<BoostingParameters> options = List.of(BoostingParameters.DEFAULT, weighted);
        XgboostFoldTrainer alone = new XgboostFoldTrainer(data, folds, 200, 10, 7, 1);
        List<FoldTrainer.FoldFit> expected = new ArrayList<>();
        for (int fold = 0; fold < 3; fold++) {
            for (BoostingParameters option : options) {
                expected.add(alone.fit(fold, option, Progress.SILENT));
            }
        }
        assertNotEquals(expected.get(0).rounds() + " " + expected.get(0).auc(),
                expected.get(1).rounds() + " " + expected.get(1).auc(), "the two options fit differently");

        // Every fold kept (an ample budget), or only the fold last fitted (none beside it): the same fits, with
        // the rows parked in a file as at full size.
        for (long budget : new long[]{XgboostFoldTrainer.HELD_BUDGET_BYTES, 0}) {
            XgboostFoldTrainer holding = new XgboostFoldTrainer(data, folds, 200, 10, 7, 1, budget, 0);
            List<FoldTrainer.FoldFit> fits = new ArrayList<>();
            try (FoldTrainer.HeldFolds held = holding.hold()) {
                // Fold after fold, then again (as class weighting, then a search's later trial).
                for (BoostingParameters option : options) {
                    for (int fold = 0; fold < 3; fold++) {
                        fits.add(holding.fit(fold, option, Progress.SILENT));
                    }
                }
                assertEquals(budget == 0 ? 1 : 3, holding.heldFolds(), "folds kept with a budget of " + budget);
                assertThrows(IllegalStateException.class, holding::hold, "held already");
                assertThrows(IllegalStateException.class, () -> holding.fitAll(BoostingParameters.DEFAULT, 5),
                        "the final model while the folds' matrices are held");
            }
            assertEquals(0, holding.heldFolds(), "let go once closed");
            for (int fold = 0; fold < 3; fold++) {
                for (int option = 0; option < 2; option++) {
                    FoldTrainer.FoldFit want = expected.get(2 * fold + option);
                    FoldTrainer.FoldFit got = fits.get(3 * option + fold);
                    String what = "fold " + fold + ", option " + option + ", budget " + budget;
                    assertArrayEquals(want.predictions(), got.predictions(), what);
                    assertEquals(want.auc(), got.auc(), what);
                    assertEquals(want.rounds(), got.rounds(), what);
                }
            }
            // Let go: a fold is fitted again from new matrices, and the final model may follow.
            assertArrayEquals(expected.get(1).predictions(), holding.fit(0, weighted, Progress.SILENT).predictions());
            assertEquals(0, holding.heldFolds());
            holding.fitAll(BoostingParameters.DEFAULT, 5).dispose();
        }
    }

    @Test
    void rowsParkedInAFileGiveTheFitsAndFinalModelOfRowsKeptOnTheHeap() throws Exception {
        int[] folds = StratifiedFolds.assign(data().outcomes(), 3, 7);
        XgboostFoldTrainer onHeap = new XgboostFoldTrainer(data(), folds, 200, 10, 7, 1,
                XgboostFoldTrainer.HELD_BUDGET_BYTES, Long.MAX_VALUE);
        // The only reference to these rows is the trainer's: once it parks them, they can be collected.
        XgboostFoldTrainer parking = new XgboostFoldTrainer(data(), folds, 200, 10, 7, 1,
                XgboostFoldTrainer.HELD_BUDGET_BYTES, 0);
        WeakReference<TrainingSet> rows = new WeakReference<>(parking.sample());
        for (int fold = 0; fold < 3; fold++) {
            FoldTrainer.FoldFit want = onHeap.fit(fold, BoostingParameters.DEFAULT, Progress.SILENT);
            FoldTrainer.FoldFit got = parking.fit(fold, BoostingParameters.DEFAULT, Progress.SILENT);
            assertArrayEquals(want.predictions(), got.predictions(), "fold " + fold);
            assertEquals(want.auc(), got.auc(), "fold " + fold);
            assertEquals(want.rounds(), got.rounds(), "fold " + fold);
        }
        for (int attempt = 0; attempt < 10 && rows.get() != null; attempt++) {
            System.gc();
            Thread.sleep(10);
        }
        assertNull(rows.get(), "the heap still holds the rows while the folds are fitted");
        Path file = parking.parkedFile();
        assertTrue(Files.exists(file), "the rows are in " + file);
        assertArrayEquals(onHeap.sample().values(), parking.sample().values(), "brought back as they were");
        assertNull(parking.parkedFile());
        assertFalse(Files.exists(file), "the file goes once the rows are back");
        // Parked again by a later fit, then the final model straight from the file, which then goes too.
        parking.fit(1, BoostingParameters.DEFAULT, Progress.SILENT);
        Path again = parking.parkedFile();
        assertTrue(Files.exists(again));
        Booster want = onHeap.fitAll(BoostingParameters.DEFAULT, 20);
        Booster got = parking.fitAll(BoostingParameters.DEFAULT, 20);
        assertFalse(Files.exists(again), "the file goes with the final model's copy");
        try {
            assertArrayEquals(want.toByteArray("ubj"), got.toByteArray("ubj"), "the same final model");
        } finally {
            want.dispose();
            got.dispose();
        }
        assertThrows(IllegalStateException.class, parking::sample);
    }

    @Test
    void everyColumnStoredDenseGrowsTheTreesXgboostsDefaultLayoutDoes() throws Exception {
        TrainingSet data = data();
        // Column 2 nine-tenths missing: a column XGBoost's default layout (sparse_threshold 0.2) stores sparse.
        float[] values = data.values().clone();
        Random random = new Random(5);
        for (int i = 0; i < ROWS; i++) {
            if (random.nextInt(10) != 0) {
                values[i * COLUMNS + 2] = Float.NaN;
            }
        }
        float[] labels = new float[ROWS];
        for (int i = 0; i < ROWS; i++) {
            labels[i] = data.outcomes()[i];
        }
        Map<String, Object> dense = BoostingParameters.DEFAULT.toXgboost(7, 1);
        Map<String, Object> xgboostDefault = new HashMap<>(dense);
        xgboostDefault.remove("sparse_threshold");
        assertEquals(0.0, dense.get("sparse_threshold"));
        DMatrix matrix = new DMatrix(values, ROWS, COLUMNS, Float.NaN);
        try {
            matrix.setLabel(labels);
            Booster withDense = XGBoost.train(matrix, dense, 20, Map.of(), null, null);
            Booster withDefault = XGBoost.train(matrix, xgboostDefault, 20, Map.of(), null, null);
            assertArrayEquals(withDefault.toByteArray("ubj"), withDense.toByteArray("ubj"));
        } finally {
            matrix.dispose();
        }
    }

    @Test
    void theFinalModelLetsTheTrainersRowsGo() throws Exception {
        int[] folds = StratifiedFolds.assign(data().outcomes(), 3, 7);
        // The only reference to these rows is the trainer's: once it lets them go, they can be collected.
        XgboostFoldTrainer trainer = new XgboostFoldTrainer(data(), folds, 200, 10, 7, 1);
        WeakReference<TrainingSet> rows = new WeakReference<>(trainer.sample());
        trainer.fit(0, BoostingParameters.DEFAULT, Progress.SILENT);
        Booster booster = trainer.fitAll(BoostingParameters.DEFAULT, 20);
        Booster again = XgboostFoldTrainer.fitAll(data(), BoostingParameters.DEFAULT, 20, 7, 1);
        try {
            assertArrayEquals(again.toByteArray("ubj"), booster.toByteArray("ubj"), "the same final model");
        } finally {
            booster.dispose();
            again.dispose();
        }
        for (int attempt = 0; attempt < 10 && rows.get() != null; attempt++) {
            System.gc();
            Thread.sleep(10);
        }
        assertNull(rows.get(), "the rows are still held after the final model");
        IllegalStateException gone = assertThrows(IllegalStateException.class, trainer::sample);
        assertEquals("the rows were let go once copied for the final model's matrix", gone.getMessage());
        assertThrows(IllegalStateException.class, () -> trainer.fit(1, BoostingParameters.DEFAULT, Progress.SILENT));
    }
}
