package fr.pretadepenser.scoring.features;

import fr.pretadepenser.scoring.data.RawValues;
import fr.pretadepenser.scoring.data.ingest.Ingester;
import fr.pretadepenser.scoring.progress.Progress;
import fr.pretadepenser.scoring.schema.Column;
import fr.pretadepenser.scoring.schema.ColumnType;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import fr.pretadepenser.scoring.schema.KeyRole;
import fr.pretadepenser.scoring.schema.Table;
import fr.pretadepenser.scoring.synthetic.GeneratorSettings;
import fr.pretadepenser.scoring.synthetic.SyntheticDataGenerator;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HistoryQueryTest {

    @TempDir
    static Path tmp;
    static Connection database;
    static HomeCreditSchema schema;
    static FeatureManifest manifest;

    @BeforeAll
    static void buildBatchFeatures() throws Exception {
        Path data = tmp.resolve("data");
        Path db = tmp.resolve("homecredit.duckdb");
        new SyntheticDataGenerator(new GeneratorSettings(2_000, 13)).generate(data, Progress.SILENT);
        schema = HomeCreditSchema.load();
        new Ingester(schema).ingest(data, db, Progress.SILENT);
        database = DriverManager.getConnection("jdbc:duckdb:" + db.toAbsolutePath());
        DuckDbFeatureEngine engine = new DuckDbFeatureEngine(schema);
        manifest = engine.build(database, engine.learnVocabularies(database), Progress.SILENT).manifest();
    }

    @AfterAll
    static void close() throws SQLException {
        database.close();
    }

    /**
     * DuckDB's order of a client's rows after a join moves with hash collisions between the keys of the clients run
     * together, so its double sums move by a unit in the last place with the batch: bit for bit client by client
     * (as the API now computes them), and to 1e-12 in batches of the sizes the API used.
     */
    @Test
    void givesTheScratchDatabasesHistoryFeaturesForEveryClient() throws Exception {
        Map<Long, ScratchDatabase.Rows> clients = everyClientsRows();
        try (ScratchDatabase scratch = new ScratchDatabase(schema)) {
            OnlineSql sql = OnlineSql.expand(scratch.connection(), schema, manifest);
            scratch.prepare(sql);
            for (int f = 1; f < sql.files().size(); f++) {
                assertTrue(sql.files().get(f).inJava() != null, FeatureFiles.TABLES.get(f).table() + " in Java");
            }
            List<ScratchDatabase.Rows> all = List.copyOf(clients.values());
            List<Long> ids = List.copyOf(clients.keySet());
            int count = manifest.features().size();
            int compared = 0;
            int present = 0;
            for (int from = 0; from < all.size(); from += batchSize(from)) {
                int size = batchSize(from);
                List<ScratchDatabase.Rows> batch = all.subList(from, Math.min(all.size(), from + size));
                List<double[]> duckdb = scratch.features(batch, count);
                for (int i = 0; i < batch.size(); i++) {
                    for (int f = 1; f < sql.files().size(); f++) {
                        OnlineSql.FileQuery file = sql.files().get(f);
                        List<double[]> java = file.inJava().apply(batch.get(i).byRelation());
                        assertTrue(java.size() <= 1, "one row a client at most");
                        int[] at = file.positions();
                        for (int j = 0; j < at.length; j++) {
                            double expected = duckdb.get(i)[at[j]];
                            double actual = java.isEmpty() ? Double.NaN : java.get(0)[j];
                            String where = "client " + ids.get(from + i) + " " + manifest.featureNames().get(at[j]);
                            if (size == 1) {
                                assertSameBits(expected, actual, where);
                            } else {
                                assertTrue(Double.isNaN(expected) ? Double.isNaN(actual) : Math.abs(expected - actual)
                                        <= 1e-12 * Math.abs(expected), where + ": DuckDB " + expected + ", Java "
                                        + actual);
                            }
                            compared++;
                            present += Double.isNaN(expected) ? 0 : 1;
                        }
                    }
                }
            }
            // Every client of the 2,000, each of the five side files' features, most of them present.
            assertTrue(all.size() > 2_000, all.size() + " clients");
            assertTrue(present > compared / 2, present + " of " + compared + " present");
        }
    }

    @Test
    void evaluatesEachAggregateJoinAndWindowAsDuckDbDoes() throws Exception {
        List<Column> facts = List.of(column("K", ColumnType.INTEGER), column("L", ColumnType.INTEGER),
                column("I", ColumnType.INTEGER), column("D", ColumnType.DECIMAL), column("E", ColumnType.DECIMAL),
                textColumn("T"));
        List<Column> links = List.of(column("L", ColumnType.INTEGER), column("W", ColumnType.DECIMAL));
        String sql = """
                WITH linked AS (
                    SELECT f.*, w.W, D / E AS R, CASE WHEN T = 'a' THEN 1 ELSE 0 END AS A,
                           I * 10000000.0 + f.L AS ORD
                    FROM facts f
                    LEFT JOIN (SELECT L, AVG(W) AS W FROM links GROUP BY L) w ON w.L = f.L
                ),
                ranked AS (
                    SELECT K, D, I, ROW_NUMBER() OVER (PARTITION BY K ORDER BY D DESC, I, L DESC) AS N
                    FROM linked
                ),
                firsts AS (
                    SELECT K, SUM(D) AS FIRST3_SUM, COUNT(*) AS FIRST3_COUNT FROM ranked WHERE N <= 3 GROUP BY K
                ),
                groups AS (
                    SELECT K,
                           MIN(D) AS D_MIN, MAX(D) AS D_MAX, MIN(I) AS I_MIN, MAX(R) AS R_MAX, MIN(T) AS T_MIN_TEXT,
                           SUM(D) AS D_SUM, SUM(I) AS I_SUM, COALESCE(SUM(I), 0) AS I_SUM0,
                           AVG(D) AS D_AVG, AVG(I) AS I_AVG, AVG(A) AS A_AVG, AVG(R) AS R_AVG, AVG(W) AS W_AVG,
                           VAR_SAMP(D) AS D_VAR, VAR_SAMP(I) AS I_VAR,
                           COUNT(*) AS ROWS_COUNT, COUNT(D) AS D_COUNT, COUNT(DISTINCT D) AS D_DISTINCT,
                           COUNT(DISTINCT T) AS T_DISTINCT,
                           max_by(CAST(A AS DOUBLE), ORD) AS A_LAST, max_by(D, I) AS D_AT_I_MAX,
                           SUM(D) / NULLIF(SUM(E), 0) AS D_OVER_E,
                           CAST(COUNT(*) * SUM(I * L) - SUM(I) * SUM(L) AS DOUBLE) AS I_L_COVARIANCE
                    FROM linked
                    GROUP BY K
                )
                SELECT g.*, x.FIRST3_SUM, x.FIRST3_COUNT,
                       CAST(g.D_SUM AS BIGINT) AS D_SUM_ROUNDED
                FROM groups g
                LEFT JOIN firsts x ON x.K = g.K
                """;
        List<String> outputs = List.of("K", "D_MIN", "D_MAX", "I_MIN", "R_MAX", "D_SUM", "I_SUM", "I_SUM0", "D_AVG",
                "I_AVG", "A_AVG", "R_AVG", "W_AVG", "D_VAR", "I_VAR", "ROWS_COUNT", "D_COUNT",
                "D_DISTINCT", "T_DISTINCT", "A_LAST", "D_AT_I_MAX", "D_OVER_E", "I_L_COVARIANCE", "FIRST3_SUM",
                "FIRST3_COUNT", "D_SUM_ROUNDED");
        Object[] integers = {null, 0L, 1L, -1L, 7L, -365243L, 1L << 30};
        Object[] doubles = {null, 0.0, -0.0, 0.1, -2.5, 2.5, 1e-300, 1e15, 3.0, 0.49999999999999994};
        Object[] texts = {null, "a", "b", "A"};
        List<Object[]> factRows = new ArrayList<>();
        // Groups of one to a few dozen rows, with NULLs, ties, zero divisors (NaN and infinities in R), -0.0.
        long k = 0;
        int n = 0;
        for (int size = 1; size <= 40; size += 3) {
            for (int repeat = 0; repeat < 3; repeat++) {
                for (int r = 0; r < size; r++, n++) {
                    factRows.add(new Object[] {k, (long) (n % 9), integers[(n * 3 + repeat) % integers.length],
                            doubles[(n * 7 + r) % doubles.length], doubles[(n * 5 + repeat) % doubles.length],
                            texts[(n + r) % texts.length]});
                }
                k++;
            }
        }
        // A group of 2,051 integers averaging 115 / 2,051: x87's extended division, then the double's, differs
        // from one double division there.
        for (int r = 0; r < 2_051; r++) {
            factRows.add(new Object[] {k, 0L, r < 115 ? 1L : 0L, 1.0, 1.0, "a"});
        }
        assertNotEquals(115.0 / 2_051, Aggregates.extendedQuotient(115, 2_051));
        List<Object[]> linkRows = new ArrayList<>();
        for (long l = 0; l < 7; l++) {
            for (int r = 0; r <= l % 3; r++) {
                linkRows.add(new Object[] {l, l == 4 ? null : 0.1 * (l + r)});
            }
        }
        linkRows.add(new Object[] {null, 1.0});
        Map<String, List<Column>> tables = new LinkedHashMap<>();
        tables.put("facts", facts);
        tables.put("links", links);
        Map<String, List<Object[]>> rows = Map.of("facts", factRows, "links", linkRows);
        HistoryQuery query = HistoryQuery.compileOrThrow(sql, tables, outputs);
        List<double[]> java = query.apply(rows);
        Map<Long, double[]> duckdb = inDuckDb(sql, tables, rows, outputs);
        assertEquals(duckdb.size(), java.size());
        assertEquals(k + 1, java.size());
        for (double[] group : java) {
            double[] expected = duckdb.get((long) group[0]);
            for (int j = 0; j < outputs.size(); j++) {
                assertSameBits(expected[j], group[j], "group " + (long) group[0] + " " + outputs.get(j));
            }
        }
    }

    @Test
    void refusesWhatItDoesNotEvaluateExactlyAsDuckDb() {
        Map<String, List<Column>> tables = Map.of("t", List.of(column("K", ColumnType.INTEGER),
                column("I", ColumnType.INTEGER), column("D", ColumnType.DECIMAL), textColumn("T")));
        for (String sql : List.of(
                "SELECT K, STDDEV_SAMP(D) AS X FROM t GROUP BY K",              // an aggregate not in the list
                "SELECT K, SUM(DISTINCT D) AS X FROM t GROUP BY K",             // DISTINCT but in COUNT
                "SELECT K, SUM(D) AS X FROM t GROUP BY K HAVING SUM(D) > 0",    // HAVING
                "SELECT K + 1 AS K, SUM(D) AS X FROM t GROUP BY K + 1",         // grouping by an expression
                "SELECT K, SUM(D * 0.5) AS X FROM t GROUP BY K",                // a decimal times a double
                "SELECT K, I AS X FROM t GROUP BY K",                           // a column neither grouped nor summed
                "SELECT SUM(D) AS X FROM t",                                    // an aggregate without GROUP BY
                "SELECT a.K, a.D AS X FROM t a RIGHT JOIN t b ON a.K = b.K",    // another join
                "SELECT a.K, a.D AS X FROM t a LEFT JOIN t b ON a.D = b.D",     // a join on doubles
                "SELECT a.K, a.D AS X FROM t a LEFT JOIN t b ON a.K < b.K",     // a join on an inequality
                "SELECT K, D AS X FROM t a LEFT JOIN t b ON a.K = b.K",         // an ambiguous column
                "SELECT K, RANK() OVER (PARTITION BY K ORDER BY D) AS X FROM t", // a window other than ROW_NUMBER
                "SELECT K, D AS X FROM t ORDER BY D",                           // an order
                "SELECT K, D AS X FROM t LIMIT 3",                              // a limit
                "SELECT K, T AS X FROM t",                                      // a text output
                "SELECT K, D AS Y FROM t")) {                                   // the output asked for is not made
            assertTrue(HistoryQuery.compile(sql, tables, List.of("X")).isEmpty(), sql);
        }
        assertTrue(HistoryQuery.compile("SELECT K, SUM(D) AS X FROM t GROUP BY K", tables, List.of("X"))
                .isPresent());
    }

    @Test
    void anIntegerOverflowThrowsAsDuckDbFails() throws Exception {
        Map<String, List<Column>> tables = Map.of("t", List.of(column("K", ColumnType.INTEGER),
                column("I", ColumnType.INTEGER)));
        HistoryQuery sum = HistoryQuery.compileOrThrow("SELECT K, SUM(I) AS X FROM t GROUP BY K", tables,
                List.of("X"));
        assertEquals(List.of(3.0), sum.apply(Map.of("t", List.of(new Object[] {1L, 1L}, new Object[] {1L, 2L})))
                .stream().map(v -> v[0]).toList());
        // Past 2^53 the double DuckDB makes of its 128-bit sum is not copied: DuckDB computes such a client.
        assertThrows(ArithmeticException.class, () -> sum.apply(Map.of("t", List.of(new Object[] {1L, 1L << 53},
                new Object[] {1L, 1L}))));
        HistoryQuery cast = HistoryQuery.compileOrThrow("SELECT K, CAST(CAST(I AS DOUBLE) * 1e300 AS BIGINT) AS X"
                + " FROM t", tables, List.of("X"));
        assertThrows(ArithmeticException.class, () -> cast.apply(Map.of("t", List.<Object[]>of(
                new Object[] {1L, 5L}))));
        HistoryQuery variance = HistoryQuery.compileOrThrow("SELECT K, VAR_SAMP(CAST(I AS DOUBLE) * 1e300) AS X"
                + " FROM t GROUP BY K", tables, List.of("X"));
        assertThrows(ArithmeticException.class, () -> variance.apply(Map.of("t", List.of(new Object[] {1L, 5L},
                new Object[] {1L, -5L}))));
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
             Statement s = c.createStatement()) {
            assertThrows(SQLException.class, () -> s.executeQuery("SELECT CAST(5e300 AS BIGINT)").next());
            assertThrows(SQLException.class, () -> s.executeQuery("SELECT VAR_SAMP(x * 1e300) FROM (VALUES (5.0),"
                    + " (-5.0)) v(x)").next());
        }
    }

    /** The first 400 clients one at a time, the others by DuckDB's batch. */
    private static int batchSize(int from) {
        return from < 400 ? 1 : FeatureBatches.MOST;
    }

    /** Every client's typed application and rows in each side table, as the scoring API receives them. */
    private static Map<Long, ScratchDatabase.Rows> everyClientsRows() throws SQLException {
        Map<String, Table> relations = OnlineSql.sourceRelations(schema);
        Map<Long, Map<String, List<Object[]>>> byClient = new TreeMap<>();
        Map<Long, Long> clientOfCredit = new HashMap<>();
        read(FeatureFiles.APPLICATION, relations.get(FeatureFiles.APPLICATION), "SELECT * FROM application_train"
                + " UNION ALL BY NAME SELECT * FROM application_test", byClient, clientOfCredit);
        for (Map.Entry<String, Table> relation : relations.entrySet()) {
            String name = relation.getKey();
            if (name.equals(FeatureFiles.APPLICATION) || name.equals("bureau_balance")) {
                continue;
            }
            read(name, relation.getValue(), "SELECT * FROM " + Dialect.DUCKDB.identifier(name)
                    + " ORDER BY SK_ID_CURR, rowid", byClient, clientOfCredit);
        }
        read("bureau_balance", relations.get("bureau_balance"), "SELECT * FROM bureau_balance ORDER BY rowid",
                byClient, clientOfCredit);
        Map<Long, ScratchDatabase.Rows> rows = new LinkedHashMap<>();
        byClient.forEach((id, tables) -> rows.put(id, new ScratchDatabase.Rows(tables)));
        return rows;
    }

    private static void read(String name, Table table, String sql, Map<Long, Map<String, List<Object[]>>> byClient,
                             Map<Long, Long> clientOfCredit) throws SQLException {
        try (Statement s = database.createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                Object[] row = new Object[table.columns().size()];
                for (int i = 0; i < row.length; i++) {
                    row[i] = RawValues.typed(table.columns().get(i), r.getObject(table.columns().get(i).name()),
                            name);
                }
                Long client = name.equals("bureau_balance") ? clientOfCredit.get((Long) row[key(table, "SK_ID_BUREAU")])
                        : (Long) row[key(table, "SK_ID_CURR")];
                if (name.equals("bureau")) {
                    clientOfCredit.put((Long) row[key(table, "SK_ID_BUREAU")], client);
                }
                if (client != null) {
                    byClient.computeIfAbsent(client, c -> new LinkedHashMap<>())
                            .computeIfAbsent(name, t -> new ArrayList<>()).add(row);
                }
            }
        }
    }

    private static int key(Table table, String name) {
        return table.header().indexOf(name);
    }

    /**
     * Runs {@code sql} in a scratch-like DuckDB (one thread, the optimizations the scoring API turns off) over the
     * rows; the outputs by the first output, the group key.
     */
    private static Map<Long, double[]> inDuckDb(String sql, Map<String, List<Column>> tables,
                                                Map<String, List<Object[]>> rows, List<String> outputs)
            throws SQLException {
        Properties settings = new Properties();
        settings.setProperty("threads", "1");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:", settings);
             Statement s = c.createStatement()) {
            s.execute("SET disabled_optimizers = 'statistics_propagation,compressed_materialization'");
            s.execute("SET perfect_ht_threshold = 0");
            for (Map.Entry<String, List<Column>> table : tables.entrySet()) {
                s.execute("CREATE TABLE " + table.getKey() + " (" + table.getValue().stream()
                        .map(col -> col.name() + " " + col.type().sqlType()).collect(Collectors.joining(", ")) + ")");
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + table.getKey() + " VALUES ("
                        + table.getValue().stream().map(col -> "?").collect(Collectors.joining(", ")) + ")")) {
                    for (Object[] row : rows.get(table.getKey())) {
                        for (int i = 0; i < row.length; i++) {
                            insert.setObject(i + 1, row[i]);
                        }
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
            }
            Map<Long, double[]> result = new HashMap<>();
            String select = outputs.stream().map(n -> "CAST(q." + n + " AS DOUBLE)").collect(Collectors.joining(", "));
            try (ResultSet r = s.executeQuery("SELECT " + select + " FROM (\n" + sql + "\n) q")) {
                while (r.next()) {
                    double[] values = new double[outputs.size()];
                    for (int j = 0; j < values.length; j++) {
                        double v = r.getDouble(j + 1);
                        values[j] = r.wasNull() ? Double.NaN : v;
                    }
                    result.put((long) values[0], values);
                }
            }
            return result;
        }
    }

    /** The same bits, NaN (missing) only with NaN. */
    private static void assertSameBits(double expected, double actual, String where) {
        boolean same = Double.isNaN(expected) ? Double.isNaN(actual)
                : Double.doubleToRawLongBits(expected) == Double.doubleToRawLongBits(actual);
        assertTrue(same, where + ": DuckDB " + expected + ", Java " + actual);
    }

    private static Column column(String name, ColumnType type) {
        return new Column(name, type, true, KeyRole.ATTRIBUTE, null, "", "", List.of());
    }

    private static Column textColumn(String name) {
        return new Column(name, ColumnType.TEXT, true, KeyRole.ATTRIBUTE, null, "", "", List.of("a", "b"));
    }
}
