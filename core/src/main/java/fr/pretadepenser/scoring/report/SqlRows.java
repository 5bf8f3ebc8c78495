package fr.pretadepenser.scoring.report;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the exploration report's aggregate queries: every query returns a few rows (counts, quantiles, bins), never
 * the data itself. Values come back as {@link Object} (numbers as {@link Number}, NULL as null).
 */
final class SqlRows {

    private final Connection connection;

    SqlRows(Connection connection) {
        this.connection = connection;
    }

    /** Every row of the result, each as an array of its column values. */
    List<Object[]> all(String sql) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(sql)) {
            int n = r.getMetaData().getColumnCount();
            List<Object[]> rows = new ArrayList<>();
            while (r.next()) {
                Object[] row = new Object[n];
                for (int i = 0; i < n; i++) {
                    row[i] = r.getObject(i + 1);
                }
                rows.add(row);
            }
            return rows;
        }
    }

    /** The one row of an aggregate query. */
    Object[] one(String sql) throws SQLException {
        List<Object[]> rows = all(sql);
        if (rows.size() != 1) {
            throw new SQLException("expected one row, got " + rows.size() + " from: " + sql);
        }
        return rows.get(0);
    }

    /** The single number an aggregate query returns (0 for NULL). */
    long count(String sql) throws SQLException {
        return asLong(one(sql)[0]);
    }

    /** A quoted SQL identifier: table and column names come from the schema, quoted all the same. */
    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    static long asLong(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    static double asDouble(Object value) {
        return value == null ? Double.NaN : ((Number) value).doubleValue();
    }
}
