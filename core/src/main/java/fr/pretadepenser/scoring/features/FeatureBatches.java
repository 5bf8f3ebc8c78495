package fr.pretadepenser.scoring.features;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;

/**
 * Applications of concurrent callers computed together: each caller queues its checked input, then waits for one
 * of a few run slots (one per core); whoever gets a slot takes every queued input (up to {@link #MOST}) and runs
 * them as one batch on a pooled session. A lone caller runs alone, at once; under load, the applications that
 * arrive while the cores are busy share the next run, whose cost is mostly per query, not per application (the
 * group commit of a database log, for feature queries). A caller's wrong input fails only that caller: it is
 * refused before queuing.
 *
 * @param <S> the session a batch runs on
 * @param <T> one application's checked input
 */
final class FeatureBatches<S extends AutoCloseable, T> {

    /** Most applications in one run: beyond this the rows, not the queries, dominate its cost. */
    static final int MOST = 16;

    /** One batch's run: the result of each input, in order. */
    @FunctionalInterface
    interface Run<S, T> {
        List<double[]> apply(S session, List<T> batch) throws SQLException;
    }

    private final SessionPool<S> sessions;
    private final Run<S, T> run;
    private final Semaphore slots;
    private final ConcurrentLinkedQueue<Pending<T>> queue = new ConcurrentLinkedQueue<>();

    /** One input waiting for its result. */
    private record Pending<T>(T input, CompletableFuture<double[]> result) {
    }

    /**
     * @param slots how many batches may run at once (the cores)
     */
    FeatureBatches(SessionPool<S> sessions, Run<S, T> run, int slots) {
        this.sessions = sessions;
        this.run = run;
        this.slots = new Semaphore(slots);
    }

    /**
     * The result of one input, computed in whichever batch takes it.
     *
     * @throws SQLException when DuckDB fails the batch it ran in
     */
    double[] compute(T input) throws SQLException {
        Pending<T> mine = new Pending<>(input, new CompletableFuture<>());
        queue.add(mine);
        slots.acquireUninterruptibly();
        try {
            // Empty when another caller's run took this input: its result is on the way.
            List<Pending<T>> batch = new ArrayList<>();
            for (Pending<T> p = queue.poll(); p != null; p = batch.size() < MOST ? queue.poll() : null) {
                batch.add(p);
            }
            if (!batch.isEmpty()) {
                run(batch);
            }
        } finally {
            slots.release();
        }
        try {
            return mine.result().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }

    private void run(List<Pending<T>> batch) {
        try {
            List<T> inputs = batch.stream().map(Pending::input).toList();
            List<double[]> results = sessions.with(s -> run.apply(s, inputs));
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).result().complete(results.get(i));
            }
        } catch (Throwable e) {
            // Every caller of the batch hears of the failure; none waits for ever.
            batch.forEach(p -> p.result().completeExceptionally(e));
            if (e instanceof Error error) {
                throw error;
            }
        }
    }
}
