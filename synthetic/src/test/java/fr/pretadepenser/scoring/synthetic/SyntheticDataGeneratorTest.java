package fr.pretadepenser.scoring.synthetic;

import fr.pretadepenser.scoring.progress.Progress;
import fr.pretadepenser.scoring.schema.Column;
import fr.pretadepenser.scoring.schema.ColumnType;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import fr.pretadepenser.scoring.schema.Table;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class SyntheticDataGeneratorTest {

    private static final HomeCreditSchema SCHEMA = HomeCreditSchema.load();

    @TempDir
    static Path shared;
    static Path dir;
    static GenerationSummary summary;

    @BeforeAll
    static void generateOnce() throws IOException {
        dir = shared.resolve("n5000");
        summary = new SyntheticDataGenerator(new GeneratorSettings(5_000, 42)).generate(dir, Progress.SILENT);
    }

    private static Path file(String table) {
        return dir.resolve(SCHEMA.table(table).file());
    }

    @Nested
    class Reproducibility {

        @Test
        void sameSettingsGiveIdenticalBytesInEveryFile(@TempDir Path other) throws IOException {
            Path first = other.resolve("a");
            Path second = other.resolve("b");
            new SyntheticDataGenerator(new GeneratorSettings(2_000, 7)).generate(first, Progress.SILENT);
            new SyntheticDataGenerator(new GeneratorSettings(2_000, 7)).generate(second, Progress.SILENT);
            for (Table table : SCHEMA.tables()) {
                assertArrayEquals(Files.readAllBytes(first.resolve(table.file())),
                        Files.readAllBytes(second.resolve(table.file())), table.file());
            }
        }

        @Test
        void differentSeedsGiveDifferentFiles(@TempDir Path other) throws IOException {
            new SyntheticDataGenerator(new GeneratorSettings(5_000, 43)).generate(other, Progress.SILENT);
            for (Table table : SCHEMA.tables()) {
                assertFalse(Files.mismatch(dir.resolve(table.file()), other.resolve(table.file())) < 0,
                        table.file() + " should differ");
            }
        }
    }

    @Nested
    class Layout {

        @Test
        void writesEveryTableWithTheSchemaHeader() {
            for (Table table : SCHEMA.tables()) {
                assertEquals(table.header(), CsvRows.header(dir.resolve(table.file())), table.file());
            }
        }

        @Test
        void leavesOnlyTheEightKaggleFiles() throws IOException {
            Set<String> expected = SCHEMA.tables().stream().map(Table::file).collect(Collectors.toSet());
            try (Stream<Path> files = Files.list(dir)) {
                assertEquals(expected, files.map(p -> p.getFileName().toString()).collect(Collectors.toSet()));
            }
        }

        @Test
        void summaryCountsTheRowsOfEachFile() {
            assertEquals(SCHEMA.tableNames(), List.copyOf(summary.rowsPerTable().keySet()));
            assertEquals(5_000L, summary.rowsPerTable().get(HomeCreditSchema.APPLICATION_TRAIN));
            assertEquals(793L, summary.rowsPerTable().get(HomeCreditSchema.APPLICATION_TEST));
            long[] rows = {0};
            CsvRows.forEach(file(HomeCreditSchema.BUREAU), r -> rows[0]++);
            assertEquals(rows[0], summary.rowsPerTable().get(HomeCreditSchema.BUREAU));
        }

        @Test
        void datesAPreviousCreditsEventsBeforeTheApplicationOr365243ForNone() {
            List<String> header = SCHEMA.table(HomeCreditSchema.PREVIOUS_APPLICATION).header();
            List<String> dates = List.of("DAYS_DECISION", "DAYS_FIRST_DRAWING", "DAYS_FIRST_DUE", "DAYS_LAST_DUE",
                    "DAYS_TERMINATION");
            Map<String, Integer> after = new HashMap<>();
            CsvRows.forEach(file(HomeCreditSchema.PREVIOUS_APPLICATION), r -> {
                for (String column : dates) {
                    String v = r.get(header.indexOf(column));
                    if (!v.isEmpty() && Double.parseDouble(v) > 0 && Double.parseDouble(v) != 365243) {
                        after.merge(column, 1, Integer::sum);
                    }
                }
            });
            assertEquals(Map.of(), after, "rows dated after the application");
        }

        @Test
        void writesValuesOfTheColumnTypeAndNeverLeavesNonNullableColumnsEmpty() {
            for (Table table : SCHEMA.tables()) {
                List<Column> columns = table.columns();
                CsvRows.forEach(dir.resolve(table.file()), row -> {
                    assertEquals(columns.size(), row.size(), table.name() + " row width");
                    for (int i = 0; i < columns.size(); i++) {
                        Column c = columns.get(i);
                        String v = row.get(i);
                        if (v.isEmpty()) {
                            if (!c.nullable()) {
                                fail(table.name() + '.' + c.name() + " is empty but not nullable");
                            }
                        } else if (c.type() == ColumnType.INTEGER) {
                            Long.parseLong(v);
                        } else if (c.type() == ColumnType.DECIMAL) {
                            Double.parseDouble(v);
                            assertTrue(v.indexOf('.') > 0 && v.indexOf('E') < 0, c.name() + " decimal " + v);
                        }
                    }
                });
            }
        }

        @Test
        void keepsRowCountsNearKaggleRatios() {
            double clients = 5_000 + 793;
            Map<String, Double> perKaggleClient = Map.of(
                    HomeCreditSchema.BUREAU, 1_716_428.0,
                    HomeCreditSchema.BUREAU_BALANCE, 27_299_925.0,
                    HomeCreditSchema.PREVIOUS_APPLICATION, 1_670_214.0,
                    HomeCreditSchema.POS_CASH_BALANCE, 10_001_358.0,
                    HomeCreditSchema.INSTALLMENTS_PAYMENTS, 13_605_401.0,
                    HomeCreditSchema.CREDIT_CARD_BALANCE, 3_840_312.0);
            perKaggleClient.forEach((table, kaggle) -> {
                double expected = kaggle / 356_255 * clients;
                double actual = summary.rowsPerTable().get(table);
                assertTrue(Math.abs(actual / expected - 1) < 0.15, table + ": " + actual + " rows, expected ~" + expected);
            });
        }
    }

    @Nested
    class Keys {

        @Test
        void interleavesTestClientsAmongTrainClientsStartingAtKaggleFirstId() {
            long[] firstTest = {Long.MAX_VALUE};
            long[] lastTest = {0};
            CsvRows.forEach(file(HomeCreditSchema.APPLICATION_TEST), r -> {
                firstTest[0] = Math.min(firstTest[0], Long.parseLong(r.get(0)));
                lastTest[0] = Math.max(lastTest[0], Long.parseLong(r.get(0)));
            });
            assertEquals(100_001, firstTest[0]);
            assertTrue(lastTest[0] > 100_001 + 5_000, "test clients spread over the range, last " + lastTest[0]);
        }

        @Test
        void linksEveryRowToExistingParentsOfTheSameClient() {
            Set<Long> clients = new HashSet<>();
            for (String t : List.of(HomeCreditSchema.APPLICATION_TRAIN, HomeCreditSchema.APPLICATION_TEST)) {
                CsvRows.forEach(file(t), r -> {
                    long id = Long.parseLong(r.get(0));
                    assertTrue(id >= 100_001 && id <= 456_255, "SK_ID_CURR in Kaggle range: " + id);
                    assertTrue(clients.add(id), "duplicate SK_ID_CURR " + id);
                });
            }
            Set<Long> bureauIds = new HashSet<>();
            CsvRows.forEach(file(HomeCreditSchema.BUREAU), r -> {
                assertTrue(clients.contains(Long.parseLong(r.get(0))), "bureau client");
                long id = Long.parseLong(r.get(1));
                assertTrue(id >= 5_000_000 && bureauIds.add(id), "unique SK_ID_BUREAU " + id);
            });
            CsvRows.forEach(file(HomeCreditSchema.BUREAU_BALANCE),
                    r -> assertTrue(bureauIds.contains(Long.parseLong(r.get(0))), "bureau_balance credit"));
            Map<Long, Long> previousClient = new HashMap<>();
            CsvRows.forEach(file(HomeCreditSchema.PREVIOUS_APPLICATION), r -> {
                long prev = Long.parseLong(r.get(0));
                long curr = Long.parseLong(r.get(1));
                assertTrue(clients.contains(curr), "previous_application client");
                assertTrue(prev >= 1_000_001 && previousClient.put(prev, curr) == null, "unique SK_ID_PREV " + prev);
            });
            for (String t : List.of(HomeCreditSchema.POS_CASH_BALANCE, HomeCreditSchema.INSTALLMENTS_PAYMENTS,
                    HomeCreditSchema.CREDIT_CARD_BALANCE)) {
                CsvRows.forEach(file(t), r -> assertEquals(previousClient.get(Long.parseLong(r.get(0))),
                        Long.valueOf(r.get(1)), t + " row must belong to its previous application's client"));
            }
        }
    }

    @Nested
    class Categories {

        private void assertValuesWithin(String table, String column, Set<String> real) {
            int c = SCHEMA.table(table).header().indexOf(column);
            Set<String> seen = new HashSet<>();
            CsvRows.forEach(file(table), r -> seen.add(r.get(c)));
            seen.remove("");
            assertTrue(real.containsAll(seen), table + '.' + column + " has unreal values: " + seen);
            assertTrue(seen.size() > 1, table + '.' + column + " takes a single value");
        }

        @Test
        void applicationCategoriesAreTheRealOnes() {
            String t = HomeCreditSchema.APPLICATION_TRAIN;
            assertValuesWithin(t, "NAME_CONTRACT_TYPE", Set.of("Cash loans", "Revolving loans"));
            assertValuesWithin(t, "CODE_GENDER", Set.of("F", "M", "XNA"));
            assertValuesWithin(t, "NAME_INCOME_TYPE", Set.of("Working", "Commercial associate", "Pensioner",
                    "State servant", "Unemployed", "Student", "Businessman", "Maternity leave"));
            assertValuesWithin(t, "NAME_EDUCATION_TYPE", Set.of("Secondary / secondary special", "Higher education",
                    "Incomplete higher", "Lower secondary", "Academic degree"));
            assertValuesWithin(t, "NAME_FAMILY_STATUS", Set.of("Married", "Single / not married", "Civil marriage",
                    "Separated", "Widow", "Unknown"));
            assertValuesWithin(t, "NAME_HOUSING_TYPE", Set.of("House / apartment", "With parents",
                    "Municipal apartment", "Rented apartment", "Office apartment", "Co-op apartment"));
        }

        @Test
        void sideTableCategoriesAreTheRealOnes() {
            assertValuesWithin(HomeCreditSchema.BUREAU, "CREDIT_ACTIVE", Set.of("Closed", "Active", "Sold", "Bad debt"));
            assertValuesWithin(HomeCreditSchema.BUREAU_BALANCE, "STATUS",
                    Set.of("C", "X", "0", "1", "2", "3", "4", "5"));
            assertValuesWithin(HomeCreditSchema.PREVIOUS_APPLICATION, "NAME_CONTRACT_STATUS",
                    Set.of("Approved", "Canceled", "Refused", "Unused offer"));
        }
    }
}
