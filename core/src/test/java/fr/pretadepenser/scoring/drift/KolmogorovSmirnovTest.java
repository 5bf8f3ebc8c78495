package fr.pretadepenser.scoring.drift;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The binned Kolmogorov-Smirnov test against SciPy 1.x (scipy.stats.kstwobign). */
class KolmogorovSmirnovTest {

    @Test
    void survivalMatchesTheKolmogorovDistribution() {
        // scipy.stats.kstwobign.sf
        assertEquals(0.9639452436648751, KolmogorovSmirnov.survival(0.5), 1e-9);
        assertEquals(0.26999967167735456, KolmogorovSmirnov.survival(1.0), 1e-9);
        assertEquals(0.10, KolmogorovSmirnov.survival(1.2238478702170825), 1e-9);
        assertEquals(0.05, KolmogorovSmirnov.survival(1.3580986393225507), 1e-9);
        assertEquals(0.01, KolmogorovSmirnov.survival(1.6276236115189480), 1e-9);
        assertEquals(6.709252557796953e-4, KolmogorovSmirnov.survival(2.0), 1e-12);
        assertEquals(1, KolmogorovSmirnov.survival(0), 0);
    }

    @Test
    void aStatisticThatIsZeroButForRoundingHasPValueOne() {
        assertEquals(1, KolmogorovSmirnov.survival(1e-12), 0);
        assertEquals(1, KolmogorovSmirnov.pValue(1e-17, 300_000, 5_000), 0);
    }

    @Test
    void statisticIsTheLargestGapOfTheCumulativeShares() {
        // Cumulative: 0.1 0.6 1.0 against 0.3 0.6 1.0.
        assertEquals(0.2, KolmogorovSmirnov.statistic(new double[]{0.1, 0.5, 0.4},
                new double[]{0.3, 0.3, 0.4}), 1e-12);
    }

    @Test
    void pValueUsesTheEffectiveSampleSize() {
        double d = 0.1;
        double ne = Math.sqrt(1000.0 * 500 / 1500);
        assertEquals(KolmogorovSmirnov.survival((ne + 0.12 + 0.11 / ne) * d),
                KolmogorovSmirnov.pValue(d, 1000, 500), 1e-15);
        assertEquals(1, KolmogorovSmirnov.pValue(0.5, 0, 10), 0);
    }
}
