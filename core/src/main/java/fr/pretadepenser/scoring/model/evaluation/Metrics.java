package fr.pretadepenser.scoring.model.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Ranking and probability metrics of predicted default probabilities against outcomes (1 = default).
 * All take the outcomes and probabilities as parallel arrays and read them only.
 */
public final class Metrics {

    private static final double LOG_LOSS_EPSILON = 1e-15;

    private Metrics() {
    }

    /** ROC AUC: the probability that a random defaulter scores above a random good client (ties count half). */
    public static double rocAuc(int[] outcomes, double[] probabilities) {
        Integer[] order = ascending(probabilities);
        long positives = 0;
        double rankSum = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j < order.length && probabilities[order[j]] == probabilities[order[i]]) {
                j++;
            }
            double averageRank = (i + 1 + j) / 2.0;
            for (int k = i; k < j; k++) {
                if (outcomes[order[k]] == 1) {
                    positives++;
                    rankSum += averageRank;
                }
            }
            i = j;
        }
        long negatives = outcomes.length - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    /** Gini coefficient, 2 AUC - 1, as credit risk reports it. */
    public static double gini(int[] outcomes, double[] probabilities) {
        return 2 * rocAuc(outcomes, probabilities) - 1;
    }

    /** Kolmogorov-Smirnov statistic: the largest gap between the score distributions of defaulters and others. */
    public static double ks(int[] outcomes, double[] probabilities) {
        Integer[] order = ascending(probabilities);
        long positives = Arrays.stream(outcomes).filter(o -> o == 1).count();
        long negatives = outcomes.length - positives;
        double best = 0;
        long seenPositives = 0, seenNegatives = 0;
        int i = 0;
        while (i < order.length) {
            double p = probabilities[order[i]];
            while (i < order.length && probabilities[order[i]] == p) {
                if (outcomes[order[i]] == 1) {
                    seenPositives++;
                } else {
                    seenNegatives++;
                }
                i++;
            }
            best = Math.max(best, Math.abs((double) seenPositives / positives - (double) seenNegatives / negatives));
        }
        return best;
    }

    /** Area under the precision-recall curve, as average precision (precision at each recall step). */
    public static double prAuc(int[] outcomes, double[] probabilities) {
        Integer[] order = ascending(probabilities);
        long positives = Arrays.stream(outcomes).filter(o -> o == 1).count();
        if (positives == 0) {
            return Double.NaN;
        }
        double area = 0;
        long tp = 0, seen = 0;
        int i = order.length - 1;
        while (i >= 0) {
            double p = probabilities[order[i]];
            long newPositives = 0;
            while (i >= 0 && probabilities[order[i]] == p) {
                if (outcomes[order[i]] == 1) {
                    newPositives++;
                }
                seen++;
                i--;
            }
            tp += newPositives;
            area += (double) newPositives / positives * tp / seen;
        }
        return area;
    }

    /** Brier score: mean squared difference between probability and outcome. */
    public static double brier(int[] outcomes, double[] probabilities) {
        double sum = 0;
        for (int i = 0; i < outcomes.length; i++) {
            double d = probabilities[i] - outcomes[i];
            sum += d * d;
        }
        return sum / outcomes.length;
    }

    /** Mean negative log-likelihood, probabilities clipped to [1e-15, 1 - 1e-15]. */
    public static double logLoss(int[] outcomes, double[] probabilities) {
        double sum = 0;
        for (int i = 0; i < outcomes.length; i++) {
            double p = Math.min(Math.max(probabilities[i], LOG_LOSS_EPSILON), 1 - LOG_LOSS_EPSILON);
            sum += outcomes[i] == 1 ? -Math.log(p) : -Math.log(1 - p);
        }
        return sum / outcomes.length;
    }

    /**
     * Calibration table: applications sorted by probability and cut into {@code bins} groups of (nearly) equal
     * size; per group the mean predicted probability and the observed default rate.
     */
    public static List<CalibrationBin> calibration(int[] outcomes, double[] probabilities, int bins) {
        Integer[] order = ascending(probabilities);
        List<CalibrationBin> table = new ArrayList<>(bins);
        for (int b = 0; b < bins; b++) {
            int from = (int) ((long) order.length * b / bins);
            int to = (int) ((long) order.length * (b + 1) / bins);
            double predicted = 0, observed = 0;
            for (int k = from; k < to; k++) {
                predicted += probabilities[order[k]];
                observed += outcomes[order[k]];
            }
            int n = to - from;
            table.add(new CalibrationBin(n == 0 ? Double.NaN : predicted / n, n == 0 ? Double.NaN : observed / n, n));
        }
        return table;
    }

    /** The ROC curve (false positive rate, true positive rate) at {@code points} evenly spaced thresholds. */
    public static List<CurvePoint> rocCurve(int[] outcomes, double[] probabilities, int points) {
        List<CurvePoint> curve = new ArrayList<>(points);
        for (int k = points - 1; k >= 0; k--) {
            Confusion c = Confusion.at((double) k / (points - 1), outcomes, probabilities);
            double fpr = (double) c.falsePositives() / (c.falsePositives() + c.trueNegatives());
            curve.add(new CurvePoint(fpr, c.recall()));
        }
        return curve;
    }

    /** The precision-recall curve (recall, precision) at {@code points} evenly spaced thresholds. */
    public static List<CurvePoint> precisionRecallCurve(int[] outcomes, double[] probabilities, int points) {
        List<CurvePoint> curve = new ArrayList<>(points);
        for (int k = points - 1; k >= 0; k--) {
            Confusion c = Confusion.at((double) k / (points - 1), outcomes, probabilities);
            if (c.truePositives() + c.falsePositives() > 0) {
                curve.add(new CurvePoint(c.recall(), c.precision()));
            }
        }
        return curve;
    }

    private static Integer[] ascending(double[] probabilities) {
        Integer[] order = new Integer[probabilities.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> probabilities[i]));
        return order;
    }

    /**
     * One row of the calibration table.
     *
     * @param meanPredicted mean predicted probability of default in the group
     * @param observedRate  observed default rate in the group
     * @param count         applications in the group
     */
    public record CalibrationBin(double meanPredicted, double observedRate, int count) {
    }

    /**
     * One point of a curve.
     *
     * @param x the horizontal coordinate (false positive rate, or recall)
     * @param y the vertical coordinate (true positive rate, or precision)
     */
    public record CurvePoint(double x, double y) {
    }
}
