package fr.pretadepenser.scoring.model.scorecard;

/**
 * Weight of evidence and information value of a bin, with goods (repaid) over bads (defaulted):
 * WoE = ln(share of goods / share of bads), so a positive WoE is a safer-than-average bin.
 *
 * <p>A bin without goods or without bads would have an infinite WoE: 0.5 is then added to both its counts (the
 * usual smoothing); the totals stay unsmoothed. A bin without any row has WoE 0 (no evidence).
 */
final class WeightOfEvidence {

    private WeightOfEvidence() {
    }

    /** The WoE of a bin with {@code goods} and {@code bads} among {@code totalGoods} and {@code totalBads}. */
    static double woe(double goods, double bads, double totalGoods, double totalBads) {
        if (goods == 0 && bads == 0) {
            return 0;
        }
        if (goods == 0 || bads == 0) {
            goods += 0.5;
            bads += 0.5;
        }
        return Math.log((goods / totalGoods) / (bads / totalBads));
    }

    /** The bin's share of the information value: (share of goods - share of bads) * WoE. */
    static double informationValue(double goods, double bads, double totalGoods, double totalBads) {
        return (goods / totalGoods - bads / totalBads) * woe(goods, bads, totalGoods, totalBads);
    }
}
