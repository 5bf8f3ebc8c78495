package fr.pretadepenser.scoring.model;

import fr.pretadepenser.scoring.features.Dialect;
import fr.pretadepenser.scoring.features.DuckDbFeatureEngine;
import fr.pretadepenser.scoring.features.FeatureManifest;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Collectors;

/**
 * Reads the labelled applications of the feature table into a {@link TrainingSet}, in client order.
 * Applications with CODE_GENDER = 'XNA' (4 in the real data) are left out of training, as in the reference kernel.
 */
public final class TrainingSetReader {

    private TrainingSetReader() {
    }

    /** The labelled rows of the feature table, columns in manifest order. */
    public static TrainingSet read(Connection connection, FeatureManifest manifest) throws SQLException {
        String columns = manifest.featureNames().stream().map(n -> "f." + Dialect.DUCKDB.identifier(n))
                .collect(Collectors.joining(", "));
        String from = " FROM " + DuckDbFeatureEngine.FEATURE_TABLE + " f JOIN application_train a"
                + " ON a.SK_ID_CURR = f.SK_ID_CURR WHERE f.TARGET IS NOT NULL AND a.CODE_GENDER <> 'XNA'";
        int rows;
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("SELECT count(*)" + from)) {
            r.next();
            rows = r.getInt(1);
        }
        int width = manifest.featureNames().size();
        float[] values = new float[Math.multiplyExact(rows, width)];
        int[] outcomes = new int[rows];
        long[] clients = new long[rows];
        try (Statement s = connection.createStatement();
             ResultSet r = s.executeQuery("SELECT f.SK_ID_CURR, f.TARGET, " + columns + from
                     + " ORDER BY f.SK_ID_CURR")) {
            int row = 0;
            while (r.next()) {
                clients[row] = r.getLong(1);
                outcomes[row] = r.getInt(2);
                int base = row * width;
                for (int c = 0; c < width; c++) {
                    double v = r.getDouble(c + 3);
                    values[base + c] = r.wasNull() ? Float.NaN : (float) v;
                }
                row++;
            }
        }
        return new TrainingSet(manifest.featureNames(), values, outcomes, clients);
    }
}
