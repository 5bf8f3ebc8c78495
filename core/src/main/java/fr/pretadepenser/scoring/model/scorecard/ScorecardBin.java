package fr.pretadepenser.scoring.model.scorecard;

import java.util.List;

/**
 * One line of a scorecard: a bin of one variable, what the training rows showed there and its points.
 *
 * @param label       the bin as people read it: {@code (-inf, 12.5]}, {@code (12.5, 30]}, {@code Working, State
 *                    servant}, {@code missing}
 * @param lower       exclusive lower bound of a numeric bin, null when unbounded or not numeric
 * @param upper       inclusive upper bound of a numeric bin, null when unbounded or not numeric
 * @param categories  the categories of a categorical bin (empty for a numeric one)
 * @param missing     whether this is the bin of missing values (numeric NaN; no category column set)
 * @param count       training applications in the bin
 * @param share       their share of the training applications
 * @param defaultRate their default rate
 * @param woe         weight of evidence, ln(share of goods / share of bads): positive means safer than average
 * @param points      whole points given to a client in this bin (more points = less risk)
 */
public record ScorecardBin(String label, Double lower, Double upper, List<String> categories, boolean missing,
                           long count, double share, double defaultRate, double woe, double points) {

    /** Copies the categories so that a published scorecard cannot change. */
    public ScorecardBin {
        categories = categories == null ? List.of() : List.copyOf(categories);
    }

    /** The same bin with its points. */
    ScorecardBin withPoints(double value) {
        return new ScorecardBin(label, lower, upper, categories, missing, count, share, defaultRate, woe, value);
    }

    /** Whether a (non-missing) numeric value falls in this bin. */
    boolean holds(double value) {
        return (lower == null || value > lower) && (upper == null || value <= upper);
    }
}
