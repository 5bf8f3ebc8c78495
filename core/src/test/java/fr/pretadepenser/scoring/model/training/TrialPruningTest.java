package fr.pretadepenser.scoring.model.training;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrialPruningTest {

    private static final double[] BEST = {0.7776, 0.7882, 0.7882, 0.7693, 0.7591};

    @Test
    void stopsATrialBelowTheBestOnEachOfItsFirstTwoFolds() {
        // The demo's second trial against its first (30,000 clients, seed 42).
        assertTrue(TrialPruning.stops(new double[]{0.7708, 0.7824}, BEST));
    }

    @Test
    void neverStopsAfterOneFold() {
        assertFalse(TrialPruning.stops(new double[]{0.60}, BEST));
    }

    @Test
    void neverStopsATrialAtOrAboveTheBest() {
        assertFalse(TrialPruning.stops(new double[]{0.7786, 0.7892}, BEST));
        assertFalse(TrialPruning.stops(new double[]{0.7776, 0.7882, 0.7882}, BEST));
        assertFalse(TrialPruning.stops(new double[]{0.7676, 0.7982, 0.7882}, BEST));
    }

    @Test
    void letsATrialWhoseFoldsDisagreeRun() {
        // Below on average, above on one fold.
        assertFalse(TrialPruning.stops(new double[]{0.7676, 0.7902}, BEST));
    }

    @Test
    void stopsAtTheOneSidedFivePercentLevelOfAPairedTTest() {
        // Gaps -a - b and -a + b: mean -a, standard error b, so t = -a / b on one degree of freedom, whose
        // distribution is Cauchy's: P(T < t) = 1/2 + atan(t) / pi, 5% at t = tan(-0.45 pi) = -6.314.
        double cut = Math.tan(-0.45 * Math.PI);
        double b = 0.001;
        for (double t : new double[]{cut * 1.02, cut * 0.98}) {
            double a = -t * b;
            boolean stops = TrialPruning.stops(new double[]{BEST[0] - a - b, BEST[1] - a + b}, BEST);
            assertTrue(stops == (t < cut), "t = " + t + " stops: " + stops);
        }
    }

    @Test
    void stopsWhenEveryFoldIsBelowByTheSameGap() {
        assertTrue(TrialPruning.stops(new double[]{BEST[0] - 0.002, BEST[1] - 0.002, BEST[2] - 0.002}, BEST));
    }
}
