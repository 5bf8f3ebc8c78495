package fr.pretadepenser.scoring.model.scorecard;

import java.util.ArrayList;
import java.util.List;

/**
 * Merges adjacent cells of an ordered sequence (quantile bins by value, or categories by default rate) until the
 * scorecard's rules hold: a monotonic default rate, at least a minimum share of the applications per cell, at most a
 * number of groups. Merging two neighbours of a monotonic sequence keeps it monotonic (the merged rate lies between
 * theirs), so the rules are applied in that order.
 */
final class BinMerging {

    private BinMerging() {
    }

    /**
     * Elementary cells {@code first..last} merged into one, with their goods and bads.
     *
     * @param first first elementary cell
     * @param last  last elementary cell (inclusive)
     * @param goods repaid applications
     * @param bads  defaulted applications
     */
    record Cell(int first, int last, long goods, long bads) {

        long count() {
            return goods + bads;
        }

        double rate() {
            return count() == 0 ? 0 : (double) bads / count();
        }

        Cell merge(Cell next) {
            return new Cell(first, next.last, goods + next.goods, bads + next.bads);
        }
    }

    /**
     * The monotonic merge, increasing or decreasing, whichever keeps the larger information value, with every cell
     * at least {@code minShare} of {@code total} applications.
     */
    static List<Cell> monotonic(List<Cell> cells, long total, double minShare, long totalGoods, long totalBads) {
        List<Cell> up = withMinimumShare(pooled(cells, true), total, minShare);
        List<Cell> down = withMinimumShare(pooled(cells, false), total, minShare);
        return informationValue(up, totalGoods, totalBads) >= informationValue(down, totalGoods, totalBads)
                ? up : down;
    }

    /**
     * Cells already ordered by default rate grouped so that each holds at least {@code minShare} of {@code total}
     * and there are at most {@code maxGroups}: the closest neighbours by default rate are merged first.
     */
    static List<Cell> grouped(List<Cell> cellsByRate, long total, double minShare, int maxGroups) {
        List<Cell> groups = withMinimumShare(cellsByRate, total, minShare);
        while (groups.size() > maxGroups) {
            int best = 0;
            for (int i = 1; i + 1 < groups.size(); i++) {
                if (gap(groups, i) < gap(groups, best)) {
                    best = i;
                }
            }
            mergeAt(groups, best);
        }
        return groups;
    }

    /** Pool-adjacent-violators: merges neighbours until the default rate only rises (or only falls). */
    static List<Cell> pooled(List<Cell> cells, boolean increasing) {
        List<Cell> result = new ArrayList<>();
        for (Cell c : cells) {
            if (c.count() == 0) {
                continue;
            }
            result.add(c);
            while (result.size() > 1 && violates(result.get(result.size() - 2), result.get(result.size() - 1),
                    increasing)) {
                mergeAt(result, result.size() - 2);
            }
        }
        return result;
    }

    /** Merges the smallest cell under the minimum with its neighbour of closer default rate, until none is under. */
    static List<Cell> withMinimumShare(List<Cell> cells, long total, double minShare) {
        List<Cell> result = new ArrayList<>(cells);
        while (result.size() > 1) {
            int smallest = -1;
            for (int i = 0; i < result.size(); i++) {
                if (result.get(i).count() < minShare * total
                        && (smallest < 0 || result.get(i).count() < result.get(smallest).count())) {
                    smallest = i;
                }
            }
            if (smallest < 0) {
                break;
            }
            boolean left;
            if (smallest == 0) {
                left = false;
            } else if (smallest == result.size() - 1) {
                left = true;
            } else {
                double rate = result.get(smallest).rate();
                left = Math.abs(result.get(smallest - 1).rate() - rate) <= Math.abs(result.get(smallest + 1).rate()
                        - rate);
            }
            mergeAt(result, left ? smallest - 1 : smallest);
        }
        return result;
    }

    /** Information value of a sequence of cells. */
    static double informationValue(List<Cell> cells, long totalGoods, long totalBads) {
        double iv = 0;
        for (Cell c : cells) {
            iv += WeightOfEvidence.informationValue(c.goods(), c.bads(), totalGoods, totalBads);
        }
        return iv;
    }

    private static boolean violates(Cell a, Cell b, boolean increasing) {
        return increasing ? a.rate() > b.rate() : a.rate() < b.rate();
    }

    private static double gap(List<Cell> cells, int i) {
        return Math.abs(cells.get(i + 1).rate() - cells.get(i).rate());
    }

    /** Replaces cells {@code i} and {@code i + 1} by their merge. */
    private static void mergeAt(List<Cell> cells, int i) {
        cells.set(i, cells.get(i).merge(cells.get(i + 1)));
        cells.remove(i + 1);
    }
}
