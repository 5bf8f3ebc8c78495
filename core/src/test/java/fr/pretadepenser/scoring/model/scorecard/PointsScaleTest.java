package fr.pretadepenser.scoring.model.scorecard;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PointsScaleTest {

    private final PointsScale scale = PointsScale.DEFAULT;

    @Test
    void givesSixHundredPointsAtOddsNineteenAndFiftyMoreAtDoubleOdds() {
        // factor = 50 / ln 2 = 72.1348; offset = 600 - 72.134752 * 2.944439 = 387.603624.
        assertEquals(72.134752, scale.factor(), 1e-6);
        assertEquals(387.603624, scale.offset(), 1e-6);
        assertEquals(600, scale.pointsAt(19), 1e-9);
        assertEquals(650, scale.pointsAt(38), 1e-9);
        assertEquals(550, scale.pointsAt(9.5), 1e-9);
        assertEquals(0.05, scale.probabilityAt(600), 1e-12);
        assertEquals(1 / 39.0, scale.probabilityAt(650), 1e-12);
    }

    @Test
    void splitsTheTotalOverVariablesSoThatPointsAddUpToTheLogOdds() {
        // Two variables: logit P(default) = alpha + b1 WoE1 + b2 WoE2 = -2 - 0.8 * 0.5 - 1.1 * (-0.3) = -2.07.
        double alpha = -2, b1 = -0.8, b2 = -1.1, w1 = 0.5, w2 = -0.3;
        double p1 = scale.binPoints(b1, w1, alpha, 2);
        double p2 = scale.binPoints(b2, w2, alpha, 2);
        // By hand: -(b1 w1 + alpha / 2) * factor + offset / 2 = (0.4 + 1) * 72.134752 + 193.801812 = 294.790465.
        assertEquals(294.790465, p1, 1e-6);
        double logit = alpha + b1 * w1 + b2 * w2;
        assertEquals(scale.offset() - scale.factor() * logit, p1 + p2, 1e-9);
        assertEquals(1 / (1 + Math.exp(-logit)), scale.probabilityAt(p1 + p2), 1e-12);
    }
}
