package fr.pretadepenser.scoring.drift;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The population stability index against values worked by hand. */
class PsiTest {

    @Test
    void matchesTheIndexWorkedByHand() {
        // (0.4 - 0.5) ln(0.4/0.5) + (0.6 - 0.5) ln(0.6/0.5) = 0.1 (0.223144 + 0.182322) = 0.0405465
        assertEquals(0.0405465, Psi.of(new double[]{0.5, 0.5}, new double[]{0.4, 0.6}), 1e-7);
        // Three bins: 0.1 ln(2) + 0 + 0.1 ln(2/3)... written out term by term.
        double expected = (0.2 - 0.1) * Math.log(2) + (0.5 - 0.5) * 0 + (0.3 - 0.4) * Math.log(0.3 / 0.4);
        assertEquals(expected, Psi.of(new double[]{0.1, 0.5, 0.4}, new double[]{0.2, 0.5, 0.3}), 1e-12);
    }

    @Test
    void isZeroForIdenticalDistributions() {
        assertEquals(0, Psi.of(new double[]{0.2, 0.3, 0.5}, new double[]{0.2, 0.3, 0.5}), 0);
    }

    @Test
    void staysFiniteWhenABinIsEmptyOnEitherSide() {
        double psi = Psi.of(new double[]{0, 0.5, 0.5}, new double[]{0.5, 0.5, 0});
        assertTrue(Double.isFinite(psi), "PSI was " + psi);
        // Each empty bin counts as 1e-4: 2 x (0.5 - 1e-4) ln(0.5 / 1e-4).
        assertEquals(2 * (0.5 - 1e-4) * Math.log(0.5 / 1e-4), psi, 1e-12);
        assertEquals(0, Psi.of(new double[]{0, 1}, new double[]{0, 1}), 0, "two empty bins add nothing");
    }

    @Test
    void readsTheCreditRiskThresholds() {
        assertEquals(DriftStatus.STABLE, Psi.status(0.0999));
        assertEquals(DriftStatus.INVESTIGATE, Psi.status(0.10));
        assertEquals(DriftStatus.INVESTIGATE, Psi.status(0.2499));
        assertEquals(DriftStatus.DRIFTED, Psi.status(0.25));
    }
}
