package fr.pretadepenser.scoring.features;

import fr.pretadepenser.scoring.data.Application;
import fr.pretadepenser.scoring.data.ClientRecords;
import fr.pretadepenser.scoring.data.InvalidFieldException;
import fr.pretadepenser.scoring.schema.Column;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import fr.pretadepenser.scoring.schema.Table;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.duckdb.DuckDBConnection;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The features of one application at a time, for the scoring API: the same SQL files and the same manifest
 * (vocabularies, feature order) as the batch table, run by DuckDB over one client's rows instead of the whole
 * database. Safe for concurrent callers: each call borrows a pooled session (a connection and its prepared
 * query), and the pool grows to the number of concurrent callers.
 *
 * <p>Two cases, two designs, chosen by measurement ({@code scoring bench features}, 2-core machine, typical
 * history of about 180 rows):
 * <ul>
 *   <li><b>Edited application</b> of a stored client ({@link ClientRecords#edited}): on a
 *       {@link DuckDBConnection#duplicate() duplicate} of the feature database's connection, one query reads
 *       the client's stored features from {@link DuckDbFeatureEngine#LOOKUP_TABLE} (one list per client,
 *       indexed by SK_ID_CURR; kept in memory once read, {@link #STORED_ROWS_BYTES}), and the application file,
 *       evaluated in Java for the one row ({@link RowProjection}, about 5 µs), gives the features that replace
 *       the stored application's. Run by DuckDB, the file cost 2.5 ms for one row and three quarters of the
 *       route's CPU time (a server answered 171 edited applications a second with it, 619 without it); DuckDB
 *       still runs it when the file is not a projection {@link RowProjection} evaluates exactly: one prepared
 *       query over a relation {@code application} of bound parameters, concurrent callers' edited applications
 *       together, one row each ({@link FeatureBatches}), as new applications do. A stored client scored
 *       as it is reads only that list ({@link #storedFeatures}). Measured alternatives: one parameter per column
 *       makes DuckDB plan the query again whenever a value is NULL (8 ms instead of 1 ms), so the values go as
 *       three typed lists; fetching one row of the wide {@code features} table costs about 20 µs per column:
 *       10–14 ms with an index, 35–45 ms without at 356,000 rows, against 0.2 ms for the indexed list; a result
 *       of 500 columns costs 3 ms in the JDBC driver, one list column 0.1 ms.</li>
 *   <li><b>New application</b> with its history ({@link ClientRecords#withHistory}): every file evaluated in
 *       Java for the client's rows, the application file by {@link RowProjection} and the side tables' files by
 *       {@link HistoryQuery} (joins, groups, aggregates and windows as DuckDB computes them), about 0.15 ms for a
 *       typical history of 160 rows. DuckDB remains the fallback, for a file the Java evaluation refuses and for a
 *       client whose integers overflow: each session is then a private in-memory DuckDB database with empty
 *       tables of the Home Credit schema; the rows are appended (DuckDB's appender, kept open per table), each
 *       table file runs as its own prepared query, and the tables are emptied. That run cost about 30 ms whatever
 *       the rows (DuckDB sets up vectors of 2,048 rows for each of a file's hundreds of columns), hence concurrent
 *       callers' applications run together in one batch ({@link FeatureBatches}), and a file whose table got no
 *       rows is not run. Measured alternatives for that path: the files and the join file as one query cost 45 ms
 *       over empty tables alone; a new appender per table and call adds 6 ms; unprepared queries cost 4 to 60 ms
 *       each to plan.</li>
 * </ul>
 * The prepared queries are planned once over empty tables, so the scratch databases turn off the optimizations
 * that trust table statistics (a perfect hash aggregate planned for an empty table fails on the next client).
 * No feature is defined in Java: this class moves raw values in and the result row out, and the Java evaluations
 * read the files.
 */
public final class OnlineFeatureBuilder implements FeatureBuilder, AutoCloseable {

    /**
     * The most bytes of stored feature rows kept in memory (about 5,000 clients of 837 features). A client whose
     * application is edited is usually edited again (the dashboard's "what if"), and each read of a row is a DuckDB
     * query: with the application file in Java, that query was most of what an edited application costs the server
     * (619 edited applications a second with it, 994 with a stub in its place). The rows never change while a builder
     * lives (the database's feature table is built before it and a model switch makes a new builder).
     */
    static final long STORED_ROWS_BYTES = 32L << 20;

    private final FeatureManifest manifest;
    private final SessionPool<ScratchDatabase> scratch;
    private final FeatureBatches<ScratchDatabase, ScratchDatabase.Rows> newApplications;
    private final SessionPool<StoredFeatures> stored;
    private final FeatureBatches<StoredFeatures, StoredFeatures.TypedApplication> editedApplications;
    private final Map<String, Table> relations;
    private final List<Column> applicationColumns;
    private final Set<String> applicationNames;
    private final int[] applicationPositions;
    private final RowProjection applicationRows;
    private final List<OnlineSql.FileQuery> files;
    private final boolean historyInJava;
    private final Cache<Long, double[]> storedRows = Caffeine.newBuilder().maximumWeight(STORED_ROWS_BYTES)
            .weigher((Long client, double[] row) -> 16 + 8 * row.length).build();

    /**
     * A builder for both cases.
     *
     * @param schema   the Home Credit schema (normally {@link HomeCreditSchema#load()})
     * @param manifest the manifest of the stored feature table (or of the model being served)
     * @param database a connection to the built feature database, for edited applications; empty to serve only
     *                 new applications. It is duplicated, never used directly, and must outlive this builder.
     * @throws IllegalStateException when the manifest was made by other feature SQL
     * @throws SQLException          when DuckDB cannot prepare the queries
     */
    public OnlineFeatureBuilder(HomeCreditSchema schema, FeatureManifest manifest, Optional<Connection> database)
            throws SQLException {
        manifest.checkSqlUnchanged();
        this.manifest = manifest;
        ScratchDatabase first = new ScratchDatabase(schema);
        OnlineSql sql;
        try {
            sql = OnlineSql.expand(first.connection(), schema, manifest);
            first.prepare(sql);
        } catch (SQLException | RuntimeException e) {
            first.close();
            throw e;
        }
        this.scratch = new SessionPool<>(() -> new ScratchDatabase(schema).prepare(sql));
        scratch.offer(first);
        int featureCount = manifest.features().size();
        int cores = Runtime.getRuntime().availableProcessors();
        this.newApplications = new FeatureBatches<>(scratch, (s, batch) -> s.features(batch, featureCount), cores);
        this.relations = OnlineSql.sourceRelations(schema);
        this.applicationColumns = OnlineSql.applicationColumns(schema);
        this.applicationNames = Set.copyOf(schema.table(HomeCreditSchema.APPLICATION_TRAIN).header());
        this.applicationPositions = sql.files().get(0).positions();
        this.applicationRows = sql.applicationRows();
        this.files = sql.files();
        this.historyInJava = applicationRows != null
                && files.stream().skip(1).allMatch(f -> !f.runs() || f.inJava() != null);
        if (database.isPresent()) {
            DuckDBConnection duckdb = database.get().unwrap(DuckDBConnection.class);
            List<String> built = DuckDbFeatureEngine.storedManifest(database.get()).map(FeatureManifest::featureNames)
                    .orElseThrow(() -> new IllegalStateException("no feature table in the database; run 'scoring"
                            + " features' first"));
            SessionPool.Opener<StoredFeatures> opener = () -> {
                DuckDBConnection copy = duckdb.duplicate();
                try {
                    return new StoredFeatures(copy, sql, built, manifest.featureNames());
                } catch (SQLException e) {
                    copy.close();
                    throw e;
                }
            };
            // One session now, so that a database without the lookup table fails here rather than at a call.
            this.stored = new SessionPool<>(opener);
            stored.offer(opener.open());
            this.editedApplications = new FeatureBatches<>(stored, StoredFeatures::applicationFeatures, cores);
        } else {
            this.stored = null;
            this.editedApplications = null;
        }
    }

    /**
     * A builder over a feature database built by {@link DuckDbFeatureEngine}, with the manifest stored there.
     *
     * @throws IllegalStateException when the database has no feature table yet
     */
    public static OnlineFeatureBuilder over(Connection database) throws SQLException {
        FeatureManifest manifest = DuckDbFeatureEngine.storedManifest(database).orElseThrow(
                () -> new IllegalStateException("the database has no feature table; run 'scoring features' first"));
        return new OnlineFeatureBuilder(HomeCreditSchema.load(), manifest, Optional.of(database));
    }

    /**
     * Whether the application file is evaluated in Java ({@link RowProjection}) rather than by a DuckDB query: true
     * for the files as shipped; false when an edit of the file uses what the Java evaluation refuses.
     */
    public boolean applicationFileInJava() {
        return applicationRows != null;
    }

    /**
     * Whether a new application's history features are evaluated in Java ({@link HistoryQuery}) rather than by a
     * scratch DuckDB database: true for the files as shipped (with the application file in Java too); false when an
     * edit of a file uses what the Java evaluation refuses.
     */
    public boolean historyFilesInJava() {
        return historyInJava;
    }

    /** The feature names, in the order of the vectors returned. */
    public List<String> featureNames() {
        return manifest.featureNames();
    }

    @Override
    public double[] forClient(ClientRecords records) {
        try {
            if (records.history().isPresent()) {
                ScratchDatabase.Rows rows = ScratchDatabase.typed(relations, records.application(),
                        records.history().get());
                double[] inJava = inJava(rows);
                return inJava != null ? inJava : newApplications.compute(rows);
            }
            if (stored == null) {
                throw new IllegalStateException("this builder has no feature database: send the client's history");
            }
            Application edited = records.application();
            StoredFeatures.TypedApplication typed = StoredFeatures.typed(applicationColumns, applicationNames, edited);
            double[] features = storedOrRefuse(edited);
            return withApplication(features, applicationFeatures(typed));
        } catch (SQLException e) {
            // No client id in the message: it reaches the server's error log.
            throw new IllegalStateException("DuckDB failed to compute an application's features: "
                    + e.getMessage(), e);
        }
    }

    /**
     * The features of several applications, in their order, as {@link #forClient} gives them one at a time: for a
     * batch request, the applications with history run together on one session, up to {@link FeatureBatches#MOST}
     * at a time, and so do the edited ones, instead of one run each. Every application's values are checked
     * before any runs.
     *
     * @throws fr.pretadepenser.scoring.data.InvalidFieldException for a value that does not fit its column, or an
     *                                                             edited application of a client with no stored
     *                                                             features
     */
    public List<double[]> forClients(List<ClientRecords> clients) {
        int count = manifest.features().size();
        List<Integer> sent = new ArrayList<>();
        List<ScratchDatabase.Rows> sentRows = new ArrayList<>();
        List<Integer> edits = new ArrayList<>();
        List<StoredFeatures.TypedApplication> editRows = new ArrayList<>();
        for (int i = 0; i < clients.size(); i++) {
            ClientRecords records = clients.get(i);
            if (records.history().isPresent()) {
                sent.add(i);
                sentRows.add(ScratchDatabase.typed(relations, records.application(), records.history().get()));
            } else {
                if (stored == null) {
                    throw new IllegalStateException("this builder has no feature database: send the client's"
                            + " history");
                }
                edits.add(i);
                editRows.add(StoredFeatures.typed(applicationColumns, applicationNames, records.application()));
            }
        }
        double[][] features = new double[clients.size()][];
        try {
            for (int from = 0; from < sent.size(); from += FeatureBatches.MOST) {
                List<ScratchDatabase.Rows> chunk = sentRows.subList(from, Math.min(sent.size(),
                        from + FeatureBatches.MOST));
                List<double[]> computed = new ArrayList<>();
                for (ScratchDatabase.Rows rows : chunk) {
                    computed.add(inJava(rows));
                }
                if (computed.contains(null)) {
                    computed = scratch.with(s -> s.features(chunk, count));
                }
                for (int j = 0; j < computed.size(); j++) {
                    features[sent.get(from + j)] = computed.get(j);
                }
            }
            for (int from = 0; from < edits.size(); from += FeatureBatches.MOST) {
                List<StoredFeatures.TypedApplication> chunk = editRows.subList(from, Math.min(edits.size(),
                        from + FeatureBatches.MOST));
                List<double[]> recomputed = applicationRows != null ? inJava(chunk)
                        : stored.with(s -> s.applicationFeatures(chunk));
                for (int j = 0; j < recomputed.size(); j++) {
                    Application edited = clients.get(edits.get(from + j)).application();
                    features[edits.get(from + j)] = withApplication(storedOrRefuse(edited),
                            recomputed.get(j));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB failed to compute applications' features: " + e.getMessage(), e);
        }
        return List.of(features);
    }

    /**
     * A new application's features with every file evaluated in Java ({@link RowProjection}, {@link HistoryQuery}),
     * as the scratch database gives them; null when a file has no Java evaluation or a value goes where that
     * evaluation stops (an integer past 64 bits or made a double past 2^53): the scratch database then computes the
     * application, with its 128-bit sums, and reports what it fails too.
     */
    private double[] inJava(ScratchDatabase.Rows rows) {
        if (!historyInJava) {
            return null;
        }
        double[] features = new double[manifest.features().size()];
        Arrays.fill(features, Double.NaN);
        try {
            Map<String, List<Object[]>> tables = rows.byRelation();
            double[] application = applicationRows.apply(tables.get(FeatureFiles.APPLICATION).get(0));
            for (int i = 0; i < application.length; i++) {
                features[applicationPositions[i]] = application[i];
            }
            for (OnlineSql.FileQuery file : files.subList(1, files.size())) {
                if (!file.runs()) {
                    continue;
                }
                // No row when the client has none in that table: its features stay missing, as the batch join
                // leaves them.
                List<double[]> result = file.inJava().apply(tables);
                if (result.size() > 1) {
                    throw new IllegalStateException("a feature file gave " + result.size() + " rows for one client");
                }
                if (!result.isEmpty()) {
                    int[] at = file.positions();
                    for (int i = 0; i < at.length; i++) {
                        features[at[i]] = result.get(0)[i];
                    }
                }
            }
        } catch (ArithmeticException overflow) {
            return null;
        }
        return features;
    }

    /** The application file's features of an edited application: in Java when it can, else by DuckDB. */
    private double[] applicationFeatures(StoredFeatures.TypedApplication typed) throws SQLException {
        if (applicationRows != null) {
            try {
                return applicationRows.apply(typed.values());
            } catch (ArithmeticException overflow) {
                // An integer overflow: DuckDB fails the row with its own error, which the caller reports as before.
            }
        }
        return editedApplications.compute(typed);
    }

    /** The application file's features of several edited applications, in Java, each as above. */
    private List<double[]> inJava(List<StoredFeatures.TypedApplication> applications) throws SQLException {
        List<double[]> features = new ArrayList<>(applications.size());
        for (StoredFeatures.TypedApplication one : applications) {
            features.add(applicationFeatures(one));
        }
        return features;
    }

    /** The stored features of an edited application's client; refused when it has none. */
    private double[] storedOrRefuse(Application edited) {
        return storedFeatures(edited.clientId()).orElseThrow(
                () -> new InvalidFieldException("application.SK_ID_CURR", "no stored features for client "
                        + edited.clientId() + "; send its history to compute them"));
    }

    /** The stored features with the application file's replaced by the recomputed ones. */
    private double[] withApplication(double[] features, double[] recomputed) {
        for (int i = 0; i < recomputed.length; i++) {
            features[applicationPositions[i]] = recomputed[i];
        }
        return features;
    }

    /**
     * A stored client's features exactly as the batch build made them (one indexed read, no computation), in
     * manifest order; empty for an unknown client.
     *
     * @throws IllegalStateException when this builder has no feature database
     */
    public Optional<double[]> storedFeatures(long clientId) {
        // A copy: callers write an edited application's features into it.
        return Optional.ofNullable(storedRow(clientId)).map(double[]::clone);
    }

    /**
     * Whether a client has stored features. Reads the row, kept for the {@link #storedFeatures} or edited
     * application that usually follows (the route that asks scores the client next).
     *
     * @throws IllegalStateException when this builder has no feature database
     */
    public boolean isStored(long clientId) {
        return storedRow(clientId) != null;
    }

    /** A stored client's row from memory or, read once, from the database; null for an unknown client. */
    private double[] storedRow(long clientId) {
        if (stored == null) {
            throw new IllegalStateException("this builder has no feature database");
        }
        int count = manifest.features().size();
        // An unknown client is not kept: a null result leaves nothing in the cache.
        return storedRows.get(clientId, id -> {
            try {
                return stored.with(s -> s.stored(id, count)).orElse(null);
            } catch (SQLException e) {
                throw new IllegalStateException("DuckDB failed to read the features of a client: " + e.getMessage(),
                        e);
            }
        });
    }

    /**
     * The stored application of a client, as the Kaggle files write it (TARGET left out), to score it as it is
     * or edited ({@link ClientRecords#edited}); empty for an unknown client.
     *
     * @throws IllegalStateException when this builder has no feature database
     */
    public Optional<Application> storedApplication(long clientId) {
        if (stored == null) {
            throw new IllegalStateException("this builder has no feature database");
        }
        try {
            return stored.with(s -> s.application(clientId));
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB failed to read the application of a client: " + e.getMessage(),
                    e);
        }
    }

    /** Closes every pooled session; the feature database's connection is the caller's to close. */
    @Override
    public void close() {
        scratch.close();
        if (stored != null) {
            stored.close();
        }
    }
}
