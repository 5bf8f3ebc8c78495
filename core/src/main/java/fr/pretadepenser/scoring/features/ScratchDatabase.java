package fr.pretadepenser.scoring.features;

import fr.pretadepenser.scoring.data.Application;
import fr.pretadepenser.scoring.data.History;
import fr.pretadepenser.scoring.data.InvalidFieldException;
import fr.pretadepenser.scoring.data.RawValues;
import fr.pretadepenser.scoring.schema.Column;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import fr.pretadepenser.scoring.schema.Table;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.locks.Lock;
import java.util.stream.Collectors;

/**
 * A private in-memory DuckDB database with the source relations of the feature files, empty between calls: the
 * rows of one or several applications are appended, the file queries run, and the tables that received rows are
 * emptied again (a rollback around the appends left their rows in place with this driver, hence DELETE). Not
 * thread-safe: one caller at a time (pooled).
 */
final class ScratchDatabase implements AutoCloseable {

    private static final String BUREAU_ID = "SK_ID_BUREAU";
    /** The application file's place in {@link FeatureFiles#TABLES}, as in {@link OnlineSql#files()}. */
    private static final int APPLICATION_FILE = 0;

    private final DuckDBConnection connection;
    private final Map<String, Table> relations;
    private final List<PreparedStatement> files = new ArrayList<>();
    private final List<int[]> positions = new ArrayList<>();
    private final Map<String, DuckDBAppender> appenders = new HashMap<>();
    private final Map<String, Lock> locks = new HashMap<>();
    private final Map<String, PreparedStatement> deletes = new HashMap<>();
    private RowProjection applicationRows;

    /** Opens the database and creates the empty tables; {@link #prepare} must follow. */
    ScratchDatabase(HomeCreditSchema schema) throws SQLException {
        Properties settings = new Properties();
        // One client's rows are a few hundred: threads would only add scheduling to each query.
        settings.setProperty("threads", "1");
        this.connection = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:", settings);
        this.relations = OnlineSql.sourceRelations(schema);
        try (Statement s = connection.createStatement()) {
            // The query is planned once, over empty tables, and then run over each client's rows: optimizations
            // that trust the planning-time statistics (value ranges for perfect hash aggregates, compressed keys,
            // filters pruned as always false) would be wrong for the next client.
            s.execute("SET disabled_optimizers = 'statistics_propagation,compressed_materialization'");
            s.execute("SET perfect_ht_threshold = 0");
            for (Map.Entry<String, Table> relation : relations.entrySet()) {
                s.execute("CREATE TABLE " + Dialect.DUCKDB.identifier(relation.getKey()) + " ("
                        + relation.getValue().columns().stream()
                        .map(c -> Dialect.DUCKDB.identifier(c.name()) + " " + c.type().sqlType())
                        .collect(Collectors.joining(", ")) + ")");
            }
        }
    }

    /** The connection, for expanding the SQL against these (empty) tables. */
    DuckDBConnection connection() {
        return connection;
    }

    /**
     * Prepares the file queries once; every later call reuses them. The application file is prepared too, for when
     * its Java evaluation ({@link OnlineSql#applicationRows()}) is not available or overflows.
     */
    ScratchDatabase prepare(OnlineSql sql) throws SQLException {
        for (OnlineSql.FileQuery file : sql.files()) {
            files.add(file.runs() ? connection.prepareStatement(file.sql()) : null);
            positions.add(file.positions());
        }
        this.applicationRows = sql.applicationRows();
        for (String relation : relations.keySet()) {
            deletes.put(relation, connection.prepareStatement("DELETE FROM " + Dialect.DUCKDB.identifier(relation)));
        }
        return this;
    }

    /**
     * One application's rows (the application's, then its history's), checked and typed, keys as sent.
     *
     * @param byRelation the typed rows of each source relation that has any, in column order
     */
    record Rows(Map<String, List<Object[]>> byRelation) {
    }

