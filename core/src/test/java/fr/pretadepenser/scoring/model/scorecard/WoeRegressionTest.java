package fr.pretadepenser.scoring.model.scorecard;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WoeRegressionTest {

    /** 400 rows of 3 Gaussian columns, log-odds -1 + 0.5 x0 + 1.0 x1 + 1.5 x2; every fourth row held out. */
    private static final int N = 400;
    private static final int P = 3;

    private final float[] x = new float[N * P];
    private final int[] y = new int[N];
    private final boolean[] train = new boolean[N];

    WoeRegressionTest() {
        Random random = new Random(7);
        for (int i = 0; i < N; i++) {
            double z = -1;
            for (int c = 0; c < P; c++) {
                x[i * P + c] = (float) random.nextGaussian();
                z += (c + 1) * 0.5 * x[i * P + c];
            }
            y[i] = random.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
            train[i] = i % 4 != 0;
        }
    }

    @Test
    void keepsTheArithmeticTheScorecardsPointsWereMadeWith() {
        // Printed by the same fit when it was training.LogisticBaseline#fit (commit 493f526), the optimiser of every
        // bundle's scorecard so far: the same bits, or the points of every scorecard move.
        double[] expected = {0x1.f094aa733c0edp-2, 0x1.255ed2df63493p0, 0x1.e863db1ef1047p0, -0x1.44eb989b39bedp0};
        assertArrayEquals(expected, new WoeRegression(1e-3).fit(x, y, train, P));
    }

    @Test
    void findsTheSignsAndOrderOfTheTrueCoefficients() {
        double[] w = new WoeRegression(1e-3).fit(x, y, train, P);
        assertTrue(0 < w[0] && w[0] < w[1] && w[1] < w[2], Arrays.toString(w));
        assertTrue(w[P] < -0.5, "intercept " + w[P]);
    }

    @Test
    void learnsNothingFromHeldOutRows() {
        double[] before = new WoeRegression(1e-3).fit(x, y, train, P);
        for (int i = 0; i < N; i++) {
            if (!train[i]) {
                y[i] = 1 - y[i];
                x[i * P] = 1e6f;
            }
        }
        assertArrayEquals(before, new WoeRegression(1e-3).fit(x, y, train, P));
    }

    @Test
    void shrinksCoefficientsAsThePenaltyGrows() {
        double[] light = new WoeRegression(1e-3).fit(x, y, train, P);
        double[] heavy = new WoeRegression(1).fit(x, y, train, P);
        for (int c = 0; c < P; c++) {
            assertTrue(Math.abs(heavy[c]) < Math.abs(light[c]), "column " + c);
        }
        assertEquals(light.length, heavy.length);
    }
}
