package fr.pretadepenser.scoring.api;

import io.javalin.http.Context;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The headers every answer carries: a request id (the caller's, when it is a sane token, else a new one), and the
 * browser protections: a content security policy, no MIME sniffing, no framing, no referrer, and no caching of
 * API answers (they hold client data).
 */
final class SecurityHeaders {

    /** The header carrying the request id, echoed in the answer, the access log and the audit log. */
    static final String REQUEST_ID = "X-Request-Id";

    private static final Pattern SANE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    // Swagger UI starts itself from an inline script; everything else runs only the server's own files.
    private static final String POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline';"
            + " script-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";
    private static final String SWAGGER_POLICY = POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'");

    private SecurityHeaders() {
    }

    /** Gives the request its id, before anything else runs. */
    static void requestId(Context ctx) {
        String given = ctx.header(REQUEST_ID);
        String id = given != null && SANE_ID.matcher(given).matches() ? given : newId();
        ctx.attribute(REQUEST_ID, id);
        ctx.header(REQUEST_ID, id);
    }

    /**
     * A new request id in the UUID form, from {@link ThreadLocalRandom}: an id must be unique, not unguessable, and
     * {@link UUID#randomUUID()} draws from the JVM's one SecureRandom behind a lock that request threads queued on
     * (waits of 10 ms and more under load, seen with Java Flight Recorder).
     */
    static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        // Version 4 and IETF variant bits, as a random UUID carries them.
        long high = random.nextLong() & ~0xF000L | 0x4000L;
        long low = random.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    /** The request's id. */
    static String requestIdOf(Context ctx) {
        String id = ctx.attribute(REQUEST_ID);
        return id == null ? "-" : id;
    }

    /** Adds the protections to an answer sent over HTTPS, and tells browsers to use nothing else for a year. */
    static void addWithHsts(Context ctx) {
        add(ctx);
        ctx.header("Strict-Transport-Security", "max-age=31536000");
    }

    /** Adds the protections to the answer. */
    static void add(Context ctx) {
        ctx.header("Content-Security-Policy", ctx.path().startsWith(ApiServer.SWAGGER) ? SWAGGER_POLICY : POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
        if (ctx.path().startsWith(ApiServer.BASE)) {
            ctx.header("Cache-Control", "no-store");
        }
    }
}
