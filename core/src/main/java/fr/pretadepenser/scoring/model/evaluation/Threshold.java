package fr.pretadepenser.scoring.model.evaluation;

import java.util.List;

/**
 * The decision threshold chosen by business cost: refuse when the probability of default is at or above it.
 *
 * @param value          the threshold
 * @param cost           the weights it was chosen with
 * @param confusion      decisions at the threshold on the data it was chosen on
 * @param totalCost      total cost at the threshold
 * @param normalizedCost cost relative to the best decision without a model (see {@link BusinessCost#normalized})
 * @param applications   applications it was chosen on
 * @param curve          total and normalised cost against the threshold over [0, 1]
 */
public record Threshold(double value, BusinessCost cost, Confusion confusion, double totalCost,
                        double normalizedCost, long applications, List<Point> curve) {

    /** Copies the curve so that a threshold cannot change. */
    public Threshold {
        curve = List.copyOf(curve);
    }

    /** Whether an application with this probability of default is refused. */
    public boolean refuses(double probability) {
        return probability >= value;
    }

    /**
     * One point of the cost curve.
     *
     * @param threshold      the threshold
     * @param totalCost      total cost there
     * @param normalizedCost normalised cost there
     */
    public record Point(double threshold, double totalCost, double normalizedCost) {
    }
}
