package fr.pretadepenser.scoring.portfolio;

import fr.pretadepenser.scoring.features.DuckDbFeatureEngine;
import fr.pretadepenser.scoring.features.FeatureManifest;
import fr.pretadepenser.scoring.features.FeatureMatrixReader;
import fr.pretadepenser.scoring.features.FeatureRows;
import fr.pretadepenser.scoring.model.bundle.ModelBundle;
import fr.pretadepenser.scoring.progress.Progress;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import fr.pretadepenser.scoring.score.Scorer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Every client of the feature table with its probability of default under the bundle and its outcome, in id
 * order. Scoring 356,000 clients of about 760 features takes a while, so the probabilities are kept in
 * {@value #TABLE} with the model version and read back on the next start with the same model; another version
 * scores again. Read-only once built.
 */
final class ClientScores {

    /** The cache: SK_ID_CURR, probability, model_version. */
    static final String TABLE = "client_scores";

    private static final String STAGE = "client scores";
    private static final byte TEST = -1;

    private final long[] ids;
    private final double[] probabilities;
    private final byte[] outcomes;
    private final boolean computed;

    private ClientScores(long[] ids, double[] probabilities, byte[] outcomes, boolean computed) {
        this.ids = ids;
        this.probabilities = probabilities;
        this.outcomes = outcomes;
        this.computed = computed;
    }

    /**
     * The scores of the bundle's version, from the cache when it covers every client of the feature table, else
     * computed (and cached when the database accepts writes).
     *
     * @throws IllegalStateException when the feature table's columns are not the bundle's
     */
    static ClientScores load(Connection connection, Scorer scorer, Progress progress) throws SQLException {
        ModelBundle bundle = scorer.bundle();
        checkFeatureColumns(connection, bundle.features());
        String version = bundle.manifest().version();
        Optional<ClientScores> cached = cached(connection, version);
        if (cached.isPresent()) {
            progress.begin(STAGE, 0, "");
            progress.end(String.format(Locale.ROOT, "%,d clients read from %s (model %s)", cached.get().size(),
                    TABLE, version));
            return cached.get();
        }
        long start = System.nanoTime();
        ClientScores scores = compute(connection, scorer, progress);
        String stored = store(connection, scores, version);
        progress.end(String.format(Locale.ROOT, "%,d clients scored in %.1f s; %s", scores.size(),
                (System.nanoTime() - start) / 1e9, stored));
        return scores;
    }

    /**
     * Refuses a feature table whose columns differ from the model's (or, for a model on selected features, do not
     * hold them in their order): another order or vocabulary would silently score with the wrong values.
     */
    static void checkFeatureColumns(Connection connection, FeatureManifest model) throws SQLException {
        List<String> stored = new ArrayList<>();
        try (Statement s = connection.createStatement();
             ResultSet r = s.executeQuery("SELECT * FROM " + DuckDbFeatureEngine.FEATURE_TABLE + " LIMIT 0")) {
            ResultSetMetaData meta = r.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                String name = meta.getColumnName(i);
                if (!name.equals("SK_ID_CURR") && !name.equals("TARGET")) {
                    stored.add(name);
                }
            }
        }
        List<String> expected = model.featureNames();
        if (model.isAmong(stored)) {
            // A model on selected features reads those of the table's: compare them alone.
            Set<String> read = new HashSet<>(expected);
            stored = stored.stream().filter(read::contains).toList();
        }
        String sql = DuckDbFeatureEngine.storedManifest(connection).map(FeatureManifest::sqlSha256).orElse(null);
        if (!stored.equals(expected) || sql != null && !sql.equals(model.sqlSha256())) {
            int first = 0;
            while (first < Math.min(stored.size(), expected.size()) && stored.get(first).equals(expected.get(first))) {
                first++;
            }
            String where = stored.equals(expected) ? "the feature SQL hash differs (database " + sql + ", model "
                    + model.sqlSha256() + ")" : String.format(Locale.ROOT, "the database has %d features, the model"
                    + " %d; first difference at position %d (%s in the database, %s in the model)", stored.size(),
                    expected.size(), first + 1, first < stored.size() ? stored.get(first) : "none",
                    first < expected.size() ? expected.get(first) : "none");
            throw new IllegalStateException("the database's features were built by other SQL/vocabularies than the"
                    + " model; run 'scoring features' again (" + where + ")");
        }
    }

    /** What is done with one known client's application row. */
    @FunctionalInterface
    interface ApplicationRow {
        /** @param index the client's position; {@code row} holds SK_ID_CURR then the asked columns */
        void accept(int index, ResultSet row) throws SQLException;
    }

    /**
     * Reads some columns of the application of every known client (training and test applications) and hands
     * each row with the client's position to {@code action}; applications of unknown clients are skipped.
     *
     * @param columns the columns after SK_ID_CURR, e.g. {@code "NAME_INCOME_TYPE, DAYS_BIRTH"}
     */
    void forEachApplication(Connection connection, String columns, ApplicationRow action) throws SQLException {
        String select = "SK_ID_CURR, " + columns;
        try (Statement s = connection.createStatement();
             ResultSet r = s.executeQuery("SELECT " + select + " FROM " + HomeCreditSchema.APPLICATION_TRAIN
                     + " UNION ALL SELECT " + select + " FROM " + HomeCreditSchema.APPLICATION_TEST)) {
            while (r.next()) {
                int i = indexOf(r.getLong(1));
                if (i >= 0) {
                    action.accept(i, r);
                }
            }
        }
    }

    /** Whether this instance scored the clients rather than reading the cache. */
    boolean computed() {
        return computed;
    }

    int size() {
        return ids.length;
    }

    /** The position of a client, or a negative number when unknown. */
    int indexOf(long clientId) {
        return Arrays.binarySearch(ids, clientId);
    }

    long id(int index) {
        return ids[index];
    }

    double probability(int index) {
        return probabilities[index];
    }

    boolean isTrain(int index) {
        return outcomes[index] != TEST;
    }

    /** TARGET of a training client, -1 for a test client. */
    int outcome(int index) {
        return outcomes[index];
    }

    private static Optional<ClientScores> cached(Connection connection, String version) throws SQLException {
        try (PreparedStatement exists = connection.prepareStatement(
                "SELECT count(*) FROM information_schema.tables WHERE table_name = ?")) {
            exists.setString(1, TABLE);
            try (ResultSet r = exists.executeQuery()) {
                r.next();
                if (r.getLong(1) == 0) {
                    return Optional.empty();
                }
            }
        }
        int rows = count(connection);
        long[] ids = new long[rows];
        double[] probabilities = new double[rows];
        byte[] outcomes = new byte[rows];
        try (PreparedStatement query = connection.prepareStatement("SELECT f.SK_ID_CURR, f.TARGET, s.probability FROM "
                + DuckDbFeatureEngine.FEATURE_TABLE + " f LEFT JOIN " + TABLE + " s ON s.SK_ID_CURR = f.SK_ID_CURR"
                + " AND s.model_version = ? ORDER BY f.SK_ID_CURR")) {
            query.setString(1, version);
            try (ResultSet r = query.executeQuery()) {
                int i = 0;
                while (r.next()) {
                    ids[i] = r.getLong(1);
                    int target = r.getInt(2);
                    outcomes[i] = r.wasNull() ? TEST : (byte) target;
                    probabilities[i] = r.getDouble(3);
                    if (r.wasNull()) {
                        // A client the cache does not know: the features were rebuilt with other clients.
                        return Optional.empty();
                    }
                    i++;
                }
            }
        }
        return Optional.of(new ClientScores(ids, probabilities, outcomes, false));
    }

    private static ClientScores compute(Connection connection, Scorer scorer, Progress progress)
            throws SQLException {
        int rows = count(connection);
        long[] ids = new long[rows];
        double[] probabilities = new double[rows];
        byte[] outcomes = new byte[rows];
        progress.begin(STAGE, rows, "clients");
        // No ORDER BY: sorting the wide table would make DuckDB hold all of it; the rows are put in id order below.
        try (FeatureMatrixReader reader = FeatureMatrixReader.open(connection,
                scorer.bundle().features().featureNames(), "", "")) {
            int done = 0;
            for (FeatureRows chunk = reader.next(FeatureMatrixReader.CHUNK); chunk.rows() > 0;
                 chunk = reader.next(FeatureMatrixReader.CHUNK)) {
                System.arraycopy(chunk.clients(), 0, ids, done, chunk.rows());
                System.arraycopy(scorer.probabilities(chunk), 0, probabilities, done, chunk.rows());
                for (int i = 0; i < chunk.rows(); i++) {
                    outcomes[done + i] = chunk.targets()[i] == FeatureRows.UNLABELLED ? TEST
                            : (byte) chunk.targets()[i];
                }
                done += chunk.rows();
                progress.update(done);
            }
        }
        int[] order = IntStream.range(0, rows).boxed().sorted((a, b) -> Long.compare(ids[a], ids[b]))
                .mapToInt(Integer::intValue).toArray();
        long[] sortedIds = new long[rows];
        double[] sortedProbabilities = new double[rows];
        byte[] sortedOutcomes = new byte[rows];
        for (int i = 0; i < rows; i++) {
            sortedIds[i] = ids[order[i]];
            sortedProbabilities[i] = probabilities[order[i]];
            sortedOutcomes[i] = outcomes[order[i]];
        }
        return new ClientScores(sortedIds, sortedProbabilities, sortedOutcomes, true);
    }

    /**
     * Replaces the cache in one statement (so one transaction: readers see the old scores or all the new ones).
     * A read-only database cannot keep them: the scores stay in memory and the next start scores again.
     */
    private static String store(Connection connection, ClientScores scores, String version) {
        try (PreparedStatement write = connection.prepareStatement("CREATE OR REPLACE TABLE " + TABLE + " AS SELECT"
                + " unnest(CAST(? AS BIGINT[])) AS SK_ID_CURR, unnest(CAST(? AS DOUBLE[])) AS probability,"
                + " CAST(? AS VARCHAR) AS model_version")) {
            write.setArray(1, connection.createArrayOf("BIGINT",
                    Arrays.stream(scores.ids).boxed().toArray(Long[]::new)));
            write.setArray(2, connection.createArrayOf("DOUBLE",
                    Arrays.stream(scores.probabilities).boxed().toArray(Double[]::new)));
            write.setString(3, version);
            write.execute();
            return "cached in " + TABLE;
        } catch (SQLException e) {
            return "not cached (" + e.getMessage().lines().findFirst().orElse("") + ")";
        }
    }

    private static int count(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM " + DuckDbFeatureEngine.FEATURE_TABLE)) {
            r.next();
            return Math.toIntExact(r.getLong(1));
        }
    }
}
