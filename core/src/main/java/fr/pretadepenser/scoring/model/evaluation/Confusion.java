package fr.pretadepenser.scoring.model.evaluation;

/**
 * Counts of decisions at one threshold; "positive" means predicted to default, hence refused.
 *
 * @param truePositives  defaulters refused
 * @param falsePositives good clients refused
 * @param trueNegatives  good clients granted
 * @param falseNegatives defaulters granted
 */
public record Confusion(long truePositives, long falsePositives, long trueNegatives, long falseNegatives) {

    /** Decides each probability at the threshold ({@link Decision#at}) and counts against the outcomes. */
    public static Confusion at(double threshold, int[] outcomes, double[] probabilities) {
        long tp = 0, fp = 0, tn = 0, fn = 0;
        for (int i = 0; i < outcomes.length; i++) {
            boolean refused = Decision.at(probabilities[i], threshold) == Decision.REFUSED;
            if (outcomes[i] == 1) {
                if (refused) {
                    tp++;
                } else {
                    fn++;
                }
            } else if (refused) {
                fp++;
            } else {
                tn++;
            }
        }
        return new Confusion(tp, fp, tn, fn);
    }

    /** Share of defaulters refused (recall, sensitivity); NaN without defaulters. */
    public double recall() {
        return (double) truePositives / (truePositives + falseNegatives);
    }

    /** Share of refused clients who are defaulters; NaN when nobody is refused. */
    public double precision() {
        return (double) truePositives / (truePositives + falsePositives);
    }

    /** Share of applications granted. */
    public double approvalRate() {
        return (double) (trueNegatives + falseNegatives) / total();
    }

    /** Number of applications counted. */
    public long total() {
        return truePositives + falsePositives + trueNegatives + falseNegatives;
    }
}
