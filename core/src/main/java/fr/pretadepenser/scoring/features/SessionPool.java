package fr.pretadepenser.scoring.features;

import java.sql.SQLException;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Sessions (a DuckDB connection with its prepared query) lent to one caller at a time: a JDBC connection and its
 * statements are not safe to share between threads. A session is made when every other one is in use, so the
 * pool grows to the number of concurrent callers; a session that failed in DuckDB is closed, not reused.
 */
final class SessionPool<S extends AutoCloseable> implements AutoCloseable {

    /** Opens a new session. */
    @FunctionalInterface
    interface Opener<S> {
        S open() throws SQLException;
    }

    /** One use of a session. */
    @FunctionalInterface
    interface Use<S, R> {
        R apply(S session) throws SQLException;
    }

    private final Opener<S> opener;
    private final ConcurrentLinkedDeque<S> idle = new ConcurrentLinkedDeque<>();
    private volatile boolean closed;

    SessionPool(Opener<S> opener) {
        this.opener = opener;
    }

    /** Adds a session opened beforehand (e.g. the one the SQL was expanded with). */
    void offer(S session) {
        idle.push(session);
    }

    /** Runs one use on an idle session (or a new one) and gives it back. */
    <R> R with(Use<S, R> use) throws SQLException {
        if (closed) {
            throw new IllegalStateException("the online feature builder is closed");
        }
        S session = idle.poll();
        if (session == null) {
            session = opener.open();
        }
        try {
            R result = use.apply(session);
            release(session);
            return result;
        } catch (SQLException e) {
            closeQuietly(session);
            throw e;
        } catch (RuntimeException e) {
            // Wrong input is refused before DuckDB sees it: the session is still sound.
            release(session);
            throw e;
        }
    }

    private void release(S session) {
        idle.push(session);
        if (closed && idle.remove(session)) {
            closeQuietly(session);
        }
    }

    @Override
    public void close() {
        closed = true;
        for (S session = idle.poll(); session != null; session = idle.poll()) {
            closeQuietly(session);
        }
    }

    private static void closeQuietly(AutoCloseable session) {
        try {
            session.close();
        } catch (Exception e) {
            // Closing is best effort: the session is dropped either way.
        }
    }
}
