package fr.pretadepenser.scoring.features;

import fr.pretadepenser.scoring.data.ingest.Ingester;
import fr.pretadepenser.scoring.progress.Progress;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import fr.pretadepenser.scoring.synthetic.GeneratorSettings;
import fr.pretadepenser.scoring.synthetic.SyntheticDataGenerator;
import fr.pretadepenser.scoring.testing.BuiltFeatures;
import fr.pretadepenser.scoring.testing.RenumberedCopy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DuckDbFeatureEngineTest {

    @Test
    @DisplayName("joins on as many threads as it has row groups, at most every thread and at least one")
    void joinThreadsFollowTheRowGroups() {
        assertEquals(1, DuckDbFeatureEngine.joinThreads(0, 2));
        assertEquals(1, DuckDbFeatureEngine.joinThreads(30_000, 2));
        assertEquals(1, DuckDbFeatureEngine.joinThreads(245_759, 2));
        assertEquals(2, DuckDbFeatureEngine.joinThreads(245_760, 2));
        assertEquals(2, DuckDbFeatureEngine.joinThreads(356_255, 2));
        assertEquals(2, DuckDbFeatureEngine.joinThreads(356_255, 8));
        assertEquals(1, DuckDbFeatureEngine.joinThreads(356_255, 1));
    }

    @Test
    @DisplayName("leaves the caller's connection with its own threads and row order")
    void restoresTheConnectionsSettings(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("data");
        new SyntheticDataGenerator(new GeneratorSettings(200, 3)).generate(data, Progress.SILENT);
        HomeCreditSchema schema = HomeCreditSchema.load();
        Path db = tmp.resolve("homecredit.duckdb");
        new Ingester(schema).ingest(data, db, Progress.SILENT);
        DuckDbFeatureEngine engine = new DuckDbFeatureEngine(schema);
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + db);
             Statement statement = connection.createStatement()) {
            statement.execute("SET threads = 2");
            statement.execute("SET preserve_insertion_order = true");
            engine.build(connection, engine.learnVocabularies(connection), Progress.SILENT);
            try (ResultSet r = statement.executeQuery("SELECT current_setting('threads'),"
                    + " current_setting('preserve_insertion_order')")) {
                r.next();
                assertEquals(2, r.getInt(1));
                assertTrue(r.getBoolean(2), "the build turned insertion order off for its own writes only");
            }
        }
    }

    /**
     * The renumbering test: no id, and no row number, leaks into a feature. A synthetic data set and a copy
     * of it with every SK_ID_CURR, SK_ID_BUREAU and SK_ID_PREV renumbered by a shuffled bijection and every file's
     * rows shuffled are built with the same vocabularies; each client must get the same features under both.
     *
     * <p>Shuffling rows changes the order in which a client's rows are added up, and floating-point addition is not
     * associative: a SUM, MEAN or VAR of non-integer values can differ in its last bits (seen: 5e-15 relative for
     * sums and means, 3e-12 for variances, which cancel). Those three aggregates and the ratios of sums (the
     * *_DEBT_RATIO features) are compared to a relative 1e-9,
     * far below any real leak; everything else (values, codes, one-hot flags, MIN, MAX, SIZE, NUNIQUE, counts,
     * ratios) and whether a value is missing must be exactly equal.
     */
    @Nested
    @DisplayName("when every id is renumbered and every file shuffled")
    class Renumbering {

        private static final double ROUNDING = 1e-9;

        static BuiltFeatures original;
        static BuiltFeatures renumbered;
        static RenumberedCopy copy;

        @BeforeAll
        static void build(@TempDir Path tmp) throws Exception {
            Path data = tmp.resolve("original");
            new SyntheticDataGenerator(new GeneratorSettings(1500, 7)).generate(data, Progress.SILENT);
            copy = RenumberedCopy.write(data, tmp.resolve("renumbered"), 11);
            original = BuiltFeatures.of(data, tmp.resolve("work-original"));
            renumbered = BuiltFeatures.of(tmp.resolve("renumbered"), tmp.resolve("work-renumbered"),
                    original.vocabularies());
        }

        @Test
        void theBijectionChangesTheOrderOfEveryKey() {
            for (String key : List.of("SK_ID_CURR", "SK_ID_BUREAU", "SK_ID_PREV")) {
                RenumberedCopy.Reordering reordering = copy.reordering(key);
                assertTrue(reordering.ids() > 1000, key + " ids renumbered: " + reordering.ids());
                assertTrue(reordering.rankKept() < reordering.ids() / 100,
                        key + " ids keeping their rank: " + reordering.rankKept());
            }
        }

        @Test
        void givesTheSameFeatureNamesInTheSameOrder() {
            assertEquals(original.manifest(), renumbered.manifest());
        }

        @Test
        void givesEveryClientTheSameValueOfEveryFeature() {
            assertEquals(original.clients().size(), renumbered.clients().size());
            List<String> differences = new ArrayList<>();
            for (long client : original.clients()) {
                Map<String, Double> before = original.row(client);
                Map<String, Double> after = renumbered.row(copy.renumbered("SK_ID_CURR", client));
                for (String column : original.columns()) {
                    if (!column.equals("SK_ID_CURR") && !same(column, before.get(column), after.get(column))) {
                        differences.add(client + " " + column + ": " + before.get(column) + " vs " + after.get(column));
                    }
                }
            }
            assertEquals(List.of(), differences.subList(0, Math.min(20, differences.size())),
                    differences.size() + " differences");
        }

        private static boolean same(String column, Double before, Double after) {
            if (Objects.equals(before, after)) {
                return true;
            }
            // The two debt ratios divide sums of amounts.
            boolean addsUp = column.endsWith("_SUM") || column.endsWith("_MEAN") || column.endsWith("_VAR")
                    || column.endsWith("_DEBT_RATIO");
            return addsUp && before != null && after != null
                    && Math.abs(before - after) <= ROUNDING * Math.max(Math.abs(before), Math.abs(after));
        }
    }
}
