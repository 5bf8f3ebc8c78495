package fr.pretadepenser.scoring.features;

import org.duckdb.DuckDBConnection;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Runs the per-table feature files side by side, each on a connection of its own to the same database, into tables of
 * an in-memory database attached for the build ({@link #PARTS}), which every connection of the database sees. The
 * files read only the source tables, so they do not wait for each other; and with the database's {@code threads} at
 * 1 each query runs on its own connection's thread alone, so every aggregate adds up a client's rows in the order one
 * file after the other did: the same bits.
 */
final class TableFileRuns {

    /** The attached in-memory database that holds the per-table results during a build. */
    static final String PARTS = "feature_parts";

    private TableFileRuns() {
    }

    /**
     * One finished file.
     *
     * @param file    the file
     * @param seconds how long its query took
     */
    record Run(FeatureFiles.FeatureFile file, double seconds) {
    }

    /** Told of each finished file, on the caller's thread. */
    @FunctionalInterface
    interface Listener {
        void finished(Run run) throws SQLException;
    }

    /**
     * Runs each file's query into {@code PARTS.<file's result table>}, up to {@code workers} at a time, and tells
     * {@code listener} of each as it finishes. Returns, or throws the first failure, only once no query is running.
     *
     * @param setup   statements each connection runs first (its temporary views)
     * @param queries each file's expanded query, in the order to start them
     */
    static void run(DuckDBConnection connection, List<String> setup, Map<FeatureFiles.FeatureFile, String> queries,
                    int workers, Listener listener) throws SQLException {
        int n = Math.max(1, Math.min(workers, queries.size()));
        BlockingQueue<Connection> connections = new ArrayBlockingQueue<>(n);
        ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "feature-file");
            t.setDaemon(true);
            return t;
        });
        try {
            for (int i = 0; i < n; i++) {
                Connection c = connection.duplicate();
                connections.add(c);
                for (String statement : setup) {
                    execute(c, statement);
                }
            }
            CompletionService<Run> runs = new ExecutorCompletionService<>(pool);
            for (Map.Entry<FeatureFiles.FeatureFile, String> query : queries.entrySet()) {
                runs.submit(() -> {
                    // The pool has as many threads as connections, so one is always free here.
                    Connection c = connections.take();
                    try {
                        long start = System.nanoTime();
                        execute(c, "CREATE OR REPLACE TABLE " + PARTS + "." + query.getKey().resultTable() + " AS "
                                + query.getValue());
                        return new Run(query.getKey(), (System.nanoTime() - start) / 1e9);
                    } finally {
                        connections.add(c);
                    }
                });
            }
            for (int i = 0; i < queries.size(); i++) {
                listener.finished(runs.take().get());
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("a feature file's run failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while the feature files ran", e);
        } finally {
            // Files not started are dropped; a query running cannot be interrupted, so it is waited for.
            pool.shutdownNow();
            awaitQuietly(pool);
            for (Connection c : connections) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // Closing a duplicate frees its handle only; the database stays open on the caller's connection.
                }
            }
        }
    }

    private static void awaitQuietly(ExecutorService pool) {
        boolean interrupted = false;
        while (true) {
            try {
                if (pool.awaitTermination(1, TimeUnit.HOURS)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }
}
