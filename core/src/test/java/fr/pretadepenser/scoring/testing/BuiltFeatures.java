package fr.pretadepenser.scoring.testing;

import fr.pretadepenser.scoring.data.Vocabularies;
import fr.pretadepenser.scoring.data.ingest.Ingester;
import fr.pretadepenser.scoring.features.DuckDbFeatureEngine;
import fr.pretadepenser.scoring.features.FeatureManifest;
import fr.pretadepenser.scoring.progress.Progress;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A feature table built for a test: ingests a folder of fixture files into a fresh DuckDB file, builds the features
 * with the real engine and reads the table back, one map of feature values per client. A missing value is
 * {@code null}; the SQL types of the columns are kept so that a test can check they are all DOUBLE.
 */
public final class BuiltFeatures {

    private final FeatureManifest manifest;
    private final FeatureManifest storedManifest;
    private final Vocabularies vocabularies;
    private final List<String> columns;
    private final Map<String, String> types;
    private final Map<Long, Map<String, Double>> byClient;

    private BuiltFeatures(FeatureManifest manifest, FeatureManifest storedManifest, Vocabularies vocabularies,
                          List<String> columns, Map<String, String> types, Map<Long, Map<String, Double>> byClient) {
        this.manifest = manifest;
        this.storedManifest = storedManifest;
        this.vocabularies = vocabularies;
        this.columns = columns;
        this.types = types;
        this.byClient = byClient;
    }

    /** Ingests {@code data} into {@code work}, learns the vocabularies from it and builds the features. */
    public static BuiltFeatures of(Path data, Path work) throws IOException, SQLException {
        return of(data, work, null);
    }

    /**
     * Ingests {@code data} into {@code work} and builds the features with the given vocabularies (learned from this
     * data when {@code vocabularies} is null).
     */
    public static BuiltFeatures of(Path data, Path work, Vocabularies vocabularies) throws IOException, SQLException {
        HomeCreditSchema schema = HomeCreditSchema.load();
        Path db = work.resolve("homecredit.duckdb");
        new Ingester(schema).ingest(data, db, Progress.SILENT);
        DuckDbFeatureEngine engine = new DuckDbFeatureEngine(schema);
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + db)) {
            Vocabularies used = vocabularies != null ? vocabularies : engine.learnVocabularies(connection);
            FeatureManifest manifest = engine.build(connection, used, Progress.SILENT).manifest();
            List<String> columns = new ArrayList<>();
            Map<String, String> types = new LinkedHashMap<>();
            Map<Long, Map<String, Double>> byClient = new HashMap<>();
            try (Statement s = connection.createStatement();
                 ResultSet r = s.executeQuery("SELECT * FROM " + DuckDbFeatureEngine.FEATURE_TABLE)) {
                ResultSetMetaData meta = r.getMetaData();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    columns.add(meta.getColumnName(i));
                    types.put(meta.getColumnName(i), meta.getColumnTypeName(i));
                }
                while (r.next()) {
                    Map<String, Double> row = new LinkedHashMap<>();
                    for (int i = 1; i <= columns.size(); i++) {
                        double value = r.getDouble(i);
                        row.put(columns.get(i - 1), r.wasNull() ? null : value);
                    }
                    byClient.put(r.getLong("SK_ID_CURR"), row);
                }
            }
            FeatureManifest stored = DuckDbFeatureEngine.storedManifest(connection).orElse(null);
            return new BuiltFeatures(manifest, stored, used, List.copyOf(columns), types, byClient);
        }
    }

    /** The manifest the build returned. */
    public FeatureManifest manifest() {
        return manifest;
    }

    /** The manifest stored in the database by the build, null if none. */
    public FeatureManifest storedManifest() {
        return storedManifest;
    }

    /** The vocabularies the features were built with. */
    public Vocabularies vocabularies() {
        return vocabularies;
    }

    /** The columns of the feature table in order, SK_ID_CURR and TARGET included. */
    public List<String> columns() {
        return columns;
    }

    /** The SQL type name of every column of the feature table. */
    public Map<String, String> types() {
        return Collections.unmodifiableMap(types);
    }

    /** The clients of the feature table. */
    public List<Long> clients() {
        return byClient.keySet().stream().sorted().toList();
    }

    /** Every column of one client's row; throws if the client has no row. */
    public Map<String, Double> row(long client) {
        Map<String, Double> row = byClient.get(client);
        if (row == null) {
            throw new IllegalArgumentException("no feature row for client " + client);
        }
        return Collections.unmodifiableMap(row);
    }

    /** One feature of one client, null when missing; throws if the table has no such column. */
    public Double value(long client, String feature) {
        Map<String, Double> row = row(client);
        if (!row.containsKey(feature)) {
            throw new IllegalArgumentException("the feature table has no column " + feature);
        }
        return row.get(feature);
    }

    /**
     * application_train rows for these clients (TARGET 0, a plausible age), enough for side-table tests: every
     * feature row starts from an application.
     */
    public static TableFile applications(long... clients) {
        TableFile file = TableFile.of(HomeCreditSchema.APPLICATION_TRAIN);
        for (long client : clients) {
            file.row("SK_ID_CURR", Long.toString(client), "TARGET", "0", "CODE_GENDER", "F", "DAYS_BIRTH", "-12000");
        }
        return file;
    }

    /** The names of the feature table's columns that start with {@code prefix}. */
    public List<String> columnsStartingWith(String prefix) {
        return columns.stream().filter(c -> c.startsWith(prefix)).toList();
    }
}