    /**
     * Checks and types one application and its history (every value, before anything reaches DuckDB: a row left
     * half-appended would poison the appender).
     *
     * @throws InvalidFieldException naming the first field that does not fit its column
     */
    static Rows typed(Map<String, Table> relations, Application application, History history) {
        Map<String, List<Object[]>> rows = new LinkedHashMap<>();
        long clientId = application.clientId();
        rows.put(FeatureFiles.APPLICATION, typed(relations.get(FeatureFiles.APPLICATION),
                List.of(application.values()), clientId, "application"));
        for (Map.Entry<String, List<Map<String, Object>>> table : history.byTable().entrySet()) {
            if (!table.getValue().isEmpty()) {
                rows.put(table.getKey(), typed(relations.get(table.getKey()), table.getValue(), clientId, null));
            }
        }
        return new Rows(rows);
    }

    private static List<Object[]> typed(Table table, List<Map<String, Object>> rows, long clientId,
                                        String application) {
        List<Object[]> typed = new ArrayList<>(rows.size());
        Set<String> known = Set.copyOf(table.header());
        for (int i = 0; i < rows.size(); i++) {
            Map<String, Object> row = rows.get(i);
            String at = application != null ? application : table.name() + "[" + i + "]";
            checkColumns(known, table.name(), row, at);
            Object[] values = new Object[table.columns().size()];
            for (int c = 0; c < values.length; c++) {
                Column column = table.columns().get(c);
                Object raw = row.get(column.name());
                if (raw == null && column.name().equals(Application.CLIENT_ID)) {
                    raw = clientId;
                }
                values[c] = RawValues.typed(column, raw, at);
                if (column.name().equals(Application.CLIENT_ID) && !Long.valueOf(clientId).equals(values[c])) {
                    throw new InvalidFieldException(at + ".SK_ID_CURR", "expected the application's " + clientId
                            + ", got " + values[c]);
                }
            }
            typed.add(values);
        }
        return typed;
    }

    /**
     * The features of several applications with their histories, in manifest order, in the order given: one run
     * of each file query for all of them, which costs little more than for one (DuckDB's cost per query is mostly
     * setting up its operators for hundreds of aggregates). Inside the batch each application is client
     * {@code 1..n} and each bureau credit gets a fresh SK_ID_BUREAU, so that two applications sent with the same
     * ids stay apart; no key is a feature.
     */
    List<double[]> features(List<Rows> batch, int featureCount) throws SQLException {
        // The application file in Java when it can: its query and the append of the application rows (122
        // columns) were 12 to 14 ms of the 33 to 38 a new application's run took.
        double[][] inJava = applicationInJava(batch);
        Map<String, List<Object[]>> appended = new LinkedHashMap<>();
        long[] credits = {0};
        for (int slot = 0; slot < batch.size(); slot++) {
            Map<Long, Long> bureauIds = new HashMap<>();
            for (Map.Entry<String, List<Object[]>> rows : batch.get(slot).byRelation().entrySet()) {
                if (inJava != null && rows.getKey().equals(FeatureFiles.APPLICATION)) {
                    continue;
                }
                int client = keyColumn(rows.getKey(), Application.CLIENT_ID);
                int bureau = keyColumn(rows.getKey(), BUREAU_ID);
                List<Object[]> into = appended.computeIfAbsent(rows.getKey(), r -> new ArrayList<>());
                for (Object[] row : rows.getValue()) {
                    Object[] renumbered = row.clone();
                    if (client >= 0) {
                        renumbered[client] = (long) slot + 1;
                    }
                    if (bureau >= 0 && row[bureau] != null) {
                        renumbered[bureau] = bureauIds.computeIfAbsent((Long) row[bureau], id -> ++credits[0]);
                    }
                    into.add(renumbered);
                }
            }
        }
        List<String> filled = new ArrayList<>();
        try {
            for (Map.Entry<String, List<Object[]>> rows : appended.entrySet()) {
                filled.add(rows.getKey());
                append(rows.getKey(), rows.getValue());
            }
            List<double[]> features = new ArrayList<>(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                double[] row = new double[featureCount];
                Arrays.fill(row, Double.NaN);
                if (inJava != null) {
                    int[] at = positions.get(APPLICATION_FILE);
                    for (int j = 0; j < at.length; j++) {
                        row[at[j]] = inJava[i][j];
                    }
                }
                features.add(row);
            }
            for (int f = 0; f < files.size(); f++) {
                // Each file groups its own table's rows by client: with none, it would give no row. Not running it
                // saves most of the cost of an application sent with little or no history.
                if (files.get(f) == null || !appended.containsKey(FeatureFiles.TABLES.get(f).table())) {
                    continue;
                }
                int[] at = positions.get(f);
                try (ResultSet r = files.get(f).executeQuery()) {
                    // No row for a client: it has no rows in that table, and the batch join leaves its features
                    // missing.
                    while (r.next()) {
                        double[] row = features.get((int) r.getLong(2) - 1);
                        double[] values = StoredFeatures.doubles(r, at.length);
                        for (int i = 0; i < at.length; i++) {
                            row[at[i]] = values[i];
                        }
                    }
                }
            }
            return features;
        } finally {
            for (String relation : filled) {
                deletes.get(relation).execute();
            }
        }
    }

