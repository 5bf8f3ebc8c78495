package fr.pretadepenser.scoring.explain;

import java.util.ArrayList;
import java.util.List;

/**
 * One application's score taken apart: {@code baseValue + sum(contributions) == margin}, and
 * {@code probability == 1 / (1 + exp(-margin))}.
 *
 * @param baseValue     the model's expected margin over the training data (log-odds)
 * @param margin        this application's raw model output (log-odds)
 * @param probability   its probability of default
 * @param contributions one per original variable, largest absolute value first
 * @param drivers       for each contribution, in the same order, the feature that moved it most (e.g.
 *                      {@code BURO_DAYS_CREDIT_MEAN} for bureau DAYS_CREDIT): what a reason sentence quotes
 */
public record Explanation(double baseValue, double margin, double probability, List<Contribution> contributions,
                          List<String> drivers) {

    /** Copies the lists so that an explanation cannot change. */
    public Explanation {
        contributions = List.copyOf(contributions);
        drivers = List.copyOf(drivers);
        if (drivers.size() != contributions.size()) {
            throw new IllegalArgumentException("one driver per contribution expected");
        }
    }

    /** The positions in {@link #contributions} of at most {@code count} factors toward default, strongest first. */
    public List<Integer> against(int count) {
        return positions(count, true);
    }

    /** The positions in {@link #contributions} of at most {@code count} factors in the client's favour. */
    public List<Integer> inFavour(int count) {
        return positions(count, false);
    }

    private List<Integer> positions(int count, boolean towardDefault) {
        // The contributions are sorted by absolute value: the first of a sign are the strongest of that sign.
        List<Integer> positions = new ArrayList<>(count);
        for (int i = 0; i < contributions.size() && positions.size() < count; i++) {
            double value = contributions.get(i).value();
            if (towardDefault ? value > 0 : value < 0) {
                positions.add(i);
            }
        }
        return positions;
    }
}
