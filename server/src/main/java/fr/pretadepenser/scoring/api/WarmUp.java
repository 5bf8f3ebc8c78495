package fr.pretadepenser.scoring.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.pretadepenser.scoring.data.check.InvalidApplicationException;
import fr.pretadepenser.scoring.explain.Language;
import fr.pretadepenser.scoring.explain.VariableLabels;
import fr.pretadepenser.scoring.features.DuckDbClientRecords;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import fr.pretadepenser.scoring.score.ApplicationScoring;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Scores new applications with history in the background after start, so that the JIT has compiled that path before
 * callers pay for it: loaded cold, the server's compiler took most of a core for 25 to 30 s and the rate stayed at half
 * its steady value meanwhile; the first requests took 100 to 200 ms against 5 to 15 ms warm (per-thread CPU and JFR,
 * 2026-12-06). The applications are stored clients' sent as a caller sends them: JSON bytes through the request's
 * parser, checks, features, TreeSHAP, audit reference and answer. None is audited or counted: they are no decisions.
 * What it cannot reach, the HTTP server's own code for large bodies, the audit log and the access log, is compiled
 * under the first callers' load.
 */
final class WarmUp implements AutoCloseable {

    /** The stored clients whose applications are sent in turn. */
    static final int CLIENTS = 100;

    private static final Logger LOG = LoggerFactory.getLogger(WarmUp.class);
    // What a caller's client library sends: null values written, keys as given.
    private static final ObjectMapper BODIES = new ObjectMapper();
    private static final ObjectMapper ANSWERS = ApiServer.json();

    private final CurrentModel model;
    private final VariableLabels labels;
    private final Thread thread;
    private volatile boolean stopped;
    private volatile boolean finished;

    private WarmUp(CurrentModel model, VariableLabels labels, Connection connection, int scorings) {
        this.model = model;
        this.labels = labels;
        this.thread = new Thread(() -> run(connection, scorings), "warm-up");
        thread.setDaemon(true);
    }

    /** Starts {@code scorings} scorings in a thread of their own; none when 0 (then {@link #finished()} at once). */
    static WarmUp start(CurrentModel model, VariableLabels labels, Connection connection, int scorings) {
        if (scorings < 0) {
            throw new IllegalArgumentException("the warm-up's scorings must not be negative, was " + scorings);
        }
        WarmUp warmUp = new WarmUp(model, labels, connection, scorings);
        if (scorings == 0) {
            warmUp.finished = true;
        } else {
            warmUp.thread.start();
        }
        return warmUp;
    }

    /** Whether the warm-up is over (done, stopped or failed: it never keeps the server from serving). */
    boolean finished() {
        return finished;
    }

    private void run(Connection connection, int scorings) {
        try {
            List<byte[]> bodies = bodies(connection);
            if (bodies.isEmpty()) {
                LOG.info("warm-up skipped: no stored application to send");
                return;
            }
            long start = System.nanoTime();
            int done = 0;
            int refused = 0;
            for (; done < scorings && !stopped; done++) {
                Language language = done % 2 == 0 ? Language.FR : Language.EN;
                try {
                    score(bodies.get(done % bodies.size()), language);
                } catch (InvalidApplicationException e) {
                    // A stored row the checks refuse (rare in genuine files): the next client serves as well.
                    refused++;
                }
            }
            LOG.info(String.format(Locale.ROOT, "warm-up: %,d scorings of new applications with history (%d stored"
                    + " clients, %d refused) in %.1f s", done, bodies.size(), refused,
                    (System.nanoTime() - start) / 1e9));
        } catch (SQLException | IOException | RuntimeException e) {
            // A model switched or closed under it, a database gone: the requests will say so; this only warns.
            if (!stopped) {
                LOG.warn("warm-up stopped: {}", e.getClass().getSimpleName());
            }
        } finally {
            finished = true;
        }
    }

    /** One request's work, as {@link ScoreRoutes#score} does it, without the audit and the metrics. */
    private void score(byte[] bytes, Language language) throws IOException {
        Object body = RequestBody.parse(bytes);
        ServedModel served = model.get();
        ApplicationScoring.Scored scored = served.scoring().score(body, language);
        ScoreRoutes.reference(body, scored);
        ANSWERS.writeValueAsBytes(ScoreView.of(scored.score(), scored.history(), scored.warnings(), language, labels,
                ScoreView.Detail.TOP, ScoreView.FeaturesView.of(served.bundle())));
    }

    /** The request bodies of the first {@link #CLIENTS} training applications, with their whole history. */
    private static List<byte[]> bodies(Connection connection) throws SQLException, IOException {
        // A connection of its own: a JDBC connection serves one thread at a time, and requests use the server's.
        try (DuckDBConnection own = connection.unwrap(DuckDBConnection.class).duplicate();
             Statement statement = own.createStatement();
             ResultSet ids = statement.executeQuery("SELECT SK_ID_CURR FROM " + HomeCreditSchema.APPLICATION_TRAIN
                     + " ORDER BY SK_ID_CURR LIMIT " + CLIENTS)) {
            DuckDbClientRecords reader = new DuckDbClientRecords(own);
            List<byte[]> bodies = new ArrayList<>();
            while (ids.next()) {
                bodies.add(BODIES.writeValueAsBytes(ApplicationScoring.request(reader.read(ids.getLong(1)))));
            }
            return bodies;
        }
    }

    /** Stops the scorings (the one under way finishes) and waits for the thread. */
    @Override
    public void close() {
        stopped = true;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
