package fr.pretadepenser.scoring.model.scorecard;

import fr.pretadepenser.scoring.model.evaluation.Confusion;
import fr.pretadepenser.scoring.model.evaluation.Evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The scorecard challenger kept beside the boosted model: a logistic regression on the weights of evidence of a few
 * binned original variables, printed as points per bin. Stored in {@code bundle.json} when training was asked for
 * one ({@code scoring train --scorecard}).
 *
 * @param scale             how log-odds become points
 * @param intercept         the logistic intercept (log-odds of default at WoE 0 everywhere)
 * @param variables         the selected variables with their bins and points, strongest first
 * @param informationValues every candidate variable's information value and why it was or was not selected
 * @param evaluation        out-of-fold scores on the boosted model's folds (binning, selection and fit redone per
 *                          fold)
 * @param threshold         the cost-minimising probability threshold of its own out-of-fold probabilities
 * @param thresholdPoints   the same threshold in points: refuse at or below it
 * @param normalizedCost    its normalised business cost there
 * @param atThreshold       its out-of-fold decisions there
 */
public record Scorecard(PointsScale scale, double intercept, List<ScorecardVariable> variables,
                        List<Candidate> informationValues, Evaluation evaluation, double threshold,
                        double thresholdPoints, double normalizedCost, Confusion atThreshold) {

    /** Smallest information value a variable needs to enter the scorecard. */
    public static final double MIN_INFORMATION_VALUE = 0.02;
    /** Most variables in the scorecard. */
    public static final int MAX_VARIABLES = 20;
    /** Largest |correlation| of WoE columns allowed between two selected variables; the weaker one is left out. */
    public static final double MAX_CORRELATION = 0.7;

    /** Copies the lists so that a published scorecard cannot change. */
    public Scorecard {
        variables = List.copyOf(variables);
        informationValues = List.copyOf(informationValues);
    }

    /**
     * One client's points per variable and their total.
     *
     * @param values a feature's value by feature name (NaN for missing), as the model reads it
     */
    public ScorecardPoints points(ToDoubleFunction<String> values) {
        List<ScorecardPoints.VariablePoints> lines = new ArrayList<>(variables.size());
        double total = 0;
        for (ScorecardVariable v : variables) {
            ScorecardBin bin = v.bins().get(v.binOf(values));
            lines.add(new ScorecardPoints.VariablePoints(v.table(), v.variable(), bin, bin.points()));
            total += bin.points();
        }
        return new ScorecardPoints(total, scale.probabilityAt(total), lines);
    }

    /**
     * One candidate variable.
     *
     * @param table            its source table
     * @param variable         the original variable
     * @param feature          the feature that represents it (its best by IV), or null for a categorical variable
     * @param informationValue its information value on all training rows
     * @param status           {@code selected}, or why not: IV too low, too correlated with a stronger variable,
     *                         beyond the most variables
     */
    public record Candidate(String table, String variable, String feature, double informationValue, String status) {

        /** Whether the candidate is in the scorecard. */
        public boolean selected() {
            return SELECTED.equals(status);
        }
    }

    /** The status of a selected candidate. */
    public static final String SELECTED = "selected";
}
