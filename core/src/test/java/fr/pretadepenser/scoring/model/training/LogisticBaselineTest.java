package fr.pretadepenser.scoring.model.training;

import fr.pretadepenser.scoring.model.evaluation.Metrics;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogisticBaselineTest {

    private static final List<String> NAMES = List.of("SIGNAL", "AMOUNT", "NOISE", "ALWAYS_MISSING");

    /**
     * 3,000 rows: log-odds -2 + 2.5 SIGNAL - 1.5 AMOUNT / 10,000 (AMOUNT on a scale of tens of thousands, so that
     * only standardising puts it on SIGNAL's footing), NOISE unrelated, one column never present; a tenth of SIGNAL
     * and AMOUNT missing.
     */
    private static TrainingSet data(long seed) {
        int n = 3000;
        Random random = new Random(seed);
        float[] values = new float[n * NAMES.size()];
        int[] y = new int[n];
        long[] clients = new long[n];
        for (int i = 0; i < n; i++) {
            double signal = random.nextGaussian();
            double amount = 50_000 + 10_000 * random.nextGaussian();
            double logit = -2 + 2.5 * signal - 1.5 * (amount - 50_000) / 10_000;
            y[i] = random.nextDouble() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
            clients[i] = 100_000 + i;
            int base = i * NAMES.size();
            values[base] = random.nextInt(10) == 0 ? Float.NaN : (float) signal;
            values[base + 1] = random.nextInt(10) == 0 ? Float.NaN : (float) amount;
            values[base + 2] = (float) random.nextGaussian();
            values[base + 3] = Float.NaN;
        }
        return new TrainingSet(NAMES, values, y, clients);
    }

    private static double[] crossValidate(TrainingSet data, int[] folds) throws Exception {
        return new LogisticBaseline(1e-3, 2).crossValidate(data, folds).probabilities();
    }

    @Test
    void ranksOutOfFoldRowsAlmostAsTheTrueModelDoes() throws Exception {
        TrainingSet data = data(1);
        int[] folds = StratifiedFolds.assign(data.outcomes(), 5, 42);
        double[] p = crossValidate(data, folds);
        double auc = Metrics.rocAuc(data.outcomes(), p);
        assertTrue(auc > 0.85, "out-of-fold AUC " + auc);
        for (double v : p) {
            assertTrue(v > 0 && v < 1, "probability " + v);
        }
        double meanP = java.util.Arrays.stream(p).average().orElseThrow();
        assertEquals(data.defaultRate(), meanP, 0.02, "calibrated on average");
    }

    @Test
    void sameInputGivesTheSamePredictions() throws Exception {
        TrainingSet data = data(2);
        int[] folds = StratifiedFolds.assign(data.outcomes(), 5, 42);
        assertArrayEquals(crossValidate(data, folds), crossValidate(data(2), folds.clone()));
    }

    @Test
    void aRowsPredictionDoesNotDependOnItsOwnFoldsLabels() throws Exception {
        TrainingSet data = data(3);
        int[] folds = StratifiedFolds.assign(data.outcomes(), 5, 42);
        double[] before = crossValidate(data, folds);
        int[] flipped = data.outcomes().clone();
        for (int i = 0; i < flipped.length; i++) {
            if (folds[i] == 0) {
                flipped[i] = 1 - flipped[i];
            }
        }
        double[] after = crossValidate(new TrainingSet(NAMES, data.values(), flipped, data.clients()), folds);
        int changedElsewhere = 0;
        for (int i = 0; i < before.length; i++) {
            if (folds[i] == 0) {
                assertEquals(before[i], after[i], 0, "row " + i + " is scored by a model that never saw its label");
            } else if (before[i] != after[i]) {
                changedElsewhere++;
            }
        }
        assertTrue(changedElsewhere > 0, "the other folds' models did learn from fold 0's labels");
    }

    @Test
    void standardisesOnTheTrainingFoldsOnly() throws Exception {
        TrainingSet data = data(4);
        int[] folds = StratifiedFolds.assign(data.outcomes(), 5, 42);
        double[] before = crossValidate(data, folds);
        // An absurd AMOUNT in one held-out row of fold 0: if held-out rows shaped the mean and spread, every
        // other prediction of fold 0 would move.
        int outlier = 0;
        while (folds[outlier] != 0 || Float.isNaN(data.value(outlier, 1))) {
            outlier++;
        }
        float[] values = data.values().clone();
        values[outlier * NAMES.size() + 1] = 1e12f;
        double[] after = crossValidate(new TrainingSet(NAMES, values, data.outcomes(), data.clients()), folds);
        for (int i = 0; i < before.length; i++) {
            if (folds[i] == 0 && i != outlier) {
                assertEquals(before[i], after[i], 0, "row " + i);
            }
        }
        assertNotEquals(before[outlier], after[outlier]);
        // Clipped at 10 standard deviations: a large AMOUNT lowers the risk, but not to nothing.
        assertTrue(after[outlier] > 1e-12, "probability " + after[outlier]);
    }

    @Test
    void doesNotDependOnTheUnitsOfAFeature() throws Exception {
        TrainingSet data = data(5);
        int[] folds = StratifiedFolds.assign(data.outcomes(), 5, 42);
        float[] values = data.values().clone();
        for (int i = 0; i < data.rows(); i++) {
            values[i * NAMES.size() + 1] /= 1000;
        }
        double[] euros = crossValidate(data, folds);
        double[] thousands = crossValidate(new TrainingSet(NAMES, values, data.outcomes(), data.clients()), folds);
        for (int i = 0; i < euros.length; i++) {
            assertEquals(euros[i], thousands[i], 1e-4, "row " + i);
        }
    }

    @Test
    void givesTheSamePredictionsWhateverTheThreads() throws Exception {
        // 3,000 rows: two chunks of rows, summed by one thread or by two.
        TrainingSet data = data(7);
        int[] folds = StratifiedFolds.assign(data.outcomes(), 5, 42);
        assertArrayEquals(new LogisticBaseline(1e-3, 1).crossValidate(data, folds).probabilities(),
                new LogisticBaseline(1e-3, 3).crossValidate(data, folds).probabilities());
    }

    @Test
    void reachesTheMinimumOfThePenalisedLogLoss() throws Exception {
        // Run to a tight tolerance, the fit is the exact minimiser's.
        assertNearTheMinimum(new LogisticBaseline(1e-2, 2, 1e-9, LogisticBaseline.MOST_ITERATIONS), 1e-2, 1e-7);
    }

    @Test
    void stopsNearTheMinimumAtItsTolerance() throws Exception {
        // 1,500 training rows a fold: the default tolerance leaves each probability within a few thousandths.
        assertNearTheMinimum(new LogisticBaseline(1e-2, 2), 1e-2, 5e-3);
    }

    @Test
    void reportsHowEachFoldsFitEnded() {
        TrainingSet data = data(9);
        int[] folds = StratifiedFolds.assign(data.outcomes(), 3, 42);
        LogisticBaseline.OutOfFold reached = new LogisticBaseline(1e-3, 2).crossValidate(data, folds);
        assertArrayEquals(new boolean[] {true, true, true}, reached.converged());
        // One evaluation at the start and at least one a step: a fit to this tolerance takes more than two steps.
        assertTrue(Arrays.stream(reached.evaluations()).allMatch(e -> e > 3), Arrays.toString(reached.evaluations()));
        assertFalse(reached.summary().contains("short"), reached.summary());

        LogisticBaseline.OutOfFold cut = new LogisticBaseline(1e-3, 2, LogisticBaseline.TOLERANCE, 2)
                .crossValidate(data, folds);
        assertArrayEquals(new boolean[] {false, false, false}, cut.converged());
        assertTrue(cut.summary().endsWith("; 3 of 3 folds stopped short of the tolerance"), cut.summary());
        // Cut short, the fit is further from the minimum: a higher out-of-fold log loss than the full fit's.
        assertTrue(logLoss(data, cut.probabilities()) > logLoss(data, reached.probabilities()));
    }

    private static double logLoss(TrainingSet data, double[] p) {
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            sum -= data.outcomes()[i] == 1 ? Math.log(p[i]) : Math.log(1 - p[i]);
        }
        return sum / p.length;
    }

    /** Asserts that the baseline's out-of-fold probabilities are within {@code delta} of the exact minimiser's. */
    private static void assertNearTheMinimum(LogisticBaseline baseline, double l2, double delta) throws Exception {
        TrainingSet data = data(8);
        int[] folds = StratifiedFolds.assign(data.outcomes(), 2, 42);
        double[] p = baseline.crossValidate(data, folds).probabilities();
        LogisticBaseline.Standardisation[] scales = LogisticBaseline.Standardisation.perFold(data, folds, 2);
        for (int fold = 0; fold < 2; fold++) {
            double[] weights = newton(data, folds, fold, scales[fold], l2);
            for (int row = 0; row < data.rows(); row++) {
                if (folds[row] == fold) {
                    double[] x = standardised(data, row, scales[fold]);
                    double margin = 0;
                    for (int c = 0; c < x.length; c++) {
                        margin += weights[c] * x[c];
                    }
                    assertEquals(1 / (1 + Math.exp(-margin)), p[row], delta, "row " + row);
                }
            }
        }
    }

    /** A row standardised as the baseline does (a missing value as 0), with a last 1 for the intercept. */
    private static double[] standardised(TrainingSet data, int row, LogisticBaseline.Standardisation scale) {
        double[] x = new double[data.columns() + 1];
        for (int c = 0; c < data.columns(); c++) {
            float v = data.value(row, c);
            x[c] = Float.isNaN(v) ? 0 : scale.apply(c, v);
        }
        x[data.columns()] = 1;
        return x;
    }

    /**
     * The exact minimiser of the mean log loss of every row outside {@code fold} plus l2 / 2 times the squared
     * weights (not the intercept, last), by Newton's method with the full Hessian: a few features only.
     */
    private static double[] newton(TrainingSet data, int[] folds, int fold,
                                   LogisticBaseline.Standardisation scale, double l2) {
        int d = data.columns() + 1;
        double[] w = new double[d];
        for (int iteration = 0; iteration < 30; iteration++) {
            double[] gradient = new double[d];
            double[][] hessian = new double[d][d];
            int n = 0;
            for (int row = 0; row < data.rows(); row++) {
                if (folds[row] == fold) {
                    continue;
                }
                n++;
                double[] x = standardised(data, row, scale);
                double margin = 0;
                for (int c = 0; c < d; c++) {
                    margin += w[c] * x[c];
                }
                double p = 1 / (1 + Math.exp(-margin));
                for (int a = 0; a < d; a++) {
                    gradient[a] += (p - data.outcomes()[row]) * x[a];
                    for (int b = 0; b < d; b++) {
                        hessian[a][b] += p * (1 - p) * x[a] * x[b];
                    }
                }
            }
            for (int a = 0; a < d; a++) {
                gradient[a] /= n;
                for (int b = 0; b < d; b++) {
                    hessian[a][b] /= n;
                }
                if (a < d - 1) {
                    gradient[a] += l2 * w[a];
                    hessian[a][a] += l2;
                }
            }
            double[] step = solve(hessian, gradient);
            for (int c = 0; c < d; c++) {
                w[c] -= step[c];
            }
        }
        return w;
    }

    /** Solves a x = b by Gaussian elimination with partial pivoting. */
    private static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) {
            m[i] = java.util.Arrays.copyOf(a[i], n + 1);
            m[i][n] = b[i];
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
                    pivot = r;
                }
            }
            double[] swap = m[col];
            m[col] = m[pivot];
            m[pivot] = swap;
            for (int r = col + 1; r < n; r++) {
                double f = m[r][col] / m[col][col];
                for (int c = col; c <= n; c++) {
                    m[r][c] -= f * m[col][c];
                }
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = m[r][n];
            for (int c = r + 1; c < n; c++) {
                s -= m[r][c] * x[c];
            }
            x[r] = s / m[r][r];
        }
        return x;
    }

    @Test
    void refusesFoldsThatDoNotMatchTheRows() {
        TrainingSet data = data(6);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> crossValidate(data, new int[data.rows() - 1]));
        assertEquals("2999 folds for 3000 rows", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> crossValidate(data, new int[data.rows()]));
        assertEquals("fold 0 leaves no rows to fit on: at least two folds are needed", e.getMessage());
    }
}
