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
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.locks.Lock;
import java.util.stream.Collectors;

/**
 * A private in-memory DuckDB database with the source relations of the feature files, empty between calls: one
 * client's rows are appended, the file queries run, and the tables that received rows are emptied again (a
 * rollback around the appends left their rows in place with this driver, hence DELETE). Not thread-safe: one
 * caller at a time (pooled).
 */
final class ScratchDatabase implements AutoCloseable {

    private final DuckDBConnection connection;
    private final Map<String, Table> relations;
    private final List<PreparedStatement> files = new ArrayList<>();
    private final List<int[]> positions = new ArrayList<>();
    private final Map<String, DuckDBAppender> appenders = new HashMap<>();
    private final Map<String, Lock> locks = new HashMap<>();
    private final Map<String, PreparedStatement> deletes = new HashMap<>();

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

    /** Prepares the file queries once; every later call reuses them. */
    ScratchDatabase prepare(OnlineSql sql) throws SQLException {
        for (OnlineSql.FileQuery file : sql.files()) {
            files.add(connection.prepareStatement(file.sql()));
            positions.add(file.positions());
        }
        for (String relation : relations.keySet()) {
            deletes.put(relation, connection.prepareStatement("DELETE FROM " + Dialect.DUCKDB.identifier(relation)));
        }
        return this;
    }

    /** The features of one application and its history, in manifest order. */
    double[] features(Application application, History history, int featureCount) throws SQLException {
        List<String> filled = new ArrayList<>();
        try {
            append(FeatureFiles.APPLICATION, List.of(application.values()), application.clientId(), filled);
            for (Map.Entry<String, List<Map<String, Object>>> rows : history.byTable().entrySet()) {
                if (!rows.getValue().isEmpty()) {
                    append(rows.getKey(), rows.getValue(), application.clientId(), filled);
                }
            }
            double[] features = new double[featureCount];
            Arrays.fill(features, Double.NaN);
            for (int f = 0; f < files.size(); f++) {
                try (ResultSet r = files.get(f).executeQuery()) {
                    // No row: the client has no rows in that table, and the batch join leaves its features missing.
                    if (r.next()) {
                        int[] at = positions.get(f);
                        double[] values = StoredFeatures.doubles(r, at.length);
                        for (int i = 0; i < at.length; i++) {
                            features[at[i]] = values[i];
                        }
                        if (r.next()) {
                            throw new IllegalStateException("the scratch tables hold more than one client");
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

    private void append(String relation, List<Map<String, Object>> rows, long clientId, List<String> filled)
            throws SQLException {
        Table table = relations.get(relation);
        // Every value is checked before the first is appended: a row left half-appended would poison the appender.
        List<Object[]> typed = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Map<String, Object> row = rows.get(i);
            String at = relation.equals(FeatureFiles.APPLICATION) ? "application" : table.name() + "[" + i + "]";
            checkColumns(table, row, at);
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
        filled.add(relation);
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

    /** Refuses a column the table does not have: a misspelt name would otherwise silently be missing. */
    static void checkColumns(Table table, Map<String, Object> row, String where) {
        for (String name : row.keySet()) {
            if (table.findColumn(name).isEmpty()) {
                throw new InvalidFieldException(where + "." + name, "no such column in "
                        + (where.startsWith("application") ? "the application" : table.name()));
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
