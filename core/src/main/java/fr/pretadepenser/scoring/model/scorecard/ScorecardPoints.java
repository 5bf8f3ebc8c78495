package fr.pretadepenser.scoring.model.scorecard;

import java.util.List;

/**
 * One client's scorecard result: the points of each variable and their total (the sum of the whole points shown).
 *
 * @param total       the sum of {@code variables}' points
 * @param probability the scorecard's probability of default at that total
 * @param variables   points per variable, in scorecard order
 */
public record ScorecardPoints(double total, double probability, List<VariablePoints> variables) {

    /** Copies the list so that a result cannot change. */
    public ScorecardPoints {
        variables = List.copyOf(variables);
    }

    /**
     * The points one variable gives a client.
     *
     * @param table    the source table of the variable
     * @param variable the original variable
     * @param bin      the client's bin (its bounds or categories, which a reader writes in a language)
     * @param points   its points
     */
    public record VariablePoints(String table, String variable, ScorecardBin bin, double points) {
    }
}
