package fr.pretadepenser.scoring.model.training;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LbfgsTest {

    /** f(x) = 1/2 sum a_i (x_i - i)^2 with curvatures a_i from 1 to 10,000: its minimum is x_i = i. */
    private static double illConditioned(double[] x, double[] gradient) {
        double value = 0;
        for (int i = 0; i < x.length; i++) {
            double a = Math.pow(10_000, i / (x.length - 1.0));
            double d = x[i] - i;
            value += a * d * d / 2;
            gradient[i] = a * d;
        }
        return value;
    }

    /** Rosenbrock's valley: not convex, minimum 0 at (1, 1), reached only along a long curved floor. */
    private static double rosenbrock(double[] x, double[] gradient) {
        double a = 1 - x[0];
        double b = x[1] - x[0] * x[0];
        gradient[0] = -2 * a - 400 * x[0] * b;
        gradient[1] = 200 * b;
        return a * a + 100 * b * b;
    }

    @Test
    void findsTheMinimumOfAnIllConditionedQuadratic() {
        Lbfgs.Minimum minimum = Lbfgs.minimise(LbfgsTest::illConditioned, new double[30], 1e-14, 1000);
        assertTrue(minimum.converged());
        for (int i = 0; i < 30; i++) {
            assertEquals(i, minimum.x()[i], 1e-7, "x" + i);
        }
        assertEquals(0, minimum.value(), 1e-9);
        assertTrue(minimum.evaluations() >= minimum.iterations() + 1, "the start is an evaluation too");
    }

    @Test
    void followsACurvedValleyToItsMinimum() {
        Lbfgs.Minimum minimum = Lbfgs.minimise(LbfgsTest::rosenbrock, new double[]{-1.2, 1}, 1e-10, 1000);
        assertTrue(minimum.converged());
        assertArrayEquals(new double[]{1, 1}, minimum.x(), 1e-6);
    }

    @Test
    void saysSoWhenTheIterationsRunOut() {
        Lbfgs.Minimum minimum = Lbfgs.minimise(LbfgsTest::rosenbrock, new double[]{-1.2, 1}, 1e-10, 3);
        assertFalse(minimum.converged());
        assertEquals(3, minimum.iterations());
        double[] start = {-1.2, 1};
        assertTrue(minimum.value() < rosenbrock(start, new double[2]), "each step decreased the function");
    }

    @Test
    void stopsAtOnceWhereTheGradientIsZero() {
        double[] start = new double[30];
        for (int i = 0; i < start.length; i++) {
            start[i] = i;
        }
        Lbfgs.Minimum minimum = Lbfgs.minimise(LbfgsTest::illConditioned, start, 1e-10, 1000);
        assertTrue(minimum.converged());
        assertEquals(0, minimum.iterations());
        assertEquals(1, minimum.evaluations());
        assertArrayEquals(start, minimum.x(), 0);
    }

    @Test
    void takesTheSameStepsEveryRun() {
        Lbfgs.Minimum first = Lbfgs.minimise(LbfgsTest::rosenbrock, new double[]{-1.2, 1}, 1e-8, 1000);
        Lbfgs.Minimum second = Lbfgs.minimise(LbfgsTest::rosenbrock, new double[]{-1.2, 1}, 1e-8, 1000);
        assertArrayEquals(first.x(), second.x(), 0);
        assertEquals(first.evaluations(), second.evaluations());
    }
}
