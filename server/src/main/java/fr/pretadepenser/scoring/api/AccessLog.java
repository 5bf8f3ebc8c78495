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
import java.util.HexFormat;

/**
 * One JSON line per answered request on the {@code access} logger, and its metrics. No personal data: the path is
 * logged as its route template, and a client id appears only as a keyed hash ({@link #pseudonym}) that links the
 * requests about one client within a server run without telling who the client is (a plain hash of a six-digit id
 * could be reversed by trying every id).
 */
final class AccessLog {

    private static final Logger LOG = LoggerFactory.getLogger("access");

    private final ApiMetrics metrics;
    private final ThreadLocal<Mac> macs;

    AccessLog(ApiMetrics metrics) {
        this.metrics = metrics;
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
        // Every value is a route template, a sanitised id, a number, an account name or a hex digest: nothing to
        // escape in JSON. Built by hand, as String.format cost more than the rest of the line.
        LOG.info("{\"time\":\"" + Instant.now() + "\",\"request\":\"" + SecurityHeaders.requestIdOf(ctx)
                + "\",\"method\":\"" + ctx.method().name() + "\",\"route\":\"" + route + "\",\"status\":" + status
                + ",\"ms\":" + Math.round(millis * 100) / 100.0 + ",\"user\":\"" + (user == null ? "-" : user.name())
                + "\",\"client\":\"" + client + "\"}");
    }

    /** A keyed hash of a client id: the same within a server run, unknowable without the run's key. */
    String pseudonym(String clientId) {
        return HexFormat.of().formatHex(macs.get().doFinal(clientId.getBytes(StandardCharsets.UTF_8)), 0, 8);
    }
}
