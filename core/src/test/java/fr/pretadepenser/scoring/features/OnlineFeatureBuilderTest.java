package fr.pretadepenser.scoring.features;

import fr.pretadepenser.scoring.data.Application;
import fr.pretadepenser.scoring.data.ClientRecords;
import fr.pretadepenser.scoring.data.History;
import fr.pretadepenser.scoring.data.ingest.Ingester;
import fr.pretadepenser.scoring.progress.Progress;
import fr.pretadepenser.scoring.schema.Column;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import fr.pretadepenser.scoring.synthetic.GeneratorSettings;
import fr.pretadepenser.scoring.synthetic.SyntheticDataGenerator;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OnlineFeatureBuilderTest {

    @TempDir
    static Path tmp;
    static Connection database;
    static OnlineFeatureBuilder builder;
    static FeatureManifest manifest;
    static DuckDbClientRecords reader;
    static List<Long> sample;

    @BeforeAll
    static void buildBatchFeatures() throws Exception {
        Path data = tmp.resolve("data");
        Path db = tmp.resolve("homecredit.duckdb");
        new SyntheticDataGenerator(new GeneratorSettings(3_000, 7)).generate(data, Progress.SILENT);
        new Ingester(HomeCreditSchema.load()).ingest(data, db, Progress.SILENT);
        database = DriverManager.getConnection("jdbc:duckdb:" + db.toAbsolutePath());
        DuckDbFeatureEngine engine = new DuckDbFeatureEngine(HomeCreditSchema.load());
        manifest = engine.build(database, engine.learnVocabularies(database), Progress.SILENT).manifest();
        builder = OnlineFeatureBuilder.over(database);
        reader = new DuckDbClientRecords(database);
        sample = new ArrayList<>();
        try (Statement s = database.createStatement();
             ResultSet r = s.executeQuery("SELECT SK_ID_CURR FROM features ORDER BY hash(SK_ID_CURR) LIMIT 200")) {
            while (r.next()) {
                sample.add(r.getLong(1));
            }
        }
    }

    @AfterAll
    static void close() throws SQLException {
        builder.close();
        database.close();
    }

    private static double[] batchRow(long clientId) throws SQLException {
        try (PreparedStatement p = database.prepareStatement("SELECT * FROM features WHERE SK_ID_CURR = ?")) {
            p.setLong(1, clientId);
            try (ResultSet r = p.executeQuery()) {
                assertTrue(r.next(), "client " + clientId + " in the batch table");
                double[] row = new double[manifest.features().size()];
                for (int i = 0; i < row.length; i++) {
                    double v = r.getDouble(i + 3);
                    row[i] = r.wasNull() ? Double.NaN : v;
                }
                return row;
            }
        }
    }

    private static void assertSameFeatures(double[] expected, double[] actual, String client) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertTrue(same(expected[i], actual[i]), client + " " + manifest.featureNames().get(i) + ": batch "
                    + expected[i] + ", online " + actual[i]);
        }
    }

    /** Equal to 1e-9 relative, NaN only with NaN. */
    private static boolean same(double e, double a) {
        return Double.isNaN(e) ? Double.isNaN(a)
                : e == a || Math.abs(e - a) <= 1e-9 * Math.max(Math.abs(e), Math.abs(a));
    }

    private int index(String feature) {
        int i = manifest.featureNames().indexOf(feature);
        assertTrue(i >= 0, feature + " is a feature");
        return i;
    }

    @Test
    void newApplicationsGiveTheBatchRowForTwoHundredClients() throws SQLException {
        for (long id : sample) {
            assertSameFeatures(batchRow(id), builder.forClient(reader.read(id)), "client " + id);
        }
    }

    @Test
    void unchangedEditedApplicationsGiveTheBatchRow() throws SQLException {
        for (long id : sample) {
            ClientRecords edited = ClientRecords.edited(reader.read(id).application());
            assertSameFeatures(batchRow(id), builder.forClient(edited), "client " + id);
        }
    }

    @Test
    void storedFeaturesAreTheBatchRowAndUnknownClientsHaveNone() throws SQLException {
        for (long client : sample.subList(0, 50)) {
            assertSameFeatures(batchRow(client), builder.storedFeatures(client).orElseThrow(), "client " + client);
        }
        assertTrue(builder.storedFeatures(-5).isEmpty());
    }

    @Test
    void evaluatesTheShippedApplicationFileInJava() {
        // A change to application.sql that the Java evaluation refuses would make every edited application a
        // DuckDB query again: this test makes that a decision, not an accident.
        assertTrue(builder.applicationFileInJava());
    }

    @Test
    void evaluatesTheShippedHistoryFilesInJava() {
        // The same for the side tables' files: a new application with history would cost a DuckDB run of every
        // file again (30 ms instead of 0.2).
        assertTrue(builder.historyFilesInJava());
    }

    @Test
    void anEditedApplicationLeavesItsClientsStoredRowAsTheBatchMadeIt() throws SQLException {
        // The stored rows are kept in memory once read: what a caller gets, or an edit writes, must not reach them.
        long id = sample.get(3);
        double[] batch = batchRow(id);
        assertTrue(builder.isStored(id));
        double[] first = builder.storedFeatures(id).orElseThrow();
        assertSameFeatures(batch, first, "client " + id + " before");
        Arrays.fill(first, 12345);
        Application application = reader.read(id).application();
        double income = ((Number) application.get("AMT_INCOME_TOTAL")).doubleValue() * 3;
        double[] edited = builder.forClient(ClientRecords.edited(application.with("AMT_INCOME_TOTAL", income)));
        assertEquals(income, edited[index("AMT_INCOME_TOTAL")]);
        assertSameFeatures(batch, builder.storedFeatures(id).orElseThrow(), "client " + id + " after");
        assertFalse(builder.isStored(-5));
    }

    @Test
    void anEditedIncomeChangesTheIncomeRatiosAndKeepsTheSideFeatures() throws SQLException {
        long id = sample.get(0);
        Application application = reader.read(id).application();
        double income = ((Number) application.get("AMT_INCOME_TOTAL")).doubleValue() * 2;
        double credit = ((Number) application.get("AMT_CREDIT")).doubleValue();
        double[] batch = batchRow(id);

        double[] edited = builder.forClient(ClientRecords.edited(application.with("AMT_INCOME_TOTAL", income)));

        assertEquals(income, edited[index("AMT_INCOME_TOTAL")]);
        assertEquals(income / credit, edited[index("INCOME_CREDIT_PERC")]);
        assertEquals(batch[index("INCOME_CREDIT_PERC")] * 2, edited[index("INCOME_CREDIT_PERC")], 1e-12);
        assertEquals(batch[index("ANNUITY_INCOME_PERC")] / 2, edited[index("ANNUITY_INCOME_PERC")], 1e-12);
        for (int i = 0; i < batch.length; i++) {
            if (!manifest.features().get(i).table().equals(FeatureFiles.APPLICATION)) {
                assertEquals(batch[i], edited[i], manifest.featureNames().get(i));
            }
        }
    }

    @Test
    void anUnseenCategoryGivesZerosInThatColumnsOneHotFeatures() throws SQLException {
        ClientRecords client = reader.read(sample.get(1));
        Application unseen = client.application().with("NAME_INCOME_TYPE", "Astronaut");

        for (ClientRecords records : List.of(ClientRecords.edited(unseen),
                ClientRecords.withHistory(unseen, client.history().orElseThrow()))) {
            double[] features = builder.forClient(records);
            int columns = 0;
            for (int i = 0; i < features.length; i++) {
                Feature f = manifest.features().get(i);
                if (f.table().equals(FeatureFiles.APPLICATION) && f.variable().equals("NAME_INCOME_TYPE")) {
                    assertEquals(0.0, features[i], f.name());
                    columns++;
                }
            }
            assertTrue(columns > 2, "NAME_INCOME_TYPE has one-hot features");
        }
    }

    @Test
    void aClientWithoutHistoryHasMissingSideFeaturesCountsIncluded() throws SQLException {
        Application application = reader.read(sample.get(2)).application();

        double[] features = builder.forClient(ClientRecords.withHistory(application, History.NONE));

        for (int i = 0; i < features.length; i++) {
            if (!manifest.features().get(i).table().equals(FeatureFiles.APPLICATION)) {
                assertTrue(Double.isNaN(features[i]), manifest.featureNames().get(i) + " is missing");
            }
        }
        assertTrue(Double.isNaN(features[index("INSTAL_COUNT")]));
        assertTrue(Double.isNaN(features[index("CC_COUNT")]));
        assertFalse(Double.isNaN(features[index("AMT_CREDIT")]));
    }

    @Test
    void aHistoryWhoseIntegersOverflowInJavaIsComputedByDuckDb() {
        // Two credits 2^62 days old: their sum overflows the Java evaluation's 64 bits, not DuckDB's 128-bit sums,
        // so the builder must hand the client to the scratch database rather than fail or give a wrong mean.
        ClientRecords client = ClientRecords.withHistory(builder.storedApplication(sample.get(5)).orElseThrow(),
                new History(List.of(credit(1L, 1L << 62), credit(2L, 1L << 62), credit(3L, -10L)), List.of(),
                        List.of(), List.of(), List.of(), List.of()));
        double[] features = builder.forClient(client);
        assertEquals(((double) (1L << 62) * 2 - 10) / 3, features[index("BURO_DAYS_CREDIT_MEAN")],
                1e-12 * (1L << 62));
        assertEquals(1.0, features[index("BURO_CREDIT_ACTIVE_Closed_MEAN")]);
    }

    private static Map<String, Object> credit(long id, long daysCredit) {
        return Map.of("SK_ID_BUREAU", id, "CREDIT_ACTIVE", "Closed", "DAYS_CREDIT", daysCredit);
    }

    @Test
    void refusesTextInANumberColumnNamingTheFieldAndTheType() throws SQLException {
        Application application = reader.read(sample.get(3)).application().with("AMT_INCOME_TOTAL", "lots");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> builder.forClient(ClientRecords.edited(application)));
        assertEquals("application.AMT_INCOME_TOTAL: expected a number (DOUBLE), got text \"lots\"", e.getMessage());
    }

    @Test
    void refusesANumberInATextColumnOfTheHistory() throws SQLException {
        ClientRecords client = reader.read(sample.get(4));
        History history = new History(List.of(Map.of("SK_ID_BUREAU", 1L, "CREDIT_ACTIVE", 3)), List.of(), List.of(),
                List.of(), List.of(), List.of());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> builder.forClient(ClientRecords.withHistory(client.application(), history)));
        assertEquals("bureau[0].CREDIT_ACTIVE: expected text (VARCHAR), got Integer 3", e.getMessage());
        // The session that refused the rows still gives the right features afterwards.
        assertSameFeatures(batchRow(sample.get(4)), builder.forClient(client), "client " + sample.get(4));
    }

    @Test
    void refusesAnEditedApplicationOfAClientWithoutStoredFeatures() {
        Application unknown = new Application(Map.of("SK_ID_CURR", 1L));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> builder.forClient(ClientRecords.edited(unknown)));
        assertEquals("application.SK_ID_CURR: no stored features for client 1; send its history to compute them",
                e.getMessage());
    }

    @Test
    void applicationsRunTogetherEachGetTheirOwnBatchRowEvenWithTheSameIds() throws SQLException {
        HomeCreditSchema schema = HomeCreditSchema.load();
        java.util.Map<String, fr.pretadepenser.scoring.schema.Table> relations = OnlineSql.sourceRelations(schema);
        long twice = sample.get(5);
        long other = sample.get(6);
        ClientRecords repeated = reader.read(twice);
        Application bare = reader.read(sample.get(7)).application();
        List<ScratchDatabase.Rows> batch = List.of(
                ScratchDatabase.typed(relations, repeated.application(), repeated.history().orElseThrow()),
                ScratchDatabase.typed(relations, bare, History.NONE),
                ScratchDatabase.typed(relations, repeated.application(), repeated.history().orElseThrow()),
                ScratchDatabase.typed(relations, reader.read(other).application(),
                        reader.read(other).history().orElseThrow()));
        try (ScratchDatabase scratch = new ScratchDatabase(schema)) {
            scratch.prepare(OnlineSql.expand(scratch.connection(), schema, manifest));

            List<double[]> features = scratch.features(batch, manifest.features().size());

            assertEquals(4, features.size());
            assertSameFeatures(batchRow(twice), features.get(0), "client " + twice + " first");
            assertSameFeatures(builder.forClient(ClientRecords.withHistory(bare, History.NONE)), features.get(1),
                    "an application without history");
            assertSameFeatures(batchRow(twice), features.get(2), "client " + twice + " again");
            assertSameFeatures(batchRow(other), features.get(3), "client " + other);
            // The tables were emptied: the next batch sees only its own rows.
            assertSameFeatures(batchRow(other), scratch.features(batch.subList(3, 4), manifest.features().size())
                    .get(0), "client " + other + " alone");
        }
    }

    @Test
    void editedApplicationsRunTogetherEachGetTheirOwnFeaturesEvenForTheSameClient() throws SQLException {
        HomeCreditSchema schema = HomeCreditSchema.load();
        List<Column> columns = OnlineSql.applicationColumns(schema);
        Set<String> names = Set.copyOf(schema.table(HomeCreditSchema.APPLICATION_TRAIN).header());
        long id = sample.get(8);
        long other = sample.get(9);
        Application stored = reader.read(id).application();
        double income = ((Number) stored.get("AMT_INCOME_TOTAL")).doubleValue() * 2;
        List<StoredFeatures.TypedApplication> batch = List.of(
                StoredFeatures.typed(columns, names, stored),
                StoredFeatures.typed(columns, names, stored.with("AMT_INCOME_TOTAL", income)),
                StoredFeatures.typed(columns, names, reader.read(other).application()),
                StoredFeatures.typed(columns, names, stored));
        OnlineSql sql;
        try (ScratchDatabase scratch = new ScratchDatabase(schema)) {
            sql = OnlineSql.expand(scratch.connection(), schema, manifest);
        }
        int[] positions = sql.files().get(0).positions();
        try (StoredFeatures session = new StoredFeatures(database.unwrap(DuckDBConnection.class).duplicate(), sql,
                manifest.featureNames(), manifest.featureNames())) {
            List<double[]> together = session.applicationFeatures(batch);

            assertEquals(4, together.size());
            for (int i = 0; i < batch.size(); i++) {
                assertSameFeatures(session.applicationFeatures(List.of(batch.get(i))).get(0), together.get(i),
                        "application " + i + " of the batch, against itself alone");
            }
            double[] batchRow = batchRow(id);
            double[] otherRow = batchRow(other);
            for (int i = 0; i < positions.length; i++) {
                String feature = manifest.featureNames().get(positions[i]);
                assertTrue(same(batchRow[positions[i]], together.get(0)[i]), "client " + id + " " + feature);
                assertTrue(same(batchRow[positions[i]], together.get(3)[i]), "client " + id + " again " + feature);
                assertTrue(same(otherRow[positions[i]], together.get(2)[i]), "client " + other + " " + feature);
            }
            int ratio = java.util.Arrays.stream(positions).boxed().toList().indexOf(index("INCOME_CREDIT_PERC"));
            assertEquals(together.get(0)[ratio] * 2, together.get(1)[ratio], 1e-12, "the edited income");
        }
    }

    @Test
    void severalApplicationsAtOnceGetWhatEachGetsAlone() throws SQLException {
        List<ClientRecords> mixed = new ArrayList<>();
        // 20 of each kind: more than one run of each.
        for (long id : sample.subList(10, 30)) {
            ClientRecords client = reader.read(id);
            Application application = client.application();
            Object income = application.get("AMT_INCOME_TOTAL");
            mixed.add(client);
            mixed.add(ClientRecords.edited(income instanceof Number n
                    ? application.with("AMT_INCOME_TOTAL", n.doubleValue() * 3) : application));
        }
        mixed.add(ClientRecords.edited(reader.read(sample.get(10)).application()));

        List<double[]> together = builder.forClients(mixed);

        assertEquals(mixed.size(), together.size());
        for (int i = 0; i < mixed.size(); i++) {
            assertSameFeatures(builder.forClient(mixed.get(i)), together.get(i), "application " + i);
        }
        assertSameFeatures(batchRow(sample.get(10)), together.get(together.size() - 1), "client " + sample.get(10));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> builder.forClients(List.of(
                mixed.get(0), ClientRecords.edited(new Application(Map.of("SK_ID_CURR", 1L))))));
        assertEquals("application.SK_ID_CURR: no stored features for client 1; send its history to compute them",
                e.getMessage());
    }

    @Test
    void concurrentCallersGetTheBatchRows() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> calls = new ArrayList<>();
            // Each client twice, so that some batches hold the same ids twice.
            for (long id : java.util.stream.Stream.concat(sample.subList(0, 24).stream(),
                    sample.subList(0, 24).stream()).toList()) {
                ClientRecords client = reader.read(id);
                double[] batch = batchRow(id);
                calls.add(pool.submit(() -> {
                    assertSameFeatures(batch, builder.forClient(client), "client " + id);
                    assertSameFeatures(batch, builder.forClient(ClientRecords.edited(client.application())),
                            "client " + id);
                    return null;
                }));
            }
            for (Future<?> call : calls) {
                call.get();
            }
        } finally {
            pool.shutdown();
        }
    }
}
