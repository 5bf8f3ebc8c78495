package fr.pretadepenser.scoring.data.ingest;

import fr.pretadepenser.scoring.progress.Progress;
import org.duckdb.DuckDBPreparedStatement;

import java.sql.SQLException;
import java.sql.Statement;

/**
 * Polls DuckDB's progress for the query running on a statement and turns it into megabytes of the source
 * file read, since one {@code read_csv} statement gives no callback of its own.
 */
final class QueryProgressWatch implements AutoCloseable {

    private static final long POLL_MILLIS = 250;

    private final Thread poller;
    private volatile boolean running = true;

    QueryProgressWatch(Statement statement, Progress progress, long bytes) throws SQLException {
        DuckDBPreparedStatement duck = statement.unwrap(DuckDBPreparedStatement.class);
        poller = new Thread(() -> {
            while (running) {
                try {
                    Thread.sleep(POLL_MILLIS);
                    double percent = duck.getQueryProgress().getPercentage();
                    if (percent >= 0) {
                        progress.update(Math.round(bytes / 1e6 * percent / 100));
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (SQLException e) {
                    // No query running at this instant (it just ended): nothing to show.
                }
            }
        }, "ingest-progress");
        poller.setDaemon(true);
        poller.start();
    }

    @Override
    public void close() {
        running = false;
        poller.interrupt();
    }
}
