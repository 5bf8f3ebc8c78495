package fr.pretadepenser.scoring.model.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Chooses the decision threshold that minimises the business cost on out-of-fold predictions.
 *
 * <p>Every distinct predicted probability is a candidate (the cost only changes there), so the optimum is exact,
 * not the best point of a grid; the curve for plots is sampled on a fine grid of [0, 1].
 */
public final class ThresholdSearch {

    /** Points of the cost curve kept for plots and the report. */
    static final int CURVE_POINTS = 201;

    private ThresholdSearch() {
    }

    /** The cost-minimising threshold and the cost curve over [0, 1]. */
    public static Threshold search(int[] outcomes, double[] probabilities, BusinessCost cost) {
        if (outcomes.length != probabilities.length || outcomes.length == 0) {
            throw new IllegalArgumentException("need as many outcomes as probabilities, and at least one; were "
                    + outcomes.length + " and " + probabilities.length);
        }
        Integer[] order = new Integer[outcomes.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> -probabilities[i]));
        long positives = Arrays.stream(outcomes).filter(o -> o == 1).count();
        long negatives = outcomes.length - positives;

        // Threshold above every probability: everybody granted.
        double bestThreshold = 1.0 + Math.ulp(1.0);
        double bestCost = cost.falseNegative() * positives;
        long tp = 0, fp = 0;
        int i = 0;
        while (i < order.length) {
            double p = probabilities[order[i]];
            while (i < order.length && probabilities[order[i]] == p) {
                if (outcomes[order[i]] == 1) {
                    tp++;
                } else {
                    fp++;
                }
                i++;
            }
            // Threshold p: everybody at or above p refused.
            double c = cost.falseNegative() * (positives - tp) + cost.falsePositive() * fp;
            if (c < bestCost) {
                bestCost = c;
                bestThreshold = p;
            }
        }
        bestThreshold = Math.min(bestThreshold, 1.0);
        Confusion atBest = Confusion.at(bestThreshold, outcomes, probabilities);
        List<Threshold.Point> curve = new ArrayList<>(CURVE_POINTS);
        for (int k = 0; k < CURVE_POINTS; k++) {
            double t = (double) k / (CURVE_POINTS - 1);
            Confusion c = Confusion.at(t, outcomes, probabilities);
            curve.add(new Threshold.Point(t, cost.total(c), cost.normalized(c)));
        }
        return new Threshold(bestThreshold, cost, atBest, cost.total(atBest), cost.normalized(atBest),
                negatives + positives, curve);
    }
}
