package fr.pretadepenser.scoring.drift;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The chi-square test against SciPy 1.x (scipy.stats.chi2) and by hand. */
class ChiSquareTest {

    @Test
    void survivalMatchesTheChiSquareDistribution() {
        // scipy.stats.chi2.sf
        assertEquals(0.05, ChiSquare.survival(3.841458820694124, 1), 1e-9);
        assertEquals(0.05, ChiSquare.survival(18.307038053275146, 10), 1e-9);
        assertEquals(0.31731050786291115, ChiSquare.survival(1, 1), 1e-9);
        assertEquals(7.588002556582502e-4, ChiSquare.survival(25, 7), 1e-12);
        assertEquals(0.9188914116546758, ChiSquare.survival(0.5, 3), 1e-9);
        assertEquals(Math.exp(-3.5), ChiSquare.survival(7, 2), 1e-12, "two degrees: exp(-x/2)");
    }

    @Test
    void statisticSkipsBinsTheTrainingDataLeftEmpty() {
        // 100 values: observed 30 / 70 / 0 against expected 50 / 50 / (none): 400/50 + 400/50 = 16, 1 degree.
        ChiSquare.Result result = ChiSquare.test(new double[]{0.5, 0.5, 0}, new double[]{0.3, 0.7, 0}, 100);
        assertEquals(16, result.statistic(), 1e-9);
        assertEquals(1, result.degrees());
        assertEquals(ChiSquare.survival(16, 1), result.pValue(), 0);
        assertFalse(Double.isNaN(ChiSquare.test(new double[]{1}, new double[]{1}, 10).pValue()));
    }
}
