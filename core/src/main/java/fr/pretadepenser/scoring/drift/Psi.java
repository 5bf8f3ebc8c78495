package fr.pretadepenser.scoring.drift;

/**
 * The population stability index between two distributions over the same bins:
 * {@code sum_i (current_i - reference_i) * ln(current_i / reference_i)}.
 *
 * <p>An empty bin would make the logarithm infinite, so every share is first raised to at least {@link #EPSILON}
 * (1e-4, a common choice in credit-risk monitoring): an empty bin then adds a large but finite term, and two empty
 * bins add nothing. The shares are not renormalised afterwards; the error is at most a few {@code EPSILON}.
 */
final class Psi {

    /** The smallest share a bin counts with. */
    static final double EPSILON = 1e-4;

    /** Below this the population is stable (credit-risk convention). */
    static final double STABLE = 0.10;

    /** At or above this it has drifted; between the two, investigate. */
    static final double DRIFTED = 0.25;

    private Psi() {
    }

    /**
     * The index of two share vectors of the same length (each summing to 1, or both all zero).
     *
     * @throws IllegalArgumentException when the lengths differ
     */
    static double of(double[] reference, double[] current) {
        if (reference.length != current.length) {
            throw new IllegalArgumentException("the distributions have " + reference.length + " and "
                    + current.length + " bins; PSI compares the same bins");
        }
        double psi = 0;
        for (int i = 0; i < reference.length; i++) {
            double r = Math.max(EPSILON, reference[i]);
            double c = Math.max(EPSILON, current[i]);
            psi += (c - r) * Math.log(c / r);
        }
        return psi;
    }

    /** {@code stable}, {@code investigate} or {@code drifted} for an index. */
    static DriftStatus status(double psi) {
        return psi >= DRIFTED ? DriftStatus.DRIFTED : psi >= STABLE ? DriftStatus.INVESTIGATE : DriftStatus.STABLE;
    }
}
