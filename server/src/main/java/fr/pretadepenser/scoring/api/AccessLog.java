package fr.pretadepenser.scoring.api;

import fr.pretadepenser.scoring.auth.User;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * One JSON line per answered request on the {@code access} logger, and its metrics. No personal data: the path is
 * logged as its route template, and a client id appears only as a keyed hash ({@link #pseudonym}) that links the
 * requests about one client within a server run without telling who the client is (a plain hash of a six-digit id
 * could be reversed by trying every id).
 *
 * <p>Request threads only queue their line; one thread of its own hands the lines to the logger in order. The
 * logger (slf4j-simple) writes each line under one lock with a system call: when request threads wrote themselves,
 * a thread descheduled while holding that lock stalled every other request, often for 10 ms or more on a busy
 * two-core machine (Java Flight Recorder's monitor events on {@code GET /health}), which made most of the server's
 * p99. The queue is bounded: when the writer falls behind, requests wait for room rather than lose lines.
 */
final class AccessLog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("access");
    private static final String STOP = new String("stop"); // compared by identity: no line is this object

    private final ApiMetrics metrics;
    private final ThreadLocal<Mac> macs;
    private final BlockingQueue<String> lines = new ArrayBlockingQueue<>(16_384);
    private final Thread writer = new Thread(this::write, "access-log-writer");

    AccessLog(ApiMetrics metrics) {
        this.metrics = metrics;
        writer.setDaemon(true);
        writer.start();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        SecretKeySpec secret = new SecretKeySpec(key, "HmacSHA256");
        // A Mac is not thread-safe and costly to make: one per request thread.
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(secret);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    void log(Context ctx, Float millis) {
        // Unmatched paths are logged as one route, so that scanners cannot fill the metrics with made-up paths.
        String route = ctx.endpointHandlerPath().startsWith("/") ? ctx.endpointHandlerPath() : "unmatched";
        int status = ctx.statusCode();
        metrics.request(ctx.method().name(), route, status, millis);
        String client = ctx.pathParamMap().containsKey("id") ? pseudonym(ctx.pathParam("id")) : "-";
        User user = ctx.attribute(Authentication.USER);
        if (!LOG.isInfoEnabled()) {
            return;
        }
        // Every value is a route template, a sanitised id, a number, an account name or a hex digest: nothing to
        // escape in JSON. Built by hand, as String.format cost more than the rest of the line.
        String line = "{\"time\":\"" + Instant.now() + "\",\"request\":\"" + SecurityHeaders.requestIdOf(ctx)
                + "\",\"method\":\"" + ctx.method().name() + "\",\"route\":\"" + route + "\",\"status\":" + status
                + ",\"ms\":" + Math.round(millis * 100) / 100.0 + ",\"user\":\"" + (user == null ? "-" : user.name())
                + "\",\"client\":\"" + client + "\"}";
        boolean interrupted = false;
        while (true) {
            try {
                lines.put(line);
                break;
            } catch (InterruptedException e) {
                interrupted = true; // keep the line; the thread's interrupt status is restored below
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The writer thread: hands the queued lines to the logger, in order, until {@link #close}. */
    private void write() {
        List<String> batch = new ArrayList<>();
        while (true) {
            try {
                batch.add(lines.take());
            } catch (InterruptedException e) {
                continue; // only close() stops the writer, through the queue
            }
            lines.drainTo(batch);
            for (String line : batch) {
                if (line == STOP) {
                    return;
                }
                LOG.info(line);
            }
            batch.clear();
        }
    }

    /** Writes the lines queued so far, then stops the writer. */
    @Override
    public void close() {
        try {
            lines.put(STOP);
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A keyed hash of a client id: the same within a server run, unknowable without the run's key. */
    String pseudonym(String clientId) {
        return HexFormat.of().formatHex(macs.get().doFinal(clientId.getBytes(StandardCharsets.UTF_8)), 0, 8);
    }
}
