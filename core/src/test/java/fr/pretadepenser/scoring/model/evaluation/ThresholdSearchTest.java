package fr.pretadepenser.scoring.model.evaluation;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ThresholdSearchTest {

    private final int[] y = {1, 0, 1, 0, 0, 0};
    private final double[] p = {0.9, 0.8, 0.4, 0.3, 0.2, 0.1};

    @Test
    void findsTheCheapestThresholdOnAHandMadeExample() {
        // With fn = 10, fp = 1, refusing at >= t costs 10 per defaulter granted + 1 per good client refused:
        // t > 0.9: 20; t = 0.9: 10; t = 0.8: 11; t = 0.4: 1; t = 0.3: 2; t = 0.2: 3; t = 0.1: 4. Best: 0.4, cost 1.
        Threshold t = ThresholdSearch.search(y, p, new BusinessCost(10, 1));
        assertEquals(0.4, t.value(), 0);
        assertEquals(1.0, t.totalCost(), 0);
        assertEquals(new Confusion(2, 1, 3, 0), t.confusion());
        // Without a model the best is to refuse nobody (20) or everybody (4): 1 / 4.
        assertEquals(0.25, t.normalizedCost(), 1e-12);
    }

    @Test
    void equalCostsMoveTheThresholdUp() {
        // fn = fp = 1: t = 0.9 costs 1, t = 0.4 costs 1 too; the first (highest) optimum found is kept.
        Threshold t = ThresholdSearch.search(y, p, new BusinessCost(1, 1));
        assertEquals(1.0, t.totalCost(), 0);
        assertEquals(0.9, t.value(), 0);
    }

    @Test
    void grantsEverybodyWhenRefusalsCostMoreThanDefaults() {
        // The best-scored application is a good client: any refusal costs 100, granting everybody costs 2.
        int[] outcomes = {0, 1, 1, 0, 0, 0};
        Threshold t = ThresholdSearch.search(outcomes, p, new BusinessCost(1, 100));
        assertTrue(t.value() > 0.9, "threshold " + t.value());
        assertEquals(2.0, t.totalCost(), 0);
        assertEquals(1.0, t.confusion().approvalRate(), 0);
    }

    @Test
    void curveCoversZeroToOne() {
        Threshold t = ThresholdSearch.search(y, p, BusinessCost.DEFAULT);
        assertEquals(ThresholdSearch.CURVE_POINTS, t.curve().size());
        assertEquals(0.0, t.curve().get(0).threshold());
        assertEquals(1.0, t.curve().get(t.curve().size() - 1).threshold());
        // At 0 everybody is refused: 4 good clients at cost 1.
        assertEquals(4.0, t.curve().get(0).totalCost());
    }

    @Test
    void refusesNegativeWeights() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BusinessCost(-1, 1));
        assertEquals("cost weights must be >= 0 and not both 0, were fn=-1.0 fp=1.0", e.getMessage());
    }
}
