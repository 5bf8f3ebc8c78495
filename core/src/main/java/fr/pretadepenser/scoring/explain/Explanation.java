package fr.pretadepenser.scoring.explain;

import java.util.List;

/**
 * One application's score taken apart: {@code baseValue + sum(contributions) == margin}, and
 * {@code probability == 1 / (1 + exp(-margin))}.
 *
 * @param baseValue     the model's expected margin over the training data (log-odds)
 * @param margin        this application's raw model output (log-odds)
 * @param probability   its probability of default
 * @param contributions one per original variable, largest absolute value first
 */
public record Explanation(double baseValue, double margin, double probability, List<Contribution> contributions) {

    /** Copies the list so that an explanation cannot change. */
    public Explanation {
        contributions = List.copyOf(contributions);
    }
}
