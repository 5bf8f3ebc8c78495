package fr.pretadepenser.scoring.features;

import fr.pretadepenser.scoring.data.Application;
import fr.pretadepenser.scoring.data.InvalidFieldException;
import fr.pretadepenser.scoring.data.RawValues;
import fr.pretadepenser.scoring.schema.Column;
import fr.pretadepenser.scoring.schema.ColumnType;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import fr.pretadepenser.scoring.schema.Table;
import org.duckdb.DuckDBConnection;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A connection to the built feature database answering for an existing client: its stored features read from
 * {@link DuckDbFeatureEngine#LOOKUP_TABLE}, and for an edited application the application file run over the bound
 * application row, whose features replace the stored application's. Not thread-safe: one caller at a
 * time (pooled).
 */
final class StoredFeatures implements AutoCloseable {

    private final DuckDBConnection connection;
    private final PreparedStatement application;
    private final PreparedStatement lookup;
    private final PreparedStatement trainRow;
    private final PreparedStatement testRow;
    private final Table applicationTable;
    private final List<Column> columns;
    private final int[] applicationPositions;

    /** Prepares both queries once on its own connection to the database. */
    StoredFeatures(DuckDBConnection connection, HomeCreditSchema schema, OnlineSql sql) throws SQLException {
        this.connection = connection;
        this.application = connection.prepareStatement(sql.editedApplication());
        this.lookup = connection.prepareStatement("SELECT features FROM " + DuckDbFeatureEngine.LOOKUP_TABLE
                + " WHERE SK_ID_CURR = ?");
        this.trainRow = connection.prepareStatement("SELECT * FROM " + HomeCreditSchema.APPLICATION_TRAIN
                + " WHERE SK_ID_CURR = ?");
        this.testRow = connection.prepareStatement("SELECT * FROM " + HomeCreditSchema.APPLICATION_TEST
                + " WHERE SK_ID_CURR = ?");
        this.applicationTable = schema.table(HomeCreditSchema.APPLICATION_TRAIN);
        this.columns = OnlineSql.applicationColumns(schema);
        this.applicationPositions = sql.files().get(0).positions();
    }

    /** The features of an existing client's (edited) application, in manifest order. */
    double[] features(Application edited, int featureCount) throws SQLException {
        ScratchDatabase.checkColumns(applicationTable, edited.values(), "application");
        Map<ColumnType, List<Object>> lists = new EnumMap<>(ColumnType.class);
        for (ColumnType type : OnlineSql.LIST_OF.keySet()) {
            lists.put(type, new ArrayList<>());
        }
        for (Column column : columns) {
            lists.get(column.type()).add(RawValues.typed(column, edited.get(column.name()), "application"));
        }
        int p = 1;
        for (Map.Entry<ColumnType, List<Object>> list : lists.entrySet()) {
            Array array = connection.createArrayOf(list.getKey().sqlType(), list.getValue().toArray());
            application.setArray(p++, array);
        }
        double[] features = stored(edited.clientId(), featureCount).orElseThrow(() -> new InvalidFieldException(
                "application.SK_ID_CURR", "no stored features for client " + edited.clientId()
                        + "; send its history to compute them"));
        try (ResultSet r = application.executeQuery()) {
            r.next();
            double[] recomputed = doubles(r, applicationPositions.length);
            for (int i = 0; i < recomputed.length; i++) {
                features[applicationPositions[i]] = recomputed[i];
            }
        }
        return features;
    }

    /** A stored client's features as the batch build made them, in manifest order; empty for an unknown client. */
    Optional<double[]> stored(long clientId, int featureCount) throws SQLException {
        lookup.setLong(1, clientId);
        try (ResultSet r = lookup.executeQuery()) {
            return r.next() ? Optional.of(doubles(r, featureCount)) : Optional.empty();
        }
    }

    /** The stored application of a client (training applications first, then test ones), TARGET left out. */
    Optional<Application> application(long clientId) throws SQLException {
        for (PreparedStatement query : List.of(trainRow, testRow)) {
            query.setLong(1, clientId);
            try (ResultSet r = query.executeQuery()) {
                if (r.next()) {
                    ResultSetMetaData meta = r.getMetaData();
                    Map<String, Object> values = new LinkedHashMap<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        if (!meta.getColumnName(i).equals("TARGET")) {
                            values.put(meta.getColumnName(i), r.getObject(i));
                        }
                    }
                    return Optional.of(new Application(values));
                }
            }
        }
        return Optional.empty();
    }

    /** The first column of the current row, a list of doubles, as an array with NaN for NULL. */
    static double[] doubles(ResultSet r, int expected) throws SQLException {
        Object[] list = (Object[]) r.getArray(1).getArray();
        if (list.length != expected) {
            throw new IllegalStateException("expected " + expected + " features, the query gave " + list.length
                    + "; rebuild features with 'scoring features'");
        }
        double[] values = new double[list.length];
        for (int i = 0; i < list.length; i++) {
            values[i] = list[i] == null ? Double.NaN : ((Number) list[i]).doubleValue();
        }
        return values;
    }

    @Override
    public void close() throws SQLException {
        application.close();
        lookup.close();
        trainRow.close();
        testRow.close();
        connection.close();
    }
}
