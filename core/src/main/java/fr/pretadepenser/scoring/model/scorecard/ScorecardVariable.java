package fr.pretadepenser.scoring.model.scorecard;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * One variable of a scorecard and its bins.
 *
 * <p>A numeric variable reads one feature column; its bins are consecutive value ranges, then the missing bin. A
 * categorical variable reads the one-hot columns {@code variable + "_" + category}; its bins are groups of
 * categories, then the missing bin (no category column set: missing or unseen category). The missing bin is always
 * last; when no training row was missing its WoE is 0, since there was no evidence either way.
 *
 * @param table            the source table ({@code application}, {@code bureau}, ...)
 * @param variable         the original variable
 * @param feature          the feature column read (numeric), or null (categorical: the one-hot columns)
 * @param categorical      whether the bins are groups of categories
 * @param informationValue the variable's information value on the training rows
 * @param coefficient      its logistic coefficient on WoE (toward default; negative when WoE behaves)
 * @param bins             the bins, the missing bin last
 */
public record ScorecardVariable(String table, String variable, String feature, boolean categorical,
                                double informationValue, double coefficient, List<ScorecardBin> bins) {

    /** Copies the bins and checks that the missing bin closes them. */
    public ScorecardVariable {
        bins = List.copyOf(bins);
        if (bins.isEmpty() || !bins.get(bins.size() - 1).missing()) {
            throw new IllegalArgumentException("a scorecard variable needs its missing bin last: " + variable);
        }
    }

    /**
     * The index of the bin of one client.
     *
     * @param values a feature's value by feature name (NaN for missing)
     */
    public int binOf(ToDoubleFunction<String> values) {
        int last = bins.size() - 1;
        if (!categorical) {
            double v = values.applyAsDouble(feature);
            if (Double.isNaN(v)) {
                return last;
            }
            for (int b = 0; b < last; b++) {
                if (bins.get(b).holds(v)) {
                    return b;
                }
            }
            return last;
        }
        for (int b = 0; b < last; b++) {
            for (String category : bins.get(b).categories()) {
                if (values.applyAsDouble(column(category)) == 1) {
                    return b;
                }
            }
        }
        return last;
    }

    /** The one-hot column of a category, as the feature SQL names it. */
    String column(String category) {
        return variable + "_" + category;
    }

    /** The same variable with its coefficient and every bin's points on that scale. */
    ScorecardVariable withPoints(double beta, double intercept, int variables, PointsScale scale) {
        List<ScorecardBin> scored = new ArrayList<>(bins.size());
        for (ScorecardBin b : bins) {
            // Whole points, as a scorecard is printed: a client's total is the sum of the points shown.
            scored.add(b.withPoints(Math.round(scale.binPoints(beta, b.woe(), intercept, variables))));
        }
        return new ScorecardVariable(table, variable, feature, categorical, informationValue, beta, scored);
    }
}
