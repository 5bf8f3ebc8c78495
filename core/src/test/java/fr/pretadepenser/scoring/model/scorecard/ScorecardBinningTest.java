package fr.pretadepenser.scoring.model.scorecard;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScorecardBinningTest {

    // Default rate by tenth of x: rising overall, with two dips that a monotonic binning must merge away.
    private static final double[] RATES = {0.05, 0.10, 0.08, 0.15, 0.20, 0.18, 0.25, 0.30, 0.35, 0.40};

    @Test
    void mergesQuantileBinsUntilTheDefaultRateIsMonotonicAndEveryBinHoldsFivePercent() {
        int n = 2000;
        float[] x = new float[n];
        int[] y = new int[n];
        boolean[] train = new boolean[n];
        int missing = 0;
        for (int i = 0; i < n; i++) {
            train[i] = true;
            // Every 20th row missing, with a high default rate: the missing bin must keep it apart.
            if (i % 20 == 7) {
                x[i] = Float.NaN;
                y[i] = i % 40 == 7 ? 1 : 0;
                missing++;
                continue;
            }
            x[i] = i;
            // Defaults spread evenly inside each tenth: the first rate * 100 of every 100 rows, shuffled by 37.
            y[i] = (i * 37) % 100 < RATES[i * 10 / n] * 100 ? 1 : 0;
        }
        ScorecardVariable v = VariableBinning.numeric("application", "X", "X", x, y, train);
        List<ScorecardBin> bins = v.bins();
        ScorecardBin last = bins.get(bins.size() - 1);
        assertTrue(last.missing());
        assertEquals(missing, last.count());
        assertEquals(0.5, last.defaultRate(), 1e-12);
        List<ScorecardBin> ranges = bins.subList(0, bins.size() - 1);
        assertTrue(ranges.size() >= 3, "too few bins: " + ranges);
        for (int b = 0; b < ranges.size(); b++) {
            assertTrue(ranges.get(b).share() >= 0.05, "bin " + ranges.get(b));
            if (b > 0) {
                assertTrue(ranges.get(b).defaultRate() >= ranges.get(b - 1).defaultRate(), "not monotonic: " + ranges);
                assertEquals(ranges.get(b - 1).upper(), ranges.get(b).lower());
            }
        }
        assertNull(ranges.get(0).lower());
        assertNull(ranges.get(ranges.size() - 1).upper());
        assertEquals(n, bins.stream().mapToLong(ScorecardBin::count).sum());
        // The rising rate gives a falling WoE (goods over bads).
        assertTrue(ranges.get(0).woe() > ranges.get(ranges.size() - 1).woe());
    }

    @Test
    void eachBinCountsTheTrainingValuesItHoldsSignedZerosIncluded() {
        int n = 2000;
        float[] x = new float[n];
        int[] y = new int[n];
        boolean[] train = new boolean[n];
        for (int i = 0; i < n; i++) {
            train[i] = true;
            // 600 rows of -0.0 then 200 of 0.0: the quantiles put an edge at -0.0, which holds the 0.0 rows too (a
            // scorecard compares numbers); then rising values. The default rate rises along, so no bin is merged.
            x[i] = i < 600 ? -0.0f : i < 800 ? 0.0f : i;
            double rate = i < 600 ? 0.05 : i < 800 ? 0.15 : 0.2 + 0.2 * (i - 800) / 1200.0;
            y[i] = (i * 37) % 100 < rate * 100 ? 1 : 0;
        }
        List<ScorecardBin> bins = VariableBinning.numeric("application", "X", "X", x, y, train).bins();
        assertEquals(-0.0, bins.get(0).upper(), "the first bin ends at the zeros");
        for (ScorecardBin bin : bins.subList(0, bins.size() - 1)) {
            long held = 0;
            for (float v : x) {
                held += bin.holds(v) ? 1 : 0;
            }
            assertEquals(held, bin.count(), "bin " + bin.label());
        }
    }

    @Test
    void poolsAdjacentViolatorsInTheDirectionAsked() {
        List<BinMerging.Cell> cells = List.of(new BinMerging.Cell(0, 0, 90, 10), new BinMerging.Cell(1, 1, 70, 30),
                new BinMerging.Cell(2, 2, 80, 20), new BinMerging.Cell(3, 3, 60, 40));
        // Rates 0.1, 0.3, 0.2, 0.4: increasing needs cells 1 and 2 merged (0.25).
        List<BinMerging.Cell> up = BinMerging.pooled(cells, true);
        assertEquals(List.of(new BinMerging.Cell(0, 0, 90, 10), new BinMerging.Cell(1, 2, 150, 50),
                new BinMerging.Cell(3, 3, 60, 40)), up);
        assertEquals(1, BinMerging.monotonic(cells, 400, 0.05, 300, 100).stream()
                .filter(c -> c.first() == 1 && c.last() == 2).count());
    }

    @Test
    void mergesASmallCellIntoTheNeighbourOfCloserDefaultRate() {
        List<BinMerging.Cell> cells = List.of(new BinMerging.Cell(0, 0, 95, 5), new BinMerging.Cell(1, 1, 3, 1),
                new BinMerging.Cell(2, 2, 50, 50));
        // The middle cell (4 of 204 < 5%) has rate 0.25: closer to 0.05 than to 0.5.
        assertEquals(List.of(new BinMerging.Cell(0, 1, 98, 6), new BinMerging.Cell(2, 2, 50, 50)),
                BinMerging.withMinimumShare(cells, 204, 0.05));
    }

    @Test
    void groupsCategoriesByDefaultRateIntoAtMostSixGroupsOfFivePercent() {
        String[] names = {"A", "B", "C", "D", "E", "F", "G", "H", "I"};
        int n = 900;
        float[][] columns = new float[names.length][n];
        int[] y = new int[n];
        boolean[] train = new boolean[n];
        for (int i = 0; i < n; i++) {
            train[i] = true;
            int c = i % names.length;
            columns[c][i] = 1;
            // Category c defaults in c of every 10 of its rows (about), so each has its own rate.
            y[i] = (i / names.length) % 10 < c ? 1 : 0;
        }
        // Rows 0, 9, 18...: a few rows without any category go to the missing bin.
        columns[0][0] = 0;
        ScorecardVariable v = VariableBinning.categorical("application", "NAME", List.of(names), columns, y, train);
        List<ScorecardBin> groups = v.bins().subList(0, v.bins().size() - 1);
        assertTrue(groups.size() <= 6, "groups: " + groups);
        groups.forEach(g -> assertTrue(g.share() >= 0.05, "group " + g));
        assertEquals(names.length, groups.stream().mapToInt(g -> g.categories().size()).sum());
        for (int g = 1; g < groups.size(); g++) {
            assertTrue(groups.get(g).defaultRate() >= groups.get(g - 1).defaultRate());
        }
        ScorecardBin none = v.bins().get(v.bins().size() - 1);
        assertTrue(none.missing());
        assertEquals(1, none.count());
        assertFalse(v.bins().get(0).categories().isEmpty());
    }
}
