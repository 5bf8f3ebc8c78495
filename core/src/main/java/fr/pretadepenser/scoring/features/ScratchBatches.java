package fr.pretadepenser.scoring.features;

import fr.pretadepenser.scoring.data.Application;
import fr.pretadepenser.scoring.data.History;
import fr.pretadepenser.scoring.schema.Table;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;

/**
 * New applications of concurrent callers computed together: each caller queues its checked rows, then waits for
 * one of a few run slots (one per core); whoever gets a slot takes every queued application (up to
 * {@link #MOST}) and runs them as one batch in a pooled {@link ScratchDatabase}. A lone caller runs alone, at
 * once; under load, the applications that arrive while the cores are busy share the next run, whose cost is
 * mostly per query, not per client (the group commit of a database log, for feature queries). A caller's wrong
 * rows fail only that caller: they are refused before queuing.
 */
final class ScratchBatches {

    /** Most applications in one run: beyond this the rows, not the queries, dominate its cost. */
    static final int MOST = 16;

    private final Map<String, Table> relations;
    private final SessionPool<ScratchDatabase> sessions;
    private final int featureCount;
    private final Semaphore slots;
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();

    /** One application waiting for its features. */
    private record Pending(ScratchDatabase.Rows rows, CompletableFuture<double[]> features) {
    }

    /**
     * @param slots how many batches may run at once (the cores)
     */
    ScratchBatches(Map<String, Table> relations, SessionPool<ScratchDatabase> sessions, int featureCount,
                   int slots) {
        this.relations = relations;
        this.sessions = sessions;
        this.featureCount = featureCount;
        this.slots = new Semaphore(slots);
    }

    /**
     * The features of one application and its history, in manifest order.
     *
     * @throws fr.pretadepenser.scoring.data.InvalidFieldException for a value that does not fit its column
     * @throws SQLException                                        when DuckDB fails the batch it ran in
     */
    double[] features(Application application, History history) throws SQLException {
        Pending mine = new Pending(ScratchDatabase.typed(relations, application, history), new CompletableFuture<>());
        queue.add(mine);
        slots.acquireUninterruptibly();
        try {
            // Empty when another caller's run took this application: its result is on the way.
            List<Pending> batch = new ArrayList<>();
            for (Pending p = queue.poll(); p != null; p = batch.size() < MOST ? queue.poll() : null) {
                batch.add(p);
            }
            if (!batch.isEmpty()) {
                run(batch);
            }
        } finally {
            slots.release();
        }
        try {
            return mine.features().join();
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

    private void run(List<Pending> batch) {
        try {
            List<double[]> features = sessions.with(s -> s.features(batch.stream().map(Pending::rows).toList(),
                    featureCount));
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).features().complete(features.get(i));
            }
        } catch (Throwable e) {
            // Every caller of the batch hears of the failure; none waits for ever.
            batch.forEach(p -> p.features().completeExceptionally(e));
            if (e instanceof Error error) {
                throw error;
            }
        }
    }
}
