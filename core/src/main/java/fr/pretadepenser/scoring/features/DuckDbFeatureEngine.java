package fr.pretadepenser.scoring.features;

import fr.pretadepenser.scoring.data.DuckDbBudget;
import fr.pretadepenser.scoring.data.Vocabularies;
import fr.pretadepenser.scoring.progress.Progress;
import fr.pretadepenser.scoring.schema.Column;
import fr.pretadepenser.scoring.schema.ColumnType;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import fr.pretadepenser.scoring.schema.Table;
import org.duckdb.DuckDBConnection;

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
 * SQL files: the per-table files side by side into an in-memory database attached for the build ({@link
 * TableFileRuns}; only the join reads them), then the join into {@code features}, and
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
        Map<String, Double> seconds = new LinkedHashMap<>();
        boolean autoCommit = connection.getAutoCommit();
        String threads = setting(connection, "threads");
        budget.apply(connection);
        try {
            // Row order means nothing in a feature table (readers order by SK_ID_CURR); letting DuckDB write the wide
            // results in any order lets it write them in parallel.
            execute(connection, "SET preserve_insertion_order = false");
            // One thread per query. The aggregates must: DuckDB adds up a client's rows in the order its threads hand
            // them over, so on two threads two builds of the same files differed in the last bit of some SUM, MEAN and
            // VAR features. The join and the lookup, which only copy values, are cheaper on one too: each thread
            // fills row groups of its own, 795 columns wide (about 1 MiB per column each), which doubled their
            // memory, and at 30,000 clients two threads used more CPU time than one for no shorter wall time. The
            // cores are used instead by running the per-table files side by side, one connection each.
            execute(connection, "SET threads = 1");
            execute(connection, "ATTACH IF NOT EXISTS ':memory:' AS " + TableFileRuns.PARTS);
            // A template per file: a template answers origin() for the file it expanded last, and the origins are
            // asked once every file has run.
            Map<FeatureFiles.FeatureFile, SqlTemplate> templates = new LinkedHashMap<>();
            Map<FeatureFiles.FeatureFile, String> queries = new LinkedHashMap<>();
            for (FeatureFiles.FeatureFile file : FeatureFiles.TABLES) {
                SqlTemplate own = new SqlTemplate(schema, vocabularies, Dialect.DUCKDB, groups);
                templates.put(file, own);
                queries.put(file, own.expand(file.text(), file.table()));
            }
            int workers = Math.max(1, Integer.parseInt(threads.trim()));
            progress.begin("features per table (" + Math.min(workers, queries.size()) + " at a time)",
                    queries.size(), "files");
            int[] finished = {0};
            TableFileRuns.run(connection.unwrap(DuckDBConnection.class), List.of("CREATE OR REPLACE TEMP VIEW "
                    + FeatureFiles.APPLICATION + " AS " + applicationView()), queries, workers, run -> {
                seconds.put(run.file().name(), run.seconds());
                progress.update(++finished[0], run.file().name());
            });
            progress.end(queries.size() + " files");
            connection.setAutoCommit(false);
            try {
                return buildTables(connection, templates, vocabularies, groups, seconds, progress);
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } finally {
            connection.setAutoCommit(autoCommit);
            for (FeatureFiles.FeatureFile file : FeatureFiles.TABLES) {
                execute(connection, "DROP VIEW IF EXISTS temp." + file.resultTable());
            }
            execute(connection, "DETACH DATABASE IF EXISTS " + TableFileRuns.PARTS);
            execute(connection, "SET threads = " + threads);
        }
    }

    /**
     * In one transaction: the per-table results as views of this connection, the join, the lookup and the manifest;
     * commits.
     *
     * @param templates the template that expanded each per-table file
     * @param groups    the column lists of the expansions so far; each file's result columns are added
     * @param seconds   each file's run time; the join's and the lookup's are added
     */
    private FeatureBuild buildTables(Connection connection, Map<FeatureFiles.FeatureFile, SqlTemplate> templates,
                                     Vocabularies vocabularies, Map<String, List<String>> groups,
                                     Map<String, Double> seconds, Progress progress) throws SQLException {
        Map<String, Feature> byName = new LinkedHashMap<>();
        Map<String, String> fileOf = new HashMap<>();
        for (FeatureFiles.FeatureFile file : FeatureFiles.TABLES) {
            // Builds before the parts were temporary kept them in the database file: drop those.
            execute(connection, "DROP TABLE IF EXISTS main." + file.resultTable());
            // The join names the results as the files do (features_<file>), in the dialect shared with Spark.
            execute(connection, "CREATE OR REPLACE TEMP VIEW " + file.resultTable() + " AS SELECT * FROM "
                    + TableFileRuns.PARTS + "." + file.resultTable());
            List<String> columns = columns(connection, file.resultTable());
            groups.put(file.name(), columns);
            for (String column : columns) {
                if (!column.equals("SK_ID_CURR") && !column.equals("TARGET")
                        && fileOf.put(column, file.name()) != null) {
                    throw new IllegalStateException("feature " + column + " is made twice (second time in "
                            + file.name() + ".sql)");
                }
                byName.put(column, templates.get(file).origin(column));
            }
        }
        long start = System.nanoTime();
        progress.begin("features join", 0, "");
        execute(connection, "CREATE OR REPLACE TABLE " + FEATURE_TABLE + " AS "
                + new SqlTemplate(schema, vocabularies, Dialect.DUCKDB, groups).expand(FeatureFiles.JOIN.text(), null));
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
                .map(c -> c.name().equals("TARGET") ? "CAST(NULL AS BIGINT) AS TARGET" : Dialect.DUCKDB.identifier(c.name()))
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
