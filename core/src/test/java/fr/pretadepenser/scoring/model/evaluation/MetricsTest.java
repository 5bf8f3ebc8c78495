package fr.pretadepenser.scoring.model.evaluation;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MetricsTest {

    // Outcomes and probabilities small enough to work out by hand.
    private final int[] y = {1, 0, 1, 0, 0};
    private final double[] p = {0.9, 0.8, 0.4, 0.3, 0.1};

    @Test
    void rocAucCountsCorrectlyOrderedPairs() {
        // Pairs (defaulter, good): (0.9 > 0.8, 0.3, 0.1) = 3 right; (0.4 < 0.8, > 0.3, > 0.1) = 2 right; 5 of 6.
        assertEquals(5.0 / 6, Metrics.rocAuc(y, p), 1e-12);
        assertEquals(2 * 5.0 / 6 - 1, Metrics.gini(y, p), 1e-12);
    }

    @Test
    void rocAucCountsTiesAsHalf() {
        assertEquals(0.5, Metrics.rocAuc(new int[]{1, 0}, new double[]{0.5, 0.5}), 1e-12);
        assertEquals((1 + 0.5) / 2, Metrics.rocAuc(new int[]{1, 0, 0}, new double[]{0.5, 0.5, 0.2}), 1e-12);
    }

    @Test
    void ksIsTheLargestGapBetweenTheCumulativeDistributions() {
        // Ascending: 0.1(0) 0.3(0) 0.4(1) 0.8(0) 0.9(1). After 0.3: good 2/3, bad 0/2 -> gap 2/3.
        assertEquals(2.0 / 3, Metrics.ks(y, p), 1e-12);
    }

    @Test
    void prAucIsAveragePrecision() {
        // Descending: 0.9 is a defaulter (precision 1/1), 0.4 is the second defaulter (precision 2/3).
        assertEquals((1.0 + 2.0 / 3) / 2, Metrics.prAuc(y, p), 1e-12);
    }

    @Test
    void brierAndLogLossFollowTheirDefinitions() {
        double brier = (0.01 + 0.64 + 0.36 + 0.09 + 0.01) / 5;
        assertEquals(brier, Metrics.brier(y, p), 1e-12);
        double logLoss = -(Math.log(0.9) + Math.log(0.2) + Math.log(0.4) + Math.log(0.7) + Math.log(0.9)) / 5;
        assertEquals(logLoss, Metrics.logLoss(y, p), 1e-12);
    }

    @Test
    void calibrationCutsSortedApplicationsIntoEqualGroups() {
        List<Metrics.CalibrationBin> bins = Metrics.calibration(new int[]{0, 0, 1, 1}, new double[]{0.1, 0.3, 0.6, 0.8}, 2);
        assertEquals(new Metrics.CalibrationBin(0.2, 0.0, 2), bins.get(0));
        assertEquals(0.7, bins.get(1).meanPredicted(), 1e-12);
        assertEquals(1.0, bins.get(1).observedRate(), 1e-12);
    }
}
