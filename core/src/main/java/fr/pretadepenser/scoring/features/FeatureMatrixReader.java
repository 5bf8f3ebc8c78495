package fr.pretadepenser.scoring.features;

import org.duckdb.DuckDBConnection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * The one reader of the feature table into model rows: each row's SK_ID_CURR, TARGET and the asked features in the
 * asked order, NaN for missing, as floats (what XGBoost reads). Chunk by chunk, so that scoring a table holds a
 * chunk whatever the table's size, or all at once for training. Not thread-safe.
 *
 * <p>The rows come from {@code SELECT ... FROM features f <filter> <order>}: {@code filter} may join other tables
 * and hold a WHERE clause over {@code f}; its {@code ?} take the parameters in order.
 */
public final class FeatureMatrixReader implements AutoCloseable {

    /** Rows per chunk when a table is scored: 5,000 rows of 760 features are 15 MB of floats. */
    public static final int CHUNK = 5_000;

    private final PreparedStatement statement;
    private final ResultSet result;
    private final int width;
    private boolean exhausted;

    private FeatureMatrixReader(PreparedStatement statement, ResultSet result, int width) {
        this.statement = statement;
        this.result = result;
        this.width = width;
    }

    /**
     * Starts reading.
     *
     * @param features the feature columns, in the order the rows hold them (a model's manifest order)
     * @param filter   what follows {@code FROM features f}: joins and a WHERE clause, or empty for every row
     * @param order    an ORDER BY clause, or empty for the table's order
     */
    public static FeatureMatrixReader open(Connection connection, List<String> features, String filter, String order,
                                           Object... parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement("SELECT f.SK_ID_CURR, f.TARGET"
                + features.stream().map(n -> ", f." + Dialect.DUCKDB.identifier(n)).collect(Collectors.joining())
                + " FROM " + DuckDbFeatureEngine.FEATURE_TABLE + " f " + filter + " " + order);
        try {
            bind(statement, parameters);
            return new FeatureMatrixReader(statement, statement.executeQuery(), features.size());
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    /** Features per query when a whole table is read in an order: 64 columns of 307,511 rows are 157 MB. */
    static final int COLUMN_BLOCK = 64;

    /** Threads that read a whole table's column blocks side by side. */
    private static final int READERS = 2;

    /**
     * Every row at once, in one array (counted first, so that the array is allocated once). With an order, the
     * features are read {@link #COLUMN_BLOCK} columns at a time: one query of every column held a second copy of the
     * whole table, as doubles, while the rows were read (1.9 GB at Kaggle size). The filter and the order are applied
     * once, to the rows' keys and their place in the table ({@code rowid}); each block is then a plain scan of the
     * table whose rows are put in place by their rowid, rather than a query that joins, filters and sorts again
     * (at Kaggle size, 0.71 s a block sorted against 0.27 s scanned). Each block's rows are checked to be the keys'
     * clients, so a table that changes while it is read is an error rather than mixed rows. On a DuckDB connection
     * two readers take the blocks in turn, each on a duplicate of it: at Kaggle size the first read of the training
     * rows took 9.2 s instead of 11.2-11.5 s (the same values).
     */
    public static FeatureRows readAll(Connection connection, List<String> features, String filter, String order,
                                      Object... parameters) throws SQLException {
        int rows;
        try (PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM "
                + DuckDbFeatureEngine.FEATURE_TABLE + " f " + filter)) {
            bind(count, parameters);
            try (ResultSet r = count.executeQuery()) {
                r.next();
                rows = Math.toIntExact(r.getLong(1));
            }
        }
        if (order.isBlank() || features.size() <= COLUMN_BLOCK) {
            try (FeatureMatrixReader reader = open(connection, features, filter, order, parameters)) {
                FeatureRows all = reader.next(rows);
                if (reader.nextRow()) {
                    throw new IllegalStateException("the feature table grew while it was read");
                }
                return all;
            }
        }
        long[] clients = new long[rows];
        int[] targets = new int[rows];
        // The place in the result of each row of the table, by rowid; -1 for a row the filter leaves out.
        int[] place;
        try (PreparedStatement keys = connection.prepareStatement("SELECT f.rowid, f.SK_ID_CURR, f.TARGET,"
                + " max(f.rowid) OVER () FROM " + DuckDbFeatureEngine.FEATURE_TABLE + " f " + filter + " " + order)) {
            bind(keys, parameters);
            try (ResultSet r = keys.executeQuery()) {
                place = new int[0];
                int row = 0;
                while (r.next()) {
                    if (row == rows) {
                        throw new IllegalStateException("the feature table grew while it was read");
                    }
                    if (row == 0) {
                        place = new int[Math.toIntExact(r.getLong(4) + 1)];
                        Arrays.fill(place, -1);
                    }
                    place[Math.toIntExact(r.getLong(1))] = row;
                    clients[row] = r.getLong(2);
                    int target = r.getInt(3);
                    targets[row] = r.wasNull() ? FeatureRows.UNLABELLED : target;
                    row++;
                }
                if (row != rows) {
                    throw new IllegalStateException("the feature table changed while it was read");
                }
            }
        }
        int width = features.size();
        float[] values = new float[Math.multiplyExact(rows, width)];
        int blocks = (width + COLUMN_BLOCK - 1) / COLUMN_BLOCK;
        DuckDBConnection duckdb = connection.isWrapperFor(DuckDBConnection.class)
                ? connection.unwrap(DuckDBConnection.class) : null;
        if (duckdb == null || blocks < 2) {
            for (int b = 0; b < blocks; b++) {
                readBlock(connection, features, b * COLUMN_BLOCK, place, clients, values);
            }
            return new FeatureRows(clients, targets, values, width);
        }
        // Turning a block's values into floats is one thread's work, which left the second core idle. Each cell is
        // written by one reader, so the rows are the same whatever order the blocks end in.
        int[] placeOfRowid = place;
        ExecutorService readers = Executors.newFixedThreadPool(READERS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int r = 0; r < READERS; r++) {
                int reader = r;
                done.add(readers.submit(() -> {
                    try (DuckDBConnection own = duckdb.duplicate()) {
                        for (int b = reader; b < blocks; b += READERS) {
                            readBlock(own, features, b * COLUMN_BLOCK, placeOfRowid, clients, values);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> reader : done) {
                reader.get();
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException failure) {
                throw failure;
            }
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException("reading the feature table failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the feature table was read", e);
        } finally {
            readers.shutdownNow();
        }
        return new FeatureRows(clients, targets, values, width);
    }

    /**
     * The {@link #COLUMN_BLOCK} features from {@code from} on of every row the filter kept, put in place in
     * {@code values} by each row's rowid.
     */
    private static void readBlock(Connection connection, List<String> features, int from, int[] place, long[] clients,
                                  float[] values) throws SQLException {
        int width = features.size();
        int rows = clients.length;
        List<String> block = features.subList(from, Math.min(width, from + COLUMN_BLOCK));
        try (PreparedStatement scan = connection.prepareStatement("SELECT f.rowid, f.SK_ID_CURR"
                + block.stream().map(n -> ", f." + Dialect.DUCKDB.identifier(n)).collect(Collectors.joining())
                + " FROM " + DuckDbFeatureEngine.FEATURE_TABLE + " f");
             ResultSet r = scan.executeQuery()) {
            int placed = 0;
            while (r.next()) {
                long rowid = r.getLong(1);
                int row = rowid < place.length ? place[(int) rowid] : -1;
                if (row < 0) {
                    continue;
                }
                if (r.getLong(2) != clients[row]) {
                    throw new IllegalStateException("the feature table changed while it was read: row " + rowid
                            + " holds client " + r.getLong(2) + " rather than " + clients[row]);
                }
                int base = row * width + from;
                for (int c = 0; c < block.size(); c++) {
                    double v = r.getDouble(c + 3);
                    values[base + c] = r.wasNull() ? Float.NaN : (float) v;
                }
                placed++;
            }
            if (placed != rows) {
                throw new IllegalStateException("the feature table changed while it was read: " + placed
                        + " of " + rows + " rows found again");
            }
        }
    }

    /** The next rows, at most {@code max} of them; none once every row is read. */
    public FeatureRows next(int max) throws SQLException {
        long[] clients = new long[max];
        int[] targets = new int[max];
        float[] values = new float[Math.multiplyExact(max, width)];
        int rows = 0;
        while (rows < max && nextRow()) {
            clients[rows] = client();
            targets[rows] = target();
            int base = rows * width;
            for (int c = 0; c < width; c++) {
                values[base + c] = (float) value(c);
            }
            rows++;
        }
        return rows == max ? new FeatureRows(clients, targets, values, width)
                : new FeatureRows(Arrays.copyOf(clients, rows), Arrays.copyOf(targets, rows),
                Arrays.copyOf(values, rows * width), width);
    }

    /** Moves to the next row, for a caller reading values one by one; false once every row is read. */
    public boolean nextRow() throws SQLException {
        if (exhausted || !result.next()) {
            exhausted = true;
            return false;
        }
        return true;
    }

    /** SK_ID_CURR of the current row. */
    public long client() throws SQLException {
        return result.getLong(1);
    }

    /** TARGET of the current row, {@link FeatureRows#UNLABELLED} when it has none. */
    public int target() throws SQLException {
        int target = result.getInt(2);
        return result.wasNull() ? FeatureRows.UNLABELLED : target;
    }

    /** Feature {@code column} (0-based, in the asked order) of the current row, NaN when missing. */
    public double value(int column) throws SQLException {
        double v = result.getDouble(column + 3);
        return result.wasNull() ? Double.NaN : v;
    }

    private static void bind(PreparedStatement statement, Object[] parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
    }

    @Override
    public void close() throws SQLException {
        try {
            result.close();
        } finally {
            statement.close();
        }
    }
}
