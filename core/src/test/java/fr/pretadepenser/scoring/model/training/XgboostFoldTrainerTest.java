package fr.pretadepenser.scoring.model.training;

import fr.pretadepenser.scoring.progress.Progress;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.junit.jupiter.api.Test;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
    void fitsOfAHeldFoldEqualFitsThatBuildTheirOwnMatrices() throws Exception {
        TrainingSet data = data();
        int[] folds = StratifiedFolds.assign(data.outcomes(), 3, 7);
        BoostingParameters weighted = BoostingParameters.DEFAULT.withScalePosWeight(3);
        XgboostFoldTrainer alone = new XgboostFoldTrainer(data, folds, 200, 10, 7, 1);
        List<FoldTrainer.FoldFit> expected = List.of(alone.fit(0, BoostingParameters.DEFAULT, Progress.SILENT),
                alone.fit(0, weighted, Progress.SILENT), alone.fit(1, BoostingParameters.DEFAULT, Progress.SILENT));

        XgboostFoldTrainer holding = new XgboostFoldTrainer(data, folds, 200, 10, 7, 1);
        List<FoldTrainer.FoldFit> fits = new ArrayList<>();
        try (FoldTrainer.HeldFold held = holding.hold(0)) {
            fits.add(holding.fit(0, BoostingParameters.DEFAULT, Progress.SILENT));
            fits.add(holding.fit(0, weighted, Progress.SILENT));
            // Another fold while one is held builds its own matrices.
            fits.add(holding.fit(1, BoostingParameters.DEFAULT, Progress.SILENT));
            assertThrows(IllegalStateException.class, () -> holding.hold(1), "one fold at a time");
            assertThrows(IllegalStateException.class, () -> holding.fitAll(BoostingParameters.DEFAULT, 5),
                    "the final model while a fold's matrices are held");
        }
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i).predictions(), fits.get(i).predictions(), "fit " + i);
            assertEquals(expected.get(i).auc(), fits.get(i).auc(), "fit " + i);
            assertEquals(expected.get(i).rounds(), fits.get(i).rounds(), "fit " + i);
        }
        assertNotEquals(expected.get(0).rounds() + " " + expected.get(0).auc(),
                expected.get(1).rounds() + " " + expected.get(1).auc(), "the two options fit differently");
        // Let go: the fold is fitted again from new matrices, and the final model may follow.
        assertArrayEquals(expected.get(1).predictions(), holding.fit(0, weighted, Progress.SILENT).predictions());
        holding.fitAll(BoostingParameters.DEFAULT, 5).dispose();
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
