package fr.pretadepenser.scoring.drift;

import fr.pretadepenser.scoring.model.bundle.FeatureReference;
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
            int rows = random.nextInt(1, 2_000);
            double missing = random.nextDouble() * 0.6;
            int distinct = random.nextDouble() < 0.5 ? random.nextInt(1, 6) : Integer.MAX_VALUE;
            double[] values = new double[rows];
            for (int i = 0; i < rows; i++) {
                if (random.nextDouble() < missing) {
                    values[i] = Double.NaN;
                } else if (distinct == Integer.MAX_VALUE) {
                    values[i] = random.nextGaussian() * 1e3;
                } else {
                    // Signed zeros among few values: -0.0 and 0.0 can both be edges, and are the same number.
                    int k = random.nextInt(distinct);
                    values[i] = k == 0 ? (random.nextBoolean() ? 0.0 : -0.0) : k - 2;
                }
            }
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
