package fr.pretadepenser.scoring.drift;

import fr.pretadepenser.scoring.model.bundle.FeatureReference;
import fr.pretadepenser.scoring.testing.RandomColumn;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class BinnedSharesTest {

    @Test
    void theTrainingValuesOnTheirOwnBinsGiveBackTheTrainingShares() {
        SplittableRandom random = new SplittableRandom(13);
        for (int trial = 0; trial < 300; trial++) {
            double[] values = RandomColumn.of(random);
            BinnedShares shares = BinnedShares.of(FeatureReference.of("x", values), values);
            assertArrayEquals(shares.reference(), shares.current(), 1e-12, "trial " + trial);
        }
    }

    @Test
    void aZeroFallsInTheBinThatANegativeZeroEdgeCloses() {
        // Deciles of a column that is half -0.0, a quarter 1 and a quarter 2: the edges are -0.0, 1.0 and 2.0.
        double[] training = new double[20];
        for (int i = 0; i < 20; i++) {
            training[i] = i < 10 ? -0.0 : 1 + i % 2;
        }
        FeatureReference reference = FeatureReference.of("x", training);
        BinnedShares shares = BinnedShares.of(reference, new double[]{0.0, 0.0, 2.0, Double.NaN});
        assertEquals(List.of(-0.0, 1.0, 2.0), reference.edges());
        assertArrayEquals(new double[]{0.25, 0.5, 0, 0.25, 0}, shares.current(), 1e-12,
                "missing, then (-inf, -0.0], (-0.0, 1.0], (1.0, 2.0], (2.0, inf)");
    }
}
