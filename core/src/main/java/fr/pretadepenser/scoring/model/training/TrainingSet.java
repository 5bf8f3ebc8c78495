package fr.pretadepenser.scoring.model.training;

import fr.pretadepenser.scoring.features.FeatureManifest;
import fr.pretadepenser.scoring.features.FeatureMatrixReader;
import fr.pretadepenser.scoring.features.FeatureRows;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The labelled applications a model learns from: a dense row-major matrix of features (NaN for missing) with
 * each row's outcome and client.
 *
 * @param featureNames the columns, in manifest order
 * @param values       row-major values, {@code rows() * featureNames.size()} of them
 * @param outcomes     1 for a default, 0 otherwise, one per row
 * @param clients      SK_ID_CURR of each row (never a feature: kept to trace predictions back)
 */
public record TrainingSet(List<String> featureNames, float[] values, int[] outcomes, long[] clients) {

    /** Checks that the arrays agree in size. */
    public TrainingSet {
        featureNames = List.copyOf(featureNames);
        if (outcomes.length != clients.length || (long) outcomes.length * featureNames.size() != values.length) {
            throw new IllegalArgumentException("training set sizes disagree: " + outcomes.length + " outcomes, "
                    + clients.length + " clients, " + values.length + " values for " + featureNames.size()
                    + " features");
        }
    }

    /**
     * The labelled applications of the feature table, in client order, columns in manifest order. Applications
     * with CODE_GENDER = 'XNA' (4 in the real data) are left out, as in the reference kernel.
     */
    public static TrainingSet read(Connection connection, FeatureManifest manifest) throws SQLException {
        FeatureRows rows = FeatureMatrixReader.readAll(connection, manifest.featureNames(),
                "JOIN application_train a ON a.SK_ID_CURR = f.SK_ID_CURR"
                        + " WHERE f.TARGET IS NOT NULL AND a.CODE_GENDER <> 'XNA'", "ORDER BY f.SK_ID_CURR");
        return new TrainingSet(manifest.featureNames(), rows.values(), rows.targets(), rows.clients());
    }

    /**
     * The rows {@code rows} (in this order) with only the features {@code columns} (in this order): a copy, for a
     * model that reads fewer features.
     */
    public TrainingSet subset(int[] rows, int[] columns) {
        int p = columns();
        float[] copy = new float[Math.multiplyExact(rows.length, columns.length)];
        int[] y = new int[rows.length];
        long[] ids = new long[rows.length];
        for (int i = 0; i < rows.length; i++) {
            int from = rows[i] * p;
            int to = i * columns.length;
            for (int c = 0; c < columns.length; c++) {
                copy[to + c] = values[from + columns[c]];
            }
            y[i] = outcomes[rows[i]];
            ids[i] = clients[rows[i]];
        }
        List<String> names = new ArrayList<>(columns.length);
        for (int c : columns) {
            names.add(featureNames.get(c));
        }
        return new TrainingSet(names, copy, y, ids);
    }

    /** The same rows and values (shared, not copied) with other outcomes: a shuffled target for null importance. */
    public TrainingSet withOutcomes(int[] otherOutcomes) {
        return new TrainingSet(featureNames, values, otherOutcomes, clients);
    }

    /** Number of applications. */
    public int rows() {
        return outcomes.length;
    }

    /** Number of features. */
    public int columns() {
        return featureNames.size();
    }

    /** Share of defaults. */
    public double defaultRate() {
        long defaults = 0;
        for (int o : outcomes) {
            defaults += o;
        }
        return (double) defaults / outcomes.length;
    }

    /** The value of one cell (NaN when missing). */
    public float value(int row, int column) {
        return values[row * featureNames.size() + column];
    }
}
