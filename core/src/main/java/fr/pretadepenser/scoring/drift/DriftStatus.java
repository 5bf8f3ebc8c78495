package fr.pretadepenser.scoring.drift;

/**
 * How far a distribution has moved, on the credit-risk convention for the population stability index:
 * below 0.10 stable, 0.10 to 0.25 investigate, 0.25 and above drifted.
 */
public enum DriftStatus {
    /** PSI below 0.10: nothing to do. */
    STABLE,
    /** PSI from 0.10 to below 0.25: look at it. */
    INVESTIGATE,
    /** PSI 0.25 or more: the population has changed; the model's scores may no longer be calibrated. */
    DRIFTED;

    /** The worse of two statuses. */
    public DriftStatus worst(DriftStatus other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
