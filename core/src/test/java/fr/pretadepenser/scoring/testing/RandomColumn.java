package fr.pretadepenser.scoring.testing;

import java.util.SplittableRandom;

/** Random feature columns that bin edges find hard: missing values, ties, and -0.0 beside 0.0. */
public final class RandomColumn {

    private RandomColumn() {
    }

    /**
     * Up to 2,000 values, possibly none: a fifth of the columns wholly missing, the others missing up to 60%; half
     * of them of a few distinct values (ties at the edges, signed zeros among them), half Gaussian.
     */
    public static double[] of(SplittableRandom random) {
        int rows = random.nextInt(0, 2_000);
        double missing = random.nextDouble() < 0.2 ? 1 : random.nextDouble() * 0.6;
        int distinct = random.nextDouble() < 0.5 ? random.nextInt(1, 6) : Integer.MAX_VALUE;
        double[] values = new double[rows];
        for (int i = 0; i < rows; i++) {
            if (random.nextDouble() < missing) {
                values[i] = Double.NaN;
            } else if (distinct == Integer.MAX_VALUE) {
                values[i] = random.nextGaussian() * 1e3;
            } else {
                int k = random.nextInt(distinct);
                values[i] = k == 0 ? (random.nextBoolean() ? 0.0 : -0.0) : k - 2;
            }
        }
        return values;
    }
}
