package fr.pretadepenser.scoring.model.training;

/**
 * Minimises a smooth convex function by limited-memory BFGS (Nocedal and Wright, <i>Numerical Optimization</i>, 2nd
 * edition, algorithms 7.4 and 7.5), each step shortened by halving until it decreases the function enough (Armijo's
 * condition). Hand-written because no maintained Java library under a licence a bank can ship has one that takes the
 * function as a callback: Hipparchus has no quasi-Newton method for unconstrained problems, liblinear-java's Newton
 * solver is package-private and wants an object per value, Smile is GPL. Deterministic: the same function and start
 * give the same steps.
 */
final class Lbfgs {

    /** Steps and gradient changes remembered: the usual 10 (a few more change little on a convex problem). */
    static final int MEMORY = 10;

    /** The share of the predicted decrease a step must achieve (Armijo's constant, the usual 1e-4). */
    private static final double SUFFICIENT_DECREASE = 1e-4;

    /** Halvings of a step before the search gives up: a step of 2^-50 moves nothing a double can hold. */
    private static final int MOST_HALVINGS = 50;

    private Lbfgs() {
    }

    /** A function to minimise. */
    @FunctionalInterface
    interface Objective {

        /** The function's value at {@code x}, its gradient there written into {@code gradient}. */
        double valueAndGradient(double[] x, double[] gradient);
    }

    /**
     * Where a minimisation stopped.
     *
     * @param x           the last point
     * @param value       the function's value there
     * @param iterations  the steps taken
     * @param evaluations the function's evaluations, the line searches' included
     * @param converged   whether the gradient's norm fell to the tolerance asked for (or the function stopped
     *                    decreasing); false when the iterations ran out or no step decreased the function
     */
    record Minimum(double[] x, double value, int iterations, int evaluations, boolean converged) {
    }

    /**
     * Minimises {@code f} from {@code start} until the gradient's norm is at most {@code tolerance} times its norm
     * at the start, or {@code maxIterations} steps.
     */
    static Minimum minimise(Objective f, double[] start, double tolerance, int maxIterations) {
        int n = start.length;
        double[] x = start.clone();
        double[] gradient = new double[n];
        double value = f.valueAndGradient(x, gradient);
        int evaluations = 1;
        double initialNorm = norm(gradient);
        if (initialNorm == 0) {
            return new Minimum(x, value, 0, evaluations, true);
        }
        double[][] steps = new double[MEMORY][];
        double[][] changes = new double[MEMORY][];
        double[] rho = new double[MEMORY];
        double[] alpha = new double[MEMORY];
        int remembered = 0;
        int newest = -1;
        double[] direction = new double[n];
        double[] next = new double[n];
        double[] nextGradient = new double[n];
        for (int iteration = 1; iteration <= maxIterations; iteration++) {
            // Two-loop recursion: direction = -H g, H the inverse Hessian the remembered pairs approximate.
            for (int i = 0; i < n; i++) {
                direction[i] = -gradient[i];
            }
            for (int j = 0; j < remembered; j++) {
                int m = Math.floorMod(newest - j, MEMORY);
                alpha[m] = rho[m] * dot(steps[m], direction);
                addScaled(-alpha[m], changes[m], direction);
            }
            if (remembered > 0) {
                double scale = dot(steps[newest], changes[newest]) / dot(changes[newest], changes[newest]);
                for (int i = 0; i < n; i++) {
                    direction[i] *= scale;
                }
            }
            for (int j = remembered - 1; j >= 0; j--) {
                int m = Math.floorMod(newest - j, MEMORY);
                addScaled(alpha[m] - rho[m] * dot(changes[m], direction), steps[m], direction);
            }
            double slope = dot(gradient, direction);
            if (!(slope < 0)) {
                // Not a descent direction (rounding in the pairs): start again from the gradient.
                for (int i = 0; i < n; i++) {
                    direction[i] = -gradient[i];
                }
                slope = dot(gradient, direction);
                remembered = 0;
            }
            // Unit steps once curvature is known; before, a step of unit length along the gradient at most.
            double step = remembered == 0 ? Math.min(1, 1 / norm(gradient)) : 1;
            double nextValue = Double.NaN;
            boolean decreased = false;
            for (int halving = 0; halving <= MOST_HALVINGS && !decreased; halving++, step /= 2) {
                for (int i = 0; i < n; i++) {
                    next[i] = x[i] + step * direction[i];
                }
                nextValue = f.valueAndGradient(next, nextGradient);
                evaluations++;
                decreased = nextValue <= value + SUFFICIENT_DECREASE * step * slope;
            }
            if (!decreased) {
                return new Minimum(x, value, iteration - 1, evaluations, false);
            }
            double[] s = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                s[i] = next[i] - x[i];
                y[i] = nextGradient[i] - gradient[i];
            }
            double curvature = dot(s, y);
            // A pair without positive curvature would make H indefinite: skipped.
            if (curvature > 0) {
                newest = (newest + 1) % MEMORY;
                steps[newest] = s;
                changes[newest] = y;
                rho[newest] = 1 / curvature;
                remembered = Math.min(MEMORY, remembered + 1);
            }
            double previous = value;
            System.arraycopy(next, 0, x, 0, n);
            System.arraycopy(nextGradient, 0, gradient, 0, n);
            value = nextValue;
            if (norm(gradient) <= tolerance * initialNorm || previous - value <= 1e-15 * Math.abs(value)) {
                return new Minimum(x, value, iteration, evaluations, true);
            }
        }
        return new Minimum(x, value, maxIterations, evaluations, false);
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static void addScaled(double factor, double[] from, double[] into) {
        for (int i = 0; i < from.length; i++) {
            into[i] += factor * from[i];
        }
    }

    private static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }
}
