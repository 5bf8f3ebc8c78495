package fr.pretadepenser.scoring.audit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Many threads appending at once; also prints the append latency (measured, never asserted). */
class AuditLogConcurrencyTest {

    private static final int THREADS = 8;
    private static final int PER_THREAD = 200;

    @TempDir
    Path tmp;

    @Test
    void singleThreadedAppendLatency() throws Exception {
        try (AuditLog log = AuditLog.open(tmp.resolve("single.jsonl"), AuditLogTest.KEY)) {
            log.append(AuditLogTest.record(0)); // warm-up: class loading, file creation
            long[] nanos = new long[PER_THREAD];
            long start = System.nanoTime();
            for (int i = 0; i < PER_THREAD; i++) {
                long t = System.nanoTime();
                log.append(AuditLogTest.record(i));
                nanos[i] = System.nanoTime() - t;
            }
            print("1 thread", nanos, System.nanoTime() - start);
            assertTrue(log.verify().intact());
        }
    }

    @Test
    void eightThreadsAppendEveryRecordExactlyOnceWithAnIntactChain() throws Exception {
        Path file = tmp.resolve("concurrent.jsonl");
        long[] nanos = new long[THREADS * PER_THREAD];
        long elapsed;
        try (AuditLog log = AuditLog.open(file, AuditLogTest.KEY)) {
            log.append(AuditLogTest.record(0)); // warm-up
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < PER_THREAD; i++) {
                        int n = thread * PER_THREAD + i;
                        long start = System.nanoTime();
                        log.append(record(thread, i));
                        nanos[n] = System.nanoTime() - start;
                    }
                    return null;
                }));
            }
            long start = System.nanoTime();
            go.countDown();
            for (Future<?> f : futures) {
                f.get();
            }
            elapsed = System.nanoTime() - start;
            pool.shutdown();
        }
        print(THREADS + " threads", nanos, elapsed);

        List<AuditRecord> records = new ArrayList<>();
        AuditLog.read(file, Instant.EPOCH, records::add);
        assertEquals(1 + THREADS * PER_THREAD, records.size());
        Set<String> ids = new HashSet<>();
        records.subList(1, records.size()).forEach(r -> ids.add(r.requestId()));
        assertEquals(THREADS * PER_THREAD, ids.size(), "every record exactly once");
        ChainCheck check = AuditLog.verify(file, AuditLogTest.KEY);
        assertTrue(check.intact(), check.toString());
        assertEquals(1 + THREADS * PER_THREAD, check.lines());
    }

    @Test
    void closingWhileThreadsAppendKeepsEveryAppendThatReturned() throws Exception {
        Path file = tmp.resolve("closing.jsonl");
        AuditLog log = AuditLog.open(file, AuditLogTest.KEY);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Integer>> futures = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                int appended = 0;
                for (int i = 0; i < 100; i++) {
                    try {
                        log.append(record(thread, i));
                        appended++;
                    } catch (java.io.IOException e) {
                        assertEquals(file + ": the audit log is closed", e.getMessage());
                    }
                }
                return appended;
            }));
        }
        Thread.sleep(20);
        log.close();
        int returned = 0;
        for (Future<Integer> f : futures) {
            returned += f.get();
        }
        pool.shutdown();
        ChainCheck check = AuditLog.verify(file, AuditLogTest.KEY);
        assertTrue(check.intact(), check.toString());
        assertEquals(returned, check.lines());
    }

    private static AuditRecord record(int thread, int i) {
        AuditRecord r = AuditLogTest.record(i);
        return new AuditRecord(r.time(), "user" + thread, r.modelVersion(), r.clientRef(), r.probability(),
                r.decision(), r.reasons(), r.route(), "t" + thread + "-" + i);
    }

    private static void print(String label, long[] nanos, long elapsed) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "audit append latency, %s, %d appends: mean %.2f ms, p50 %.2f ms,"
                        + " p99 %.2f ms, max %.2f ms; %.0f appends/s%n", label, sorted.length,
                Arrays.stream(sorted).average().orElse(0) / 1e6, sorted[sorted.length / 2] / 1e6,
                sorted[(int) (sorted.length * 0.99)] / 1e6, sorted[sorted.length - 1] / 1e6,
                sorted.length / (elapsed / 1e9));
    }
}
