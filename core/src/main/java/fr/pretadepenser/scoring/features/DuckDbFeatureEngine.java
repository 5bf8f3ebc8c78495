package fr.pretadepenser.scoring.features;

import fr.pretadepenser.scoring.data.DuckDbBudget;
import fr.pretadepenser.scoring.data.Vocabularies;
import fr.pretadepenser.scoring.progress.Progress;
import fr.pretadepenser.scoring.schema.Column;
import fr.pretadepenser.scoring.schema.ColumnType;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import fr.pretadepenser.scoring.schema.Table;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Builds the feature table in a DuckDB database that holds the ingested Home Credit tables, by running the feature
 * SQL files in order: each per-table file into a temporary table {@code features_<file>} (only the join reads it),
 * then the join into {@code features}, and
 * every client's features as one list into {@code feature_lookup} for the online builder.
 * The whole build is one transaction: a failure leaves the previous feature tables as they were.
 */
public final class DuckDbFeatureEngine {

    /** The feature table: SK_ID_CURR, TARGET (empty for application_test) and the features in manifest order. */
    public static final String FEATURE_TABLE = "features";

    /**
     * The side tables' features again (all but the application file's, in manifest order), one list of doubles
     * per client (SK_ID_CURR, features), indexed by SK_ID_CURR: the online builder reads a stored client's side
     * features here in a fraction of a millisecond, where fetching one row of the wide table costs about 20 µs
     * per column (over 10 ms).
     */
    public static final String LOOKUP_TABLE = "feature_lookup";

    /** The table holding the manifest of the feature table as JSON (one row). */
    public static final String MANIFEST_TABLE = "feature_manifest";

    private static final String LOOKUP_STAGE = "lookup";

    /** Rows in one of DuckDB's row groups (its default; the database files here keep it). */
    private static final long ROW_GROUP = 122_880;

    private final HomeCreditSchema schema;
    private final DuckDbBudget budget;

    /** An engine for the given schema (normally {@link HomeCreditSchema#load()}), in the default memory budget. */
    public DuckDbFeatureEngine(HomeCreditSchema schema) {
        this(schema, DuckDbBudget.DEFAULT);
    }

    /**
     * An engine whose builds keep their process within {@code budget}: it sets the memory limit of the database
     * it is given (a database-wide setting), and DuckDB spills beyond it.
     */
    public DuckDbFeatureEngine(HomeCreditSchema schema, DuckDbBudget budget) {
        this.schema = schema;
        this.budget = budget;
    }

    /**
     * Learns the categories of every text column: the application's from application_train (the training
     * applications), the side tables' from all their rows (the history known at training time).
     */
    public Vocabularies learnVocabularies(Connection connection) throws SQLException {
        Map<String, List<String>> vocab = new LinkedHashMap<>();
        for (Table table : schema.tables()) {
            if (table.name().equals(HomeCreditSchema.APPLICATION_TEST)) {
                continue;
            }
            String relation = table.name().equals(HomeCreditSchema.APPLICATION_TRAIN) ? FeatureFiles.APPLICATION
                    : table.name();
            for (Column column : table.columns()) {
                if (column.type() != ColumnType.TEXT) {
                    continue;
                }
                List<String> values = new ArrayList<>();
                try (Statement s = connection.createStatement();
                     ResultSet r = s.executeQuery("SELECT DISTINCT " + Dialect.DUCKDB.identifier(column.name())
                             + " FROM " + table.name() + " WHERE " + Dialect.DUCKDB.identifier(column.name())
                             + " IS NOT NULL")) {
                    while (r.next()) {
                        values.add(r.getString(1));
                    }
                }
                vocab.put(relation + "." + column.name(), values);
            }
        }
        return new Vocabularies(vocab);
    }

