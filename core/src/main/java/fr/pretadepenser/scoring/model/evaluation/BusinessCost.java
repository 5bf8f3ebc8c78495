package fr.pretadepenser.scoring.model.evaluation;

/**
 * What a wrong decision costs the lender: granting a defaulter (a false negative) costs {@code falseNegative},
 * refusing a good client (a false positive) costs {@code falsePositive}. Only their ratio matters for the threshold.
 *
 * @param falseNegative cost of a defaulter granted (default 10)
 * @param falsePositive cost of a good client refused (default 1)
 */
public record BusinessCost(double falseNegative, double falsePositive) {

    /** The product's weights: a missed defaulter costs about ten times a wrongly refused good client. */
    public static final BusinessCost DEFAULT = new BusinessCost(10, 1);

    /** Refuses negative or all-zero weights, which make every threshold equally good. */
    public BusinessCost {
        if (falseNegative < 0 || falsePositive < 0 || falseNegative + falsePositive == 0 || Double.isNaN(falseNegative)
                || Double.isNaN(falsePositive)) {
            throw new IllegalArgumentException("cost weights must be >= 0 and not both 0, were fn=" + falseNegative
                    + " fp=" + falsePositive);
        }
    }

    /** Total cost of the decisions counted. */
    public double total(Confusion confusion) {
        return falseNegative * confusion.falseNegatives() + falsePositive * confusion.falsePositives();
    }

    /**
     * Cost per application divided by the cost per application of the best decision that ignores the model
     * (grant everybody, or refuse everybody): under 1 the model saves money; 0 would be a perfect model.
     */
    public double normalized(Confusion confusion) {
        long positives = confusion.truePositives() + confusion.falseNegatives();
        long negatives = confusion.trueNegatives() + confusion.falsePositives();
        double naive = Math.min(falseNegative * positives, falsePositive * negatives);
        return naive == 0 ? 0 : total(confusion) / naive;
    }
}
