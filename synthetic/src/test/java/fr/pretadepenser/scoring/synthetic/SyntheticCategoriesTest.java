package fr.pretadepenser.scoring.synthetic;

import fr.pretadepenser.scoring.progress.Progress;
import fr.pretadepenser.scoring.schema.Column;
import fr.pretadepenser.scoring.schema.ColumnType;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import fr.pretadepenser.scoring.schema.Table;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every category of every text column is written, rare ones included, and the common ones keep their shares. */
class SyntheticCategoriesTest {

    private static final HomeCreditSchema SCHEMA = HomeCreditSchema.load();
    private static final MarginalProfile PROFILE = MarginalProfile.load();
    private static final int CLIENTS = 3_000;

    @TempDir
    static Path dir;
    /** Per table, per text column, the count of each value written (empty values left out). */
    static final Map<String, Map<String, Map<String, Integer>>> COUNTS = new LinkedHashMap<>();

    @BeforeAll
    static void generateOnce() throws IOException {
        new SyntheticDataGenerator(new GeneratorSettings(CLIENTS, 3)).generate(dir, Progress.SILENT);
        for (Table table : SCHEMA.tables()) {
            List<Column> columns = table.columns();
            Map<String, Map<String, Integer>> perColumn = new LinkedHashMap<>();
            for (Column c : columns) {
                if (c.type() == ColumnType.TEXT) {
                    perColumn.put(c.name(), new HashMap<>());
                }
            }
            CsvRows.forEach(dir.resolve(table.file()), row -> {
                for (int i = 0; i < columns.size(); i++) {
                    Map<String, Integer> counts = perColumn.get(columns.get(i).name());
                    if (counts != null && !row.get(i).isEmpty()) {
                        counts.merge(row.get(i), 1, Integer::sum);
                    }
                }
            });
            COUNTS.put(table.name(), perColumn);
        }
    }

    private static ColumnProfile profile(String table, String column) {
        return PROFILE.find(MarginalProfile.profiledTable(table), column);
    }

    @Test
    void profileListsExactlyTheSchemaCategoriesOfEveryTextColumn() {
        PROFILE.checkCategories(SCHEMA);
        COUNTS.forEach((table, columns) -> columns.keySet().forEach(column -> assertEquals(
                SCHEMA.table(table).findColumn(column).orElseThrow().categories().size(),
                profile(table, column).categoryCount(), table + '.' + column)));
    }

    @Test
    void writesEveryCategoryOfEveryTextColumnInEveryFile() {
        List<String> missing = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        COUNTS.forEach((table, columns) -> columns.forEach((column, counts) -> {
            List<String> categories = SCHEMA.table(table).findColumn(column).orElseThrow().categories();
            for (String category : categories) {
                if (!counts.containsKey(category)) {
                    missing.add(table + '.' + column + " '" + category + "'");
                }
            }
            for (String value : counts.keySet()) {
                if (!categories.contains(value)) {
                    unknown.add(table + '.' + column + " '" + value + "'");
                }
            }
        }));
        assertEquals(List.of(), missing, "categories never written");
        assertEquals(List.of(), unknown, "values the schema does not list");
    }

    /**
     * Common categories (a profile share of 1% or more) stay within 4 binomial standard errors of the profile's share
     * (a false alarm about once in 16,000 comparisons), plus 0.02 for the categories placed by hand, which take a few
     * percent of the rows of a file this small (about 80 of application_test's 476 rows carry one, in some column).
     * Three columns whose structure is hand-written get 0.05 instead: bureau_balance STATUS (unknown months
     * drawn among open months only: X about 0.04 below the sample), previous NAME_CONTRACT_STATUS (refusals follow the
     * hidden risk, 17.4% against the sample's 16.1%) and POS NAME_CONTRACT_STATUS (completion follows the terms:
     * Active about 0.03 above the sample).
     */
    @Test
    void commonCategoriesKeepTheProfileShares() {
        Set<String> structural = Set.of("bureau_balance.STATUS", "previous_application.NAME_CONTRACT_STATUS",
                "POS_CASH_balance.NAME_CONTRACT_STATUS");
        List<String> off = new ArrayList<>();
        COUNTS.forEach((table, columns) -> columns.forEach((column, counts) -> {
            ColumnProfile p = profile(table, column);
            double n = counts.values().stream().mapToInt(Integer::intValue).sum();
            double allowance = structural.contains(table + '.' + column) ? 0.05 : 0.02;
            for (int k = 0; k < p.categoryCount(); k++) {
                double expected = p.categoryShare(k);
                if (expected < 0.01) {
                    continue;
                }
                double actual = counts.getOrDefault(p.category(k), 0) / n;
                double tolerance = 4 * Math.sqrt(expected * (1 - expected) / n) + allowance;
                if (Math.abs(actual - expected) > tolerance) {
                    off.add(String.format("%s.%s '%s': %.4f written, profile %.4f, tolerance %.4f", table, column,
                            p.category(k), actual, expected, tolerance));
                }
            }
        }));
        assertEquals(List.of(), off);
    }

    /**
     * Rare categories (a profile share under 0.1%) stay rare: drawn about n x share times, plus at most one placed
     * by hand; 5 standard errors of a Poisson count above that is a generous bound.
     */
    @Test
    void rareCategoriesStayRare() {
        List<String> frequent = new ArrayList<>();
        COUNTS.forEach((table, columns) -> columns.forEach((column, counts) -> {
            ColumnProfile p = profile(table, column);
            double n = counts.values().stream().mapToInt(Integer::intValue).sum();
            for (int k = 0; k < p.categoryCount(); k++) {
                double expected = n * p.categoryShare(k);
                int actual = counts.getOrDefault(p.category(k), 0);
                if (p.categoryShare(k) < 0.001 && actual > 1 + expected + 5 * Math.sqrt(expected + 1)) {
                    frequent.add(table + '.' + column + " '" + p.category(k) + "': " + actual + " rows, ~"
                            + Math.round(expected) + " expected");
                }
            }
        }));
        assertEquals(List.of(), frequent);
        assertTrue(COUNTS.get(HomeCreditSchema.APPLICATION_TRAIN).get("CODE_GENDER").getOrDefault("XNA", 0) <= 3,
                "CODE_GENDER XNA, which training leaves out, stays very rare");
    }
}