    /** Builds every feature table with these vocabularies and stores the manifest beside them. */
    public FeatureBuild build(Connection connection, Vocabularies vocabularies, Progress progress)
            throws SQLException {
        Map<String, List<String>> groups = new HashMap<>();
        SqlTemplate template = new SqlTemplate(schema, vocabularies, Dialect.DUCKDB, groups);
        Map<String, Feature> byName = new LinkedHashMap<>();
        Map<String, String> fileOf = new HashMap<>();
        Map<String, Double> seconds = new LinkedHashMap<>();
        boolean autoCommit = connection.getAutoCommit();
        String threads = setting(connection, "threads");
        String insertionOrder = setting(connection, "preserve_insertion_order");
        budget.apply(connection);
        connection.setAutoCommit(false);
        try {
            // Row order means nothing in a feature table (readers order by SK_ID_CURR); letting DuckDB write the wide
            // results in any order lets it write them in parallel.
            execute(connection, "SET preserve_insertion_order = false");
            execute(connection, "CREATE OR REPLACE TEMP VIEW " + FeatureFiles.APPLICATION + " AS " + applicationView());
            // The aggregates on one thread: DuckDB adds up a client's rows in the order its threads hand them over,
            // so on two threads two builds of the same files differed in the last bit of some SUM, MEAN and VAR
            // features.
            execute(connection, "SET threads = 1");
            for (FeatureFiles.FeatureFile file : FeatureFiles.TABLES) {
                long start = System.nanoTime();
                progress.begin("features " + file.name(), 0, "");
                String sql = template.expand(file.text(), file.table());
                // Temporary: only the join reads them, so they need not be written to the database file (builds
                // before this one kept them there: drop those).
                execute(connection, "DROP TABLE IF EXISTS main." + file.resultTable());
                execute(connection, "CREATE OR REPLACE TEMP TABLE " + file.resultTable() + " AS " + sql);
                List<String> columns = columns(connection, file.resultTable());
                groups.put(file.name(), columns);
                for (String column : columns) {
                    if (!column.equals("SK_ID_CURR") && !column.equals("TARGET")
                            && fileOf.put(column, file.name()) != null) {
                        throw new IllegalStateException("feature " + column + " is made twice (second time in "
                                + file.name() + ".sql)");
                    }
                    byName.put(column, template.origin(column));
                }
                seconds.put(file.name(), (System.nanoTime() - start) / 1e9);
                progress.end((columns.size() - 1) + " columns");
            }
            long start = System.nanoTime();
            progress.begin("features join", 0, "");
            execute(connection, "SET threads = " + joinThreads(count(connection, FeatureFiles.APPLICATION),
                    Integer.parseInt(threads)));
            execute(connection, "CREATE OR REPLACE TABLE " + FEATURE_TABLE + " AS "
                    + template.expand(FeatureFiles.JOIN.text(), null));
            List<Feature> features = new ArrayList<>();
            for (String column : columns(connection, FEATURE_TABLE)) {
                if (!column.equals("SK_ID_CURR") && !column.equals("TARGET")) {
                    features.add(byName.get(column));
                }
            }
            seconds.put(FeatureFiles.JOIN.name(), (System.nanoTime() - start) / 1e9);
            progress.end(features.size() + " features");
            start = System.nanoTime();
            progress.begin("features lookup", 0, "");
            // One thread: on two, building the lists took twice as long (43 s against 23 s at Kaggle size), each
            // thread filling row groups of its own within the same memory limit.
            execute(connection, "SET threads = 1");
            // Every feature, in manifest order: a stored client is scored from it as it is, and an edited
            // application replaces the application's features with ones recomputed from the edited row.
            execute(connection, "CREATE OR REPLACE TABLE " + LOOKUP_TABLE + " AS SELECT SK_ID_CURR, ["
                    + features.stream().map(f -> "CAST(" + Dialect.DUCKDB.identifier(f.name()) + " AS DOUBLE)")
                    .collect(Collectors.joining(", ")) + "] AS features FROM " + FEATURE_TABLE);
            execute(connection, "CREATE INDEX " + LOOKUP_TABLE + "_client ON " + LOOKUP_TABLE + " (SK_ID_CURR)");
            seconds.put(LOOKUP_STAGE, (System.nanoTime() - start) / 1e9);
            progress.end("indexed by SK_ID_CURR");
            FeatureManifest manifest = new FeatureManifest(FeatureFiles.sha256(), vocabularies, features);
            execute(connection, "CREATE OR REPLACE TABLE " + MANIFEST_TABLE + " (manifest VARCHAR)");
            try (var insert = connection.prepareStatement("INSERT INTO " + MANIFEST_TABLE + " VALUES (?)")) {
                insert.setString(1, manifest.toJson());
                insert.executeUpdate();
            }
            FeatureBuild build = summarize(connection, manifest, fileOf, seconds);
            connection.commit();
            return build;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            // The caller's connection reads in its own order afterwards (a SELECT without ORDER BY included).
            execute(connection, "SET threads = " + threads);
            execute(connection, "SET preserve_insertion_order = " + insertionOrder);
            connection.setAutoCommit(autoCommit);
        }
    }