    /**
     * The application file's features of each application of the batch, in Java; null when the file has no Java
     * evaluation or a row overflows (DuckDB then runs the file for the batch and reports the overflow).
     */
    private double[][] applicationInJava(List<Rows> batch) {
        if (applicationRows == null) {
            return null;
        }
        double[][] features = new double[batch.size()][];
        try {
            for (int i = 0; i < features.length; i++) {
                features[i] = applicationRows.apply(batch.get(i).byRelation().get(FeatureFiles.APPLICATION).get(0));
            }
        } catch (ArithmeticException overflow) {
            return null;
        }
        return features;
    }

    /** The position of a key column in a relation's rows, or -1. */
    private int keyColumn(String relation, String name) {
        List<Column> columns = relations.get(relation).columns();
        for (int c = 0; c < columns.size(); c++) {
            if (columns.get(c).name().equals(name)) {
                return c;
            }
        }
        return -1;
    }

    private void append(String relation, List<Object[]> typed) throws SQLException {
        // One appender per table for the session's life: opening one costs about 2 ms. The driver ties an
        // appender to the thread that made it; the pool lends this session to one thread at a time, and the
        // appender's lock makes that hand-over visible.
        DuckDBAppender appender = appenders.get(relation);
        if (appender == null) {
            appender = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, relation);
            appenders.put(relation, appender);
            locks.put(relation, appender.unsafeBreakThreadConfinement());
        }
        Lock lock = locks.get(relation);
        lock.lock();
        try {
            appendRows(appender, typed);
        } finally {
            lock.unlock();
        }
    }

    private static void appendRows(DuckDBAppender appender, List<Object[]> typed) throws SQLException {
        for (Object[] values : typed) {
            appender.beginRow();
            for (Object value : values) {
                if (value == null) {
                    appender.appendNull();
                } else if (value instanceof Long l) {
                    appender.append(l.longValue());
                } else if (value instanceof Double d) {
                    appender.append(d.doubleValue());
                } else {
                    appender.append((String) value);
                }
            }
            appender.endRow();
        }
        appender.flush();
    }

    /**
     * Refuses a column the table does not have: a misspelt name would otherwise silently be missing. The caller
     * passes the table's column names as a set, made once: searching the column list for every field of every row
     * was 12% of an edited application's CPU time in the server (JFR).
     */
    static void checkColumns(Set<String> known, String tableName, Map<String, Object> row, String where) {
        for (String name : row.keySet()) {
            if (!known.contains(name)) {
                throw new InvalidFieldException(where + "." + name, "no such column in "
                        + (where.startsWith("application") ? "the application" : tableName));
            }
        }
    }

    @Override
    public void close() throws SQLException {
        for (Map.Entry<String, DuckDBAppender> appender : appenders.entrySet()) {
            Lock lock = locks.get(appender.getKey());
            lock.lock();
            try {
                appender.getValue().close();
            } finally {
                lock.unlock();
            }
        }
        connection.close();
    }
}
