package fr.pretadepenser.scoring.api;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How the server listens and what it accepts, checked at startup.
 *
 * @param host          the interface to listen on ({@code 127.0.0.1} by default; {@code 0.0.0.0} for all)
 * @param port          the port (0 for any free port, as tests do)
 * @param maxBodyBytes  the largest request body accepted (413 beyond)
 * @param maxBatch      the most applications in one batch call
 * @param secureCookies whether the session cookie is marked Secure (behind HTTPS)
 * @param reportsDir    the folder {@code scoring report model} wrote the methodology note to, served read-only to
 *                      signed-in users; null when the server does not know it
 * @param tls           the certificate and key to serve HTTPS with (and then only HTTPS); null for plain HTTP
 *                      behind a TLS proxy
 * @param idleTimeout   how long a connection may send nothing (a request's headers sent slowly, a kept-alive
 *                      connection unused) before the server closes it
 */
public record ServerSettings(String host, int port, long maxBodyBytes, int maxBatch, boolean secureCookies,
                             Path reportsDir, Tls tls, Duration idleTimeout) {

    /** The idle timeout the server keeps by default: Jetty's own, written down. */
    public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);

    /**
     * The PEM files of HTTPS.
     *
     * @param certificate the certificate chain, server certificate first
     * @param key         its private key (PKCS#8, PKCS#1 or SEC1; unencrypted)
     */
    public record Tls(Path certificate, Path key) {
    }

    /** The batch limit the API promises. */
    public static final int MAX_BATCH = 1_000;

    /** The body limit the API promises: a full batch with histories. */
    public static final long MAX_BODY_BYTES = 16L << 20;

    /** Checks the values. */
    public ServerSettings {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        if (maxBodyBytes < 1_024) {
            throw new IllegalArgumentException("the body limit must be at least 1 KiB, was " + maxBodyBytes);
        }
        if (maxBatch < 1 || maxBatch > MAX_BATCH) {
            throw new IllegalArgumentException("the batch limit must be 1.." + MAX_BATCH + ", was " + maxBatch);
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("the idle timeout must be positive, was " + idleTimeout);
        }
    }

    /** Settings without a reports folder, over plain HTTP. */
    public ServerSettings(String host, int port, long maxBodyBytes, int maxBatch, boolean secureCookies) {
        this(host, port, maxBodyBytes, maxBatch, secureCookies, null, null, IDLE_TIMEOUT);
    }

    /** The same settings serving the methodology note from {@code folder}. */
    public ServerSettings withReports(Path folder) {
        return new ServerSettings(host, port, maxBodyBytes, maxBatch, secureCookies, folder, tls, idleTimeout);
    }

    /** The same settings over HTTPS only, with this certificate and key; session cookies are then Secure. */
    public ServerSettings withTls(Tls files) {
        return new ServerSettings(host, port, maxBodyBytes, maxBatch, true, reportsDir, files, idleTimeout);
    }

    /** The same settings with another idle timeout. */
    public ServerSettings withIdleTimeout(Duration timeout) {
        return new ServerSettings(host, port, maxBodyBytes, maxBatch, secureCookies, reportsDir, tls, timeout);
    }

    /** The scheme clients reach the server with. */
    public String scheme() {
        return tls == null ? "http" : "https";
    }

    /** Defaults on a port: loopback, 16 MiB bodies (a full batch with histories), 1,000 applications a batch. */
    public static ServerSettings onPort(int port) {
        return new ServerSettings("127.0.0.1", port, MAX_BODY_BYTES, MAX_BATCH, false);
    }
}
