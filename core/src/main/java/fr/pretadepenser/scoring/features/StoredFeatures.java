package fr.pretadepenser.scoring.features;

import fr.pretadepenser.scoring.data.Application;
import fr.pretadepenser.scoring.data.RawValues;
import fr.pretadepenser.scoring.schema.Column;
import fr.pretadepenser.scoring.schema.ColumnType;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import org.duckdb.DuckDBConnection;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A connection to the built feature database answering for existing clients: their stored features read from
 * {@link DuckDbFeatureEngine#LOOKUP_TABLE}, and for edited applications the application file run over the bound
 * application rows, whose features replace the stored application's. Not thread-safe: one caller at a time
 * (pooled).
 */
final class StoredFeatures implements AutoCloseable {

    private final DuckDBConnection connection;
    private final PreparedStatement application;
    private final PreparedStatement lookup;
    private final PreparedStatement trainRow;
    private final PreparedStatement testRow;
    private final int applicationFeatureCount;

    /** Prepares its queries once on its own connection to the database. */
    /**
     * @param stored the feature names of the database's manifest, the order of each lookup list
     * @param model  the features the model reads, in its order: all of them, or those selected
     */
    StoredFeatures(DuckDBConnection connection, OnlineSql sql, List<String> stored, List<String> model)
            throws SQLException {
        this.connection = connection;
        this.application = sql.editedApplication() == null ? null
                : connection.prepareStatement(sql.editedApplication());
        this.lookup = connection.prepareStatement("SELECT " + lookupList(stored, model) + " FROM "
                + DuckDbFeatureEngine.LOOKUP_TABLE
                + " WHERE SK_ID_CURR = ?");
        this.trainRow = connection.prepareStatement("SELECT * FROM " + HomeCreditSchema.APPLICATION_TRAIN
                + " WHERE SK_ID_CURR = ?");
        this.testRow = connection.prepareStatement("SELECT * FROM " + HomeCreditSchema.APPLICATION_TEST
                + " WHERE SK_ID_CURR = ?");
        this.applicationFeatureCount = sql.files().get(0).positions().length;
    }

    /**
     * The expression giving a stored client's features in the model's order: the lookup's list as it is for a model
     * of every feature, else the model's features picked out of it by their place in the database's manifest
     * (DuckDB lists count from 1).
     *
     * @throws IllegalStateException when the database has not built a feature the model reads
     */
    static String lookupList(List<String> stored, List<String> model) {
        if (stored.equals(model)) {
            return "features";
        }
        Map<String, Integer> place = new HashMap<>();
        for (int i = 0; i < stored.size(); i++) {
            place.put(stored.get(i), i + 1);
        }
        List<String> indices = new ArrayList<>(model.size());
        for (String name : model) {
            Integer at = place.get(name);
            if (at == null) {
                throw new IllegalStateException("the database's features lack " + name + ", which the model reads;"
                        + " run 'scoring features' again");
            }
            indices.add(String.valueOf(at));
        }
        return "list_select(features, [" + String.join(", ", indices) + "])";
    }

    /**
     * An edited application's values, checked and typed.
     *
     * @param columns the application relation's columns ({@link OnlineSql#applicationColumns})
     * @param values  the values in the order of {@code columns}: Long, Double, String or null
     */
    record TypedApplication(List<Column> columns, Object[] values) {
    }

    /**
     * Checks an edited application's fields and types its values, before any session is taken: a wrong value
     * fails only its caller, never the batch it would have joined.
     *
     * @param columns the application relation's columns ({@link OnlineSql#applicationColumns})
     * @param names   the same columns' names
     */
    static TypedApplication typed(List<Column> columns, Set<String> names, Application edited) {
        ScratchDatabase.checkColumns(names, HomeCreditSchema.APPLICATION_TRAIN, edited.values(), "application");
        Object[] values = new Object[columns.size()];
        for (int i = 0; i < values.length; i++) {
            Column column = columns.get(i);
            values[i] = RawValues.typed(column, edited.get(column.name()), "application");
        }
        return new TypedApplication(columns, values);
    }

    /**
     * The application file's features of each edited application of a batch, in its order: one query for the
     * batch, whose cost is mostly per query (on the 30,000-client demo database: 2.5 ms for one application,
     * 4.1 ms for eight together).
     */
    List<double[]> applicationFeatures(List<TypedApplication> batch) throws SQLException {
        if (application == null) {
            // The model reads no feature of the application file: nothing to recompute.
            return batch.stream().map(a -> new double[0]).toList();
        }
        int p = 1;
        for (ColumnType type : OnlineSql.LIST_OF.keySet()) {
            List<Object> all = new ArrayList<>();
            for (TypedApplication one : batch) {
                for (int i = 0; i < one.values().length; i++) {
                    if (one.columns().get(i).type() == type) {
                        all.add(one.values()[i]);
                    }
                }
            }
            Array array = connection.createArrayOf(type.sqlType(), all.toArray());
            application.setArray(p++, array);
        }
        application.setLong(p, batch.size());
        List<double[]> features = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            features.add(null);
        }
        try (ResultSet r = application.executeQuery()) {
            while (r.next()) {
                // SK_ID_CURR is the application's position in the batch (OnlineSql's relation of parameters).
                features.set(Math.toIntExact(r.getLong(2)), doubles(r, applicationFeatureCount));
            }
        }
        for (double[] one : features) {
            if (one == null) {
                throw new IllegalStateException("the application file gave no row for an edited application");
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
        if (application != null) {
            application.close();
        }
        lookup.close();
        trainRow.close();
        testRow.close();
        connection.close();
    }
}
