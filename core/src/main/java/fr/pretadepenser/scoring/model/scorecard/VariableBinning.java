package fr.pretadepenser.scoring.model.scorecard;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Bins one candidate variable on the training rows and gives every bin its WoE, for the scorecard.
 *
 * <p>Numeric: about {@value #QUANTILES} quantile bins, merged until the default rate is monotonic and every bin
 * holds at least {@value #MIN_SHARE} of the applications, plus the missing bin. Categorical: categories ordered by
 * default rate and grouped into at most {@value #MAX_GROUPS} groups of at least {@value #MIN_SHARE} each, plus the
 * missing bin (no category). The missing bin is exempt from the minimum: its evidence is kept apart on purpose.
 */
final class VariableBinning {

    static final int QUANTILES = 20;
    static final double MIN_SHARE = 0.05;
    static final int MAX_GROUPS = 6;
    // Quantile edges from an evenly spaced sample: as precise as a full sort at this bin count, much cheaper.
    private static final int SAMPLE = 20_000;

    private VariableBinning() {
    }

    /**
     * A numeric column binned.
     *
     * @param values   the column, one value per row (NaN for missing)
     * @param outcomes 1 for a default, per row
     * @param train    which rows to learn from
     */
    static ScorecardVariable numeric(String table, String variable, String feature, float[] values, int[] outcomes,
                                     boolean[] train) {
        int present = 0;
        int rows = 0;
        for (int i = 0; i < values.length; i++) {
            if (train[i]) {
                rows++;
                present += Float.isNaN(values[i]) ? 0 : 1;
            }
        }
        double[] edges = edges(values, train, present);
        long[] goods = new long[edges.length + 1];
        long[] bads = new long[edges.length + 1];
        long missingGoods = 0;
        long missingBads = 0;
        long totalGoods = 0;
        long totalBads = 0;
        for (int i = 0; i < values.length; i++) {
            if (!train[i]) {
                continue;
            }
            boolean bad = outcomes[i] == 1;
            totalBads += bad ? 1 : 0;
            totalGoods += bad ? 0 : 1;
            if (Float.isNaN(values[i])) {
                missingBads += bad ? 1 : 0;
                missingGoods += bad ? 0 : 1;
                continue;
            }
            // Zero searched as -0.0, the lower of the two zeros binarySearch tells apart: the cell a comparison of
            // numbers gives, where the scorecard's bins hold the value (ScorecardBin.holds).
            int cell = Arrays.binarySearch(edges, values[i] == 0 ? -0.0 : values[i]);
            cell = cell >= 0 ? cell : -cell - 1;
            (bad ? bads : goods)[cell]++;
        }
        List<BinMerging.Cell> cells = new ArrayList<>();
        for (int c = 0; c < goods.length; c++) {
            cells.add(new BinMerging.Cell(c, c, goods[c], bads[c]));
        }
        List<BinMerging.Cell> merged = BinMerging.monotonic(cells, rows, MIN_SHARE, totalGoods, totalBads);
        List<ScorecardBin> bins = new ArrayList<>();
        Double lower = null;
        for (int b = 0; b < merged.size(); b++) {
            BinMerging.Cell c = merged.get(b);
            // Bins are contiguous: each starts where the previous ended, even over an empty quantile cell.
            Double upper = b == merged.size() - 1 ? null : edges[c.last()];
            bins.add(bin(range(lower, upper), lower, upper, List.of(), false, c.goods(), c.bads(), rows, totalGoods,
                    totalBads));
            lower = upper;
        }
        bins.add(bin("missing", null, null, List.of(), true, missingGoods, missingBads, rows, totalGoods, totalBads));
        return new ScorecardVariable(table, variable, feature, false, informationValue(bins, totalGoods, totalBads),
                0, bins);
    }

    /**
     * A one-hot group binned as one categorical variable.
     *
     * @param categories the categories, one per column of {@code columns}
     * @param columns    each category's 0/1 column, per row
     */
    static ScorecardVariable categorical(String table, String variable, List<String> categories, float[][] columns,
                                         int[] outcomes, boolean[] train) {
        int k = categories.size();
        long[] goods = new long[k + 1];
        long[] bads = new long[k + 1];
        long rows = 0;
        for (int i = 0; i < outcomes.length; i++) {
            if (!train[i]) {
                continue;
            }
            rows++;
            int category = k;
            for (int c = 0; c < k; c++) {
                if (columns[c][i] == 1) {
                    category = c;
                    break;
                }
            }
            (outcomes[i] == 1 ? bads : goods)[category]++;
        }
        long totalGoods = Arrays.stream(goods).sum();
        long totalBads = Arrays.stream(bads).sum();
        List<BinMerging.Cell> cells = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            if (goods[c] + bads[c] > 0) {
                cells.add(new BinMerging.Cell(c, c, goods[c], bads[c]));
            }
        }
        cells.sort(Comparator.comparingDouble(BinMerging.Cell::rate).thenComparingInt(BinMerging.Cell::first));
        List<List<String>> members = new ArrayList<>();
        List<BinMerging.Cell> groups = BinMerging.grouped(withMembers(cells, categories, members), rows, MIN_SHARE,
                MAX_GROUPS);
        List<ScorecardBin> bins = new ArrayList<>();
        for (BinMerging.Cell g : groups) {
            // After sorting, cell positions index `members`: a group holds the categories of positions first..last.
            List<String> names = new ArrayList<>();
            for (int p = g.first(); p <= g.last(); p++) {
                names.addAll(members.get(p));
            }
            bins.add(bin(String.join(", ", names), null, null, names, false, g.goods(), g.bads(), rows, totalGoods,
                    totalBads));
        }
        bins.add(bin("(none)", null, null, List.of(), true, goods[k], bads[k], rows, totalGoods, totalBads));
        return new ScorecardVariable(table, variable, null, true, informationValue(bins, totalGoods, totalBads), 0,
                bins);
    }

    /** Re-indexes cells sorted by rate by their position, recording each position's category. */
    private static List<BinMerging.Cell> withMembers(List<BinMerging.Cell> sorted, List<String> categories,
                                                     List<List<String>> members) {
        List<BinMerging.Cell> result = new ArrayList<>();
        for (int p = 0; p < sorted.size(); p++) {
            BinMerging.Cell c = sorted.get(p);
            members.add(List.of(categories.get(c.first())));
            result.add(new BinMerging.Cell(p, p, c.goods(), c.bads()));
        }
        return result;
    }

    /** Upper bounds of the quantile cells (distinct, ascending); the last cell has no upper bound. */
    private static double[] edges(float[] values, boolean[] train, int present) {
        if (present == 0) {
            return new double[0];
        }
        int step = Math.max(1, present / SAMPLE);
        double[] sample = new double[(present + step - 1) / step];
        int n = 0;
        int seen = 0;
        for (int i = 0; i < values.length && n < sample.length; i++) {
            if (train[i] && !Float.isNaN(values[i]) && seen++ % step == 0) {
                sample[n++] = values[i];
            }
        }
        sample = Arrays.copyOf(sample, n);
        Arrays.sort(sample);
        double[] edges = new double[QUANTILES - 1];
        int m = 0;
        for (int q = 1; q < QUANTILES; q++) {
            double edge = sample[Math.min(n - 1, (int) ((long) q * n / QUANTILES))];
            if (m == 0 || edge > edges[m - 1]) {
                edges[m++] = edge;
            }
        }
        // A last edge at the maximum would leave an empty top cell.
        if (m > 0 && edges[m - 1] >= sample[n - 1]) {
            m--;
        }
        return Arrays.copyOf(edges, m);
    }

    private static ScorecardBin bin(String label, Double lower, Double upper, List<String> categories,
                                    boolean missing, long goods, long bads, long rows, long totalGoods,
                                    long totalBads) {
        long count = goods + bads;
        return new ScorecardBin(label, lower, upper, categories, missing, count, rows == 0 ? 0 : (double) count / rows,
                count == 0 ? 0 : (double) bads / count, WeightOfEvidence.woe(goods, bads, totalGoods, totalBads),
                0);
    }

    private static double informationValue(List<ScorecardBin> bins, long totalGoods, long totalBads) {
        if (totalGoods == 0 || totalBads == 0) {
            return 0;
        }
        double iv = 0;
        for (ScorecardBin b : bins) {
            double bads = Math.round(b.count() * b.defaultRate());
            iv += WeightOfEvidence.informationValue(b.count() - bads, bads, totalGoods, totalBads);
        }
        return iv;
    }

    private static String range(Double lower, Double upper) {
        return "(" + (lower == null ? "-inf" : format(lower)) + ", " + (upper == null ? "+inf)" : format(upper) + "]");
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v)
                : String.format(Locale.ROOT, "%.4g", v);
    }
}
