package fr.pretadepenser.scoring.api;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code scoring serve --tls-cert/--tls-key}: a server on the settings {@code scoring serve} uses, with a
 * self-signed certificate and key made by the JDK's keytool and written as PEM. It answers over HTTPS only, with
 * HSTS, and marks the session cookie Secure; a client that does not trust the certificate, or speaks plain HTTP,
 * gets no answer; a key other users may read is refused.
 */
class TlsTest {

    @TempDir
    static Path dir;
    static TestServer shared;
    static ApiServer server;
    static HttpClient trusting;

    @BeforeAll
    static void startOverHttps() throws Exception {
        shared = TestServer.get();
        Path store = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=localhost", "-ext", "san=ip:127.0.0.1,dns:localhost", "-validity", "2", "-keystore",
                store.toString(), "-storetype", "PKCS12", "-storepass", "changeit").redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(keytool.waitFor(1, TimeUnit.MINUTES) && keytool.exitValue() == 0, output);
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(store)) {
            keys.load(in, "changeit".toCharArray());
        }
        Certificate certificate = keys.getCertificate("server");
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        Files.writeString(cert, pem("CERTIFICATE", certificate.getEncoded()));
        Files.writeString(key, pem("PRIVATE KEY", keys.getKey("server", "changeit".toCharArray()).getEncoded()));
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));

        ServerSettings settings = ServerSettings.onPort(0).withTls(new ServerSettings.Tls(cert, key));
        server = ApiServer.create(settings, shared.resources()).start(settings);

        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("server", certificate);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        trusting = HttpClient.newBuilder().sslContext(context).build();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void answersOverHttpsWithHstsAndASecureSessionCookie() throws Exception {
        HttpResponse<String> health = trusting.send(HttpRequest.newBuilder(URI.create(base("https")
                + HealthRoutes.HEALTH)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode());
        assertEquals("max-age=31536000", health.headers().firstValue("Strict-Transport-Security").orElseThrow());

        HttpResponse<String> login = trusting.send(HttpRequest.newBuilder(URI.create(base("https")
                        + SessionRoutes.SESSION)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"anna\", \"password\": \""
                        + TestServer.PASSWORD + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, login.statusCode(), login.body());
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie.contains("; Secure"), cookie);
        assertTrue(cookie.contains("HttpOnly"), cookie);
    }

    @Test
    void refusesAClientThatDoesNotTrustTheCertificateAndPlainHttp() {
        HttpClient ordinary = HttpClient.newHttpClient();
        assertThrows(SSLHandshakeException.class, () -> ordinary.send(HttpRequest.newBuilder(
                URI.create(base("https") + HealthRoutes.HEALTH)).build(), HttpResponse.BodyHandlers.discarding()));
        // Plain HTTP on the same port: the TLS connector cannot parse it, so no HTTP answer comes back.
        IOException plain = assertThrows(IOException.class, () -> ordinary.send(HttpRequest.newBuilder(
                URI.create(base("http") + HealthRoutes.HEALTH)).build(), HttpResponse.BodyHandlers.discarding()));
        assertTrue(!(plain instanceof ConnectException), "the port is open, for TLS: " + plain);
    }

    @Test
    void refusesAKeyOthersCanRead() throws Exception {
        Path open = dir.resolve("open-key.pem");
        Files.copy(dir.resolve("key.pem"), open);
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));
        ServerSettings settings = ServerSettings.onPort(0).withTls(new ServerSettings.Tls(dir.resolve("cert.pem"),
                open));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ApiServer.create(settings, shared.resources()));
        assertTrue(e.getMessage().startsWith(open + " is open to other users (rw-r--r--)"), e.getMessage());
    }

    private static String base(String scheme) {
        return scheme + "://127.0.0.1:" + server.port() + ApiServer.BASE;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
