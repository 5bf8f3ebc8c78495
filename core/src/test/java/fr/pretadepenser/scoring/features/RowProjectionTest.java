package fr.pretadepenser.scoring.features;

import fr.pretadepenser.scoring.data.RawValues;
import fr.pretadepenser.scoring.data.ingest.Ingester;
import fr.pretadepenser.scoring.progress.Progress;
import fr.pretadepenser.scoring.schema.Column;
import fr.pretadepenser.scoring.schema.ColumnType;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import fr.pretadepenser.scoring.schema.KeyRole;
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
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RowProjectionTest {

    @TempDir
    static Path tmp;
    static Connection database;
    static FeatureManifest manifest;
    /** The application file expanded with the database's vocabularies. */
    static String applicationSql;
    /** The application file's features in the manifest, in their order. */
    static List<String> applicationFeatures;
    static List<Column> columns;

    @BeforeAll
    static void buildBatchFeatures() throws Exception {
        Path data = tmp.resolve("data");
        Path db = tmp.resolve("homecredit.duckdb");
        new SyntheticDataGenerator(new GeneratorSettings(3_000, 11)).generate(data, Progress.SILENT);
        HomeCreditSchema schema = HomeCreditSchema.load();
        new Ingester(schema).ingest(data, db, Progress.SILENT);
        database = DriverManager.getConnection("jdbc:duckdb:" + db.toAbsolutePath());
        DuckDbFeatureEngine engine = new DuckDbFeatureEngine(schema);
        manifest = engine.build(database, engine.learnVocabularies(database), Progress.SILENT).manifest();
        FeatureFiles.FeatureFile file = FeatureFiles.TABLES.get(0);
        assertEquals(FeatureFiles.APPLICATION, file.table());
        applicationSql = new SqlTemplate(schema, manifest.vocabularies(), Dialect.DUCKDB, new HashMap<>())
                .expand(file.text(), file.table());
        applicationFeatures = manifest.features().stream().filter(f -> f.table().equals(FeatureFiles.APPLICATION))
                .map(Feature::name).toList();
        columns = OnlineSql.applicationColumns(schema);
    }

    @AfterAll
    static void close() throws SQLException {
        database.close();
    }

    @Test
    void givesTheBatchTablesApplicationFeaturesBitForBitForEveryApplication() throws Exception {
        RowProjection projection = RowProjection.compileOrThrow(applicationSql, FeatureFiles.APPLICATION, columns,
                applicationFeatures);
        String raw = columns.stream().map(c -> c.name().equals("TARGET") ? "NULL AS TARGET"
                : "a." + Dialect.DUCKDB.identifier(c.name())).collect(Collectors.joining(", "));
        String built = applicationFeatures.stream().map(n -> "f." + Dialect.DUCKDB.identifier(n))
                .collect(Collectors.joining(", "));
        int rows = 0;
        try (Statement s = database.createStatement();
             ResultSet r = s.executeQuery("SELECT " + raw + ", " + built + " FROM (SELECT * EXCLUDE (TARGET) FROM"
                     + " application_train UNION ALL SELECT * FROM application_test) a JOIN features f USING"
                     + " (SK_ID_CURR) ORDER BY a.SK_ID_CURR")) {
            while (r.next()) {
                Object[] row = new Object[columns.size()];
                for (int i = 0; i < row.length; i++) {
                    row[i] = RawValues.typed(columns.get(i), r.getObject(i + 1), "test");
                }
                double[] expected = new double[applicationFeatures.size()];
                for (int j = 0; j < expected.length; j++) {
                    double v = r.getDouble(columns.size() + 1 + j);
                    expected[j] = r.wasNull() ? Double.NaN : v;
                }
                assertSameBits(expected, projection.apply(row), applicationFeatures, "client " + row[0]);
                rows++;
            }
        }
        // Every application of the 3,000 clients, training and test.
        assertTrue(rows > 3_000, rows + " applications");
    }

    @Test
    void givesDuckDbsApplicationFeaturesOnRowsAtTheEdges() throws Exception {
        List<Object[]> rows = new ArrayList<>();
        Object[] base = storedApplication();
        rows.add(base);
        // Every combination of the external scores present and missing, at 0, at 1 and in between.
        double[][] scores = {{0.3, 0.6, 0.9}, {0, 0, 0}, {1, 1, 1}, {0, 1, 0.5}};
        for (double[] s : scores) {
            for (int present = 0; present < 8; present++) {
                Object[] row = base.clone();
                for (int k = 0; k < 3; k++) {
                    set(row, "EXT_SOURCE_" + (k + 1), (present >> k & 1) == 1 ? s[k] : null);
                }
                rows.add(row);
            }
        }
        // Zero and missing denominators, the pensioner's 365243 days, negative and huge amounts, -0.0.
        for (String column : List.of("AMT_CREDIT", "AMT_ANNUITY", "AMT_INCOME_TOTAL", "AMT_GOODS_PRICE",
                "CNT_FAM_MEMBERS", "DAYS_BIRTH", "DAYS_EMPLOYED")) {
            boolean integer = column(column).type() == ColumnType.INTEGER;
            for (Object value : integer ? new Object[] {0L, null, -1L, 365243L, 1L << 40}
                    : new Object[] {0.0, -0.0, null, -1.5, 1e300, Double.MIN_VALUE}) {
                Object[] row = base.clone();
                set(row, column, value);
                rows.add(row);
            }
        }
        // Every text column missing, unseen, in another case, and with a quote.
        for (Column c : columns) {
            if (c.type() == ColumnType.TEXT) {
                for (String value : new String[] {null, "unseen", c.categories().get(0).toUpperCase(), "it's"}) {
                    Object[] row = base.clone();
                    set(row, c.name(), value);
                    rows.add(row);
                }
            }
        }
        Object[] empty = new Object[columns.size()];
        empty[0] = base[0];
        rows.add(empty);
        assertSameAsDuckDb(applicationSql, FeatureFiles.APPLICATION, columns, applicationFeatures, rows);
    }

    @Test
    void evaluatesEachKindOfExpressionAsDuckDbDoes() throws Exception {
        List<Column> small = List.of(column("ID", ColumnType.INTEGER), column("I", ColumnType.INTEGER),
                column("J", ColumnType.INTEGER), column("D", ColumnType.DECIMAL), column("E", ColumnType.DECIMAL),
                textColumn("T"));
        String sql = """
                WITH step AS (SELECT t.*, I + J AS S, D * E - I AS P FROM t)
                SELECT ID,
                       I / J AS DIV_INT, D / E AS DIV_DOUBLE, I - J * 3 AS INT_ARITH, -D AS NEG, -(I) AS NEG_INT,
                       LEAST(I, D, E) AS LEAST3, GREATEST(D, E) AS GREATEST2, GREATEST(I, J) AS GREATEST_INT,
                       NULLIF(I, 0) AS NULLIF_INT, NULLIF(D, 0) AS NULLIF_D, COALESCE(D, I, -1) AS COALESCE3,
                       CASE WHEN D > E AND NOT I IS NULL THEN 1 WHEN D < E OR J >= 2 THEN 2 ELSE 3 END AS CASE_LOGIC,
                       CASE WHEN T = 'a' THEN 1 WHEN T <> 'b' THEN 2 END AS CASE_TEXT,
                       CASE WHEN D IS NOT NULL THEN D ELSE I END AS CASE_MIXED,
                       CASE WHEN I <= J THEN NULL ELSE S END AS CASE_NULL,
                       SQRT(ABS(D)) AS ROOT, ABS(I) AS ABS_INT, CAST(I AS DOUBLE) / 3 AS CAST_D,
                       CAST(S AS BIGINT) AS CAST_I, P, S
                FROM step
                """;
        List<String> outputs = List.of("DIV_INT", "DIV_DOUBLE", "INT_ARITH", "NEG", "NEG_INT", "LEAST3",
                "GREATEST2", "GREATEST_INT", "NULLIF_INT", "NULLIF_D", "COALESCE3", "CASE_LOGIC", "CASE_TEXT",
                "CASE_MIXED", "CASE_NULL", "ROOT", "ABS_INT", "CAST_D", "CAST_I", "P", "S");
        Object[] integers = {null, 0L, 1L, -1L, 2L, 7L, -365243L};
        Object[] doubles = {null, 0.0, -0.0, 0.1, -2.5, 1e-300, 1e300, 3.0};
        Object[] texts = {null, "a", "b", "A", "a'b"};
        List<Object[]> rows = new ArrayList<>();
        long id = 0;
        for (Object i : integers) {
            for (Object j : integers) {
                for (Object d : doubles) {
                    for (Object e : new Object[] {null, 0.0, 3.0, -0.0, 1e300}) {
                        rows.add(new Object[] {id++, i, j, d, e, texts[(int) (id % texts.length)]});
                    }
                }
            }
        }
        assertSameAsDuckDb(sql, "t", small, outputs, rows);
    }

    @Test
    void roundsADoubleCastToAnIntegerAsDuckDbDoes() throws Exception {
        List<Column> small = List.of(column("ID", ColumnType.INTEGER), column("D", ColumnType.DECIMAL));
        List<Object[]> rows = new ArrayList<>();
        for (Object d : new Object[] {null, 0.0, -0.0, 0.5, -0.5, 1.5, 2.5, -2.5, 0.49999999999999994,
                -0.49999999999999994, 4503599627370495.5, -4503599627370495.5, 1e18, -1e18, 365243.4999}) {
            rows.add(new Object[] {0L, d});
        }
        assertSameAsDuckDb("SELECT ID, CAST(D AS BIGINT) AS X, CAST(D / 1e3 AS BIGINT) AS Y FROM t", "t", small,
                List.of("X", "Y"), rows);
    }

    @Test
    void refusesWhatItDoesNotEvaluateExactlyAsDuckDb() {
        List<Column> small = List.of(column("ID", ColumnType.INTEGER), column("I", ColumnType.INTEGER),
                column("D", ColumnType.DECIMAL), textColumn("T"));
        for (String sql : List.of(
                "SELECT D * 0.5 AS X FROM t",                       // a decimal literal: exact decimals in DuckDB
                "SELECT POWER(D, 2) AS X FROM t",                   // the C library's pow
                "SELECT SUM(D) AS X FROM t",                        // an aggregate
                "SELECT D AS X FROM t WHERE I > 0",                 // a filter
                "SELECT t.D AS X FROM t JOIN t u ON t.ID = u.ID",   // a join
                "SELECT CASE WHEN I = 'a' THEN 1 END AS X FROM t",  // text compared with a number
                "SELECT I + T AS X FROM t",                         // arithmetic on text
                "SELECT TRY_CAST(D AS BIGINT) AS X FROM t",         // another cast
                "SELECT CAST(D AS INTEGER) AS X FROM t",            // a cast to a 32-bit integer
                "SELECT CASE I WHEN 1 THEN 2 END AS X FROM t",      // the simple CASE form
                "SELECT I // 2 AS X FROM t",                        // integer division
                "SELECT UNKNOWN_COLUMN AS X FROM t",                // an unknown column
                "SELECT D AS X FROM other",                         // another relation
                "SELECT T AS X FROM t",                             // a text output
                "SELECT D AS X, I AS X FROM t",                     // a name twice
                "SELECT D + 1 FROM t",                              // an expression without a name
                "SELECT D AS Y FROM t",                             // the output asked for is not made
                "SELECT D AS X FROM t ORDER BY I",                  // an order
                "SELECT DISTINCT D AS X FROM t",                    // distinct rows
                "SELECT LN(D) AS X FROM t",                         // a function not in the list
                "not SQL at all")) {
            assertTrue(RowProjection.compile(sql, "t", small, List.of("X")).isEmpty(), sql);
        }
        assertTrue(RowProjection.compile("SELECT D * 2 AS X FROM t", "t", small, List.of("X")).isPresent());
        assertThrows(Exception.class, () -> RowProjection.compileOrThrow("SELECT POWER(D, 2) AS X FROM t", "t",
                small, List.of("X")));
    }

    @Test
    void anIntegerOverflowThrowsAsDuckDbFails() throws Exception {
        List<Column> small = List.of(column("ID", ColumnType.INTEGER), column("I", ColumnType.INTEGER));
        RowProjection projection = RowProjection.compileOrThrow("SELECT ID, I * I AS X FROM t", "t", small,
                List.of("X"));
        assertEquals(9.0, projection.apply(new Object[] {1L, 3L})[0]);
        assertThrows(ArithmeticException.class, () -> projection.apply(new Object[] {1L, Long.MAX_VALUE}));
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
             Statement s = c.createStatement()) {
            SQLException e = assertThrows(SQLException.class, () -> s.executeQuery("SELECT CAST("
                    + Long.MAX_VALUE + " AS BIGINT) * CAST(" + Long.MAX_VALUE + " AS BIGINT)").next());
            assertTrue(e.getMessage().contains("Overflow"), e.getMessage());
        }
    }

    /**
     * Runs {@code sql} over {@code rows} in DuckDB (a table {@code relation} of {@code columns}, the first an id
     * the file passes through) and in Java, and asserts the same bits for every output of every row.
     */
    private static void assertSameAsDuckDb(String sql, String relation, List<Column> columns, List<String> outputs,
                                           List<Object[]> rows) throws Exception {
        RowProjection projection = RowProjection.compileOrThrow(sql, relation, columns, outputs);
        String id = columns.get(0).name();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + relation + " (" + columns.stream()
                    .map(col -> Dialect.DUCKDB.identifier(col.name()) + " " + col.type().sqlType())
                    .collect(Collectors.joining(", ")) + ")");
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + relation + " VALUES ("
                    + columns.stream().map(col -> "?").collect(Collectors.joining(", ")) + ")")) {
                long key = 0;
                for (Object[] row : rows) {
                    for (int i = 0; i < row.length; i++) {
                        // The first column numbers the rows, whatever the row says, to pair the answers.
                        insert.setObject(i + 1, i == 0 ? (Object) key : row[i]);
                    }
                    insert.executeUpdate();
                    key++;
                }
            }
            String select = outputs.stream().map(n -> "CAST(q." + Dialect.DUCKDB.identifier(n) + " AS DOUBLE)")
                    .collect(Collectors.joining(", "));
            int n = 0;
            try (ResultSet r = s.executeQuery("SELECT " + select + ", q." + id + " FROM (\n" + sql + "\n) q ORDER BY q."
                    + id)) {
                while (r.next()) {
                    double[] expected = new double[outputs.size()];
                    for (int j = 0; j < expected.length; j++) {
                        double v = r.getDouble(j + 1);
                        expected[j] = r.wasNull() ? Double.NaN : v;
                    }
                    int at = Math.toIntExact(r.getLong(outputs.size() + 1));
                    Object[] row = rows.get(at).clone();
                    row[0] = (long) at;
                    assertSameBits(expected, projection.apply(row), outputs, "row " + Arrays.toString(row));
                    n++;
                }
            }
            assertEquals(rows.size(), n);
        }
    }

    /** The same bits, NaN (missing) only with NaN. */
    private static void assertSameBits(double[] expected, double[] actual, List<String> names, String where) {
        assertEquals(expected.length, actual.length);
        for (int j = 0; j < expected.length; j++) {
            boolean same = Double.isNaN(expected[j]) ? Double.isNaN(actual[j])
                    : Double.doubleToRawLongBits(expected[j]) == Double.doubleToRawLongBits(actual[j]);
            assertTrue(same, where + ", " + names.get(j) + ": DuckDB " + expected[j] + ", Java " + actual[j]);
        }
    }

    /** A stored training application, typed as an edited one is. */
    private static Object[] storedApplication() throws SQLException {
        try (Statement s = database.createStatement();
             ResultSet r = s.executeQuery("SELECT * FROM application_train ORDER BY SK_ID_CURR LIMIT 1")) {
            assertTrue(r.next());
            Object[] row = new Object[columns.size()];
            for (int i = 0; i < row.length; i++) {
                row[i] = RawValues.typed(columns.get(i), r.getObject(columns.get(i).name()), "test");
            }
            assertFalse(row[0] == null);
            return row;
        }
    }

    private static void set(Object[] row, String column, Object value) {
        row[columns.indexOf(column(column))] = value;
    }

    private static Column column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private static Column column(String name, ColumnType type) {
        return new Column(name, type, true, KeyRole.ATTRIBUTE, null, "", "", List.of());
    }

    private static Column textColumn(String name) {
        return new Column(name, ColumnType.TEXT, true, KeyRole.ATTRIBUTE, null, "", "", List.of("a", "b"));
    }
}
