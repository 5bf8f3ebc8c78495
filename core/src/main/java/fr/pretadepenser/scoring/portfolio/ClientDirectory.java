package fr.pretadepenser.scoring.portfolio;

import fr.pretadepenser.scoring.data.InvalidFieldException;
import fr.pretadepenser.scoring.explain.Language;
import fr.pretadepenser.scoring.explain.VariableLabels;
import fr.pretadepenser.scoring.model.bundle.ModelBundle;
import fr.pretadepenser.scoring.progress.Progress;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import fr.pretadepenser.scoring.score.Scorer;
import org.duckdb.DuckDBConnection;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The clients of a feature database as the scoring API reads them: search, profile, similar clients and feature
 * distributions, with every client's probability under one model bundle computed once at opening.
 *
 * <p>Safe for concurrent callers. What is held in memory (ids, probabilities, outcomes, the searched columns, the
 * neighbour vectors) is built at opening and only read afterwards; each call that queries DuckDB does so on its own
 * {@link DuckDBConnection#duplicate() duplicate} of the database connection (about 0.02 ms to make), since a JDBC
 * connection must not serve two threads at once.
 *
 * <p>Costs at Kaggle size (356,255 clients, 748 features, synthetic data with the side tables shuffled as the Kaggle
 * files are, an 80-tree model; 2-core machine shared with other builds; medians): opening scores every client in
 * 10 s (chunks of 5,000 rows, about 35,000 clients/s; writing the cache is 0.5 s of it), or reads the cache in
 * 1.5 s; the in-memory structures take about 50 MB of heap. A search takes 0.01 to 4 ms, a neighbour search 3 to
 * 8 ms, a profile about 100 ms (the history summary scans the client column of every side table: 60 to 90 ms;
 * 20 ms in all when the tables are stored in client order), a distribution 50 to 70 ms the first time for a
 * feature and number of bins and 10 ms after, a scatter of 5,000 points 25 ms.
 */
public final class ClientDirectory implements AutoCloseable {

    /** The largest number of neighbours asked for. */
    public static final int MAX_NEIGHBORS = 100;

    private final DuckDBConnection database;
    private final ClientScores scores;
    private final ClientSearch search;
    private final NeighborIndex neighbors;
    private final Distributions distributions;
    private final ApplicationProfiles profiles;
    private final PortfolioSummaries portfolios;
    private final VariableLabels labels;
    private final HistorySummaries histories = new HistorySummaries();
    private volatile boolean closed;

    private ClientDirectory(DuckDBConnection database, ModelBundle bundle, ClientScores scores, ClientSearch search,
                            NeighborIndex neighbors, PortfolioSummaries portfolios) {
        this.labels = new VariableLabels(HomeCreditSchema.load());
        this.database = database;
        this.scores = scores;
        this.search = search;
        this.neighbors = neighbors;
        this.portfolios = portfolios;
        this.distributions = new Distributions(bundle.features(), labels, scores);
        this.profiles = new ApplicationProfiles(labels);
    }

    /**
     * Opens over a feature database and a loaded bundle; scores every client once (or reads the scores cached in
     * {@code client_scores} for this model version), with progress.
     *
     * @param database a DuckDB connection to a database with the ingested tables and the feature table; it stays
     *                 the caller's (not closed here) and must stay open as long as the directory
     * @param scorer   scores with the model whose probabilities are shown
     * @param progress where the scoring reports how far it has gone
     * @throws IllegalStateException when the feature table's columns are not the bundle's features
     * @throws SQLException          when DuckDB cannot read the tables
     */
    public static ClientDirectory open(Connection database, Scorer scorer, Progress progress)
            throws SQLException {
        DuckDBConnection duckdb = database.unwrap(DuckDBConnection.class);
        ModelBundle bundle = scorer.bundle();
        ClientScores scores = ClientScores.load(database, scorer, progress);
        progress.begin("client directory", 0, "");
        ClientSearch search = ClientSearch.load(database, scores, bundle.manifest().threshold());
        NeighborIndex neighbors = NeighborIndex.load(database, bundle, scores);
        PortfolioSummaries portfolios = PortfolioSummaries.load(database, scores, bundle.manifest().threshold());
        progress.end(String.format(Locale.ROOT, "%,d clients; neighbours on %s", scores.size(),
                String.join(", ", neighbors.columns())));
        return new ClientDirectory(duckdb, bundle, scores, search, neighbors, portfolios);
    }

    /** How many clients are known: the training and test applications of the feature table. */
    public int size() {
        return scores.size();
    }

    /** One page of the clients matching the query, in id order, with the total number of matches, in French. */
    public ClientPage search(ClientQuery query) {
        return search(query, Language.FR);
    }

    /** The same with the categories labelled in {@code language}. */
    public ClientPage search(ClientQuery query, Language language) {
        checkOpen();
        return search.search(query, language, labels);
    }

    /** A client as listed by {@link #search}, labelled in {@code language}, or empty for an unknown id. */
    public Optional<ClientSummary> summary(long clientId, Language language) {
        checkOpen();
        int i = scores.indexOf(clientId);
        return i < 0 ? Optional.empty() : Optional.of(search.summary(i, language, labels));
    }

    /**
     * A client's application values (labelled in {@code language}), credit history summary and verdict, or empty
     * for an unknown id.
     */
    public Optional<ClientProfile> profile(long clientId, Language language) {
        Optional<ClientSummary> summary = summary(clientId, language);
        if (summary.isEmpty()) {
            return Optional.empty();
        }
        try (DuckDBConnection connection = database.duplicate()) {
            Optional<List<ProfileSection>> sections = profiles.sections(connection, clientId,
                    summary.get().sample().equals(ClientSummary.TRAIN), language);
            if (sections.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new ClientProfile(summary.get(), sections.get(),
                    histories.summary(connection, clientId)));
        } catch (SQLException e) {
            throw failure("read the profile of client " + clientId, e);
        }
    }

    /**
     * The {@code k} training clients most similar to a client, or empty for an unknown id.
     *
     * @throws InvalidFieldException when k is not in 1..{@value #MAX_NEIGHBORS}
     */
    public Optional<Neighbors> neighbors(long clientId, int k) {
        checkOpen();
        if (k < 1 || k > MAX_NEIGHBORS) {
            throw new InvalidFieldException("k", "1 to " + MAX_NEIGHBORS + " expected, got " + k);
        }
        return neighbors.nearest(clientId, k);
    }

    /**
     * The histogram of a feature column in {@code bins} (1..100) bins, split by outcome, with the client placed in
     * it when one is given and known.
     *
     * @throws InvalidFieldException for a name that is not one of the model's features (see
     *                                  {@link #featureNames()}) or a number of bins out of range
     */
    public Distribution distribution(String feature, OptionalLong clientId, int bins) {
        checkOpen();
        try (DuckDBConnection connection = database.duplicate()) {
            return distributions.distribution(connection, feature, clientId, bins);
        } catch (SQLException e) {
            throw failure("compute the distribution of " + feature, e);
        }
    }

    /**
     * A fixed sample of up to {@code sample} (1..5000) training clients on two features, with the client placed
     * among them when one is given and known.
     *
     * @throws InvalidFieldException for a name that is not one of the model's features or a sample out of range
     */
    public Scatter scatter(String featureX, String featureY, OptionalLong clientId, int sample) {
        checkOpen();
        try (DuckDBConnection connection = database.duplicate()) {
            return distributions.scatter(connection, featureX, featureY, clientId, sample);
        } catch (SQLException e) {
            throw failure("sample " + featureX + " against " + featureY, e);
        }
    }

    /**
     * Every client under the served model: the probabilities in {@code bins} (1..100) equal-width bins split by
     * outcome, approval and default rates, and both by income type, education and age band (each group's value
     * labelled in {@code language}).
     *
     * @throws InvalidFieldException when bins is out of range
     */
    public Portfolio portfolio(int bins, Language language) {
        checkOpen();
        if (bins < 1 || bins > 100) {
            throw new InvalidFieldException("bins", "1 to 100 expected, got " + bins);
        }
        return portfolios.portfolio(bins, language, labels);
    }

    /** A client's probability of default from the stored features (computed at opening), or empty if unknown. */
    public OptionalDouble probability(long clientId) {
        checkOpen();
        int i = scores.indexOf(clientId);
        return i < 0 ? OptionalDouble.empty() : OptionalDouble.of(scores.probability(i));
    }

    /** The names {@link #distribution} and {@link #scatter} accept: the model's features, in manifest order. */
    public List<String> featureNames() {
        return distributions.names();
    }

    /** The feature columns similar clients are compared on, most important first. */
    public List<String> neighborFeatures() {
        return neighbors.columns();
    }

    /** Whether opening scored the clients (false when it read them from the cache): for tests and logs. */
    boolean scoresComputed() {
        return scores.computed();
    }

    /** Stops further queries; the database connection stays open (it is the caller's). */
    @Override
    public void close() {
        closed = true;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the client directory is closed");
        }
    }

    private static IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException("DuckDB failed to " + what + ": " + e.getMessage(), e);
    }
}