    /** Reads the manifest stored by the last build, if any. */
    public static java.util.Optional<FeatureManifest> storedManifest(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_name = '"
                     + MANIFEST_TABLE + "'")) {
            r.next();
            if (r.getLong(1) == 0) {
                return java.util.Optional.empty();
            }
        }
        try (Statement s = connection.createStatement();
             ResultSet r = s.executeQuery("SELECT manifest FROM " + MANIFEST_TABLE)) {
            return r.next() ? java.util.Optional.of(FeatureManifest.fromJson(r.getString(1)))
                    : java.util.Optional.empty();
        }
    }

    /** application_train and application_test as one relation; test rows have no TARGET. */
    private String applicationView() {
        Table train = schema.table(HomeCreditSchema.APPLICATION_TRAIN);
        String trainColumns = train.columns().stream().map(c -> Dialect.DUCKDB.identifier(c.name()))
                .collect(Collectors.joining(", "));
        String testColumns = train.columns().stream()
                .map(c -> c.name().equals("TARGET") ? "CAST(NULL AS BIGINT) AS TARGET"
                        : Dialect.DUCKDB.identifier(c.name()))
                .collect(Collectors.joining(", "));
        return "SELECT " + trainColumns + " FROM " + HomeCreditSchema.APPLICATION_TRAIN
                + " UNION ALL SELECT " + testColumns + " FROM " + HomeCreditSchema.APPLICATION_TEST;
    }

    private FeatureBuild summarize(Connection connection, FeatureManifest manifest, Map<String, String> fileOf,
                                   Map<String, Double> seconds) throws SQLException {
        Map<String, List<Feature>> byFile = new LinkedHashMap<>();
        for (Feature f : manifest.features()) {
            byFile.computeIfAbsent(fileOf.get(f.name()), k -> new ArrayList<>()).add(f);
        }
        List<String> sums = new ArrayList<>();
        sums.add("count(*)");
        for (FeatureFiles.FeatureFile file : FeatureFiles.TABLES) {
            List<Feature> features = byFile.getOrDefault(file.name(), List.of());
            // Missing values as rows less values present: count(x) reads only the validity masks.
            sums.add(features.isEmpty() ? "0" : features.size() + " * count(*) - (" + features.stream()
                    .map(f -> "count(" + Dialect.DUCKDB.identifier(f.name()) + ")")
                    .collect(Collectors.joining(" + ")) + ")");
        }
        List<FeatureBuild.Stage> stages = new ArrayList<>();
        long rows;
        try (Statement s = connection.createStatement();
             ResultSet r = s.executeQuery("SELECT " + String.join(", ", sums) + " FROM " + FEATURE_TABLE)) {
            r.next();
            rows = r.getLong(1);
            int i = 2;
            for (FeatureFiles.FeatureFile file : FeatureFiles.TABLES) {
                int n = byFile.getOrDefault(file.name(), List.of()).size();
                double missing = n == 0 || rows == 0 ? 0 : r.getDouble(i) / ((double) n * rows);
                stages.add(new FeatureBuild.Stage(file.name(), n, missing, seconds.get(file.name())));
                i++;
            }
        }
        stages.add(new FeatureBuild.Stage(FeatureFiles.JOIN.name(), 0, 0, seconds.get(FeatureFiles.JOIN.name())));
        stages.add(new FeatureBuild.Stage(LOOKUP_STAGE, 0, 0, seconds.get(LOOKUP_STAGE)));
        return new FeatureBuild(manifest, rows, stages);
    }

    private static List<String> columns(Connection connection, String table) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet r = s.executeQuery("SELECT * FROM " + table + " LIMIT 0")) {
            ResultSetMetaData meta = r.getMetaData();
            List<String> names = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                names.add(meta.getColumnName(i));
            }
            return names;
        }
    }

    /**
     * Threads for the join, which only copies values, so that any number gives the same table. On several, DuckDB
     * compresses and writes each thread's row groups while it joins; on one it keeps them and compresses them all at
     * the commit (Kaggle size: the commit 22 s instead of 40 s, the build's peak RSS the same). A thread with less
     * than a row group of its own only adds a partial row group in memory (30,000 clients: the build 15-20 s against
     * 13-18 s, peak RSS 1.75 GiB against 1.34 GiB), so there are at most as many threads as row groups.
     */
    static int joinThreads(long rows, int threads) {
        return (int) Math.max(1, Math.min(threads, rows / ROW_GROUP));
    }

    private static long count(Connection connection, String relation) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM " + relation)) {
            r.next();
            return r.getLong(1);
        }
    }

    private static String setting(Connection connection, String name) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet r = s.executeQuery("SELECT current_setting('" + name + "')")) {
            r.next();
            return r.getString(1);
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }
}
