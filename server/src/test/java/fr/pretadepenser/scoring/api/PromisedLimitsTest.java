package fr.pretadepenser.scoring.api;

import com.fasterxml.jackson.databind.JsonNode;
import fr.pretadepenser.scoring.portfolio.ClientQuery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The limits the README promises, on a server with the settings {@code scoring serve} uses (the shared test server
 * has smaller ones): a body over 16 MiB gets 413 before it is read, 1,001 applications in a batch get 400 and
 * 1,000 are scored, half-sent requests hold no thread, and a connection gone quiet is closed after the idle
 * timeout.
 */
class PromisedLimitsTest {

    static TestServer shared;
    static ApiServer server;

    @BeforeAll
    static void startWithTheCommandsDefaults() throws Exception {
        shared = TestServer.get();
        server = ApiServer.create(ServerSettings.onPort(0), shared.resources()).start(ServerSettings.onPort(0));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aBodyOverSixteenMebibytesIsRefusedFromItsLengthBeforeItIsSent() throws Exception {
        assertEquals(16L << 20, ServerSettings.MAX_BODY_BYTES);
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            // Announces one byte more than the limit, then sends only the start: an answer can only come from the
            // header, as the rest of the body never arrives.
            out.write(("POST " + ApiServer.BASE + ScoreRoutes.SCORE + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "X-API-Key: " + shared.advisor() + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + (ServerSettings.MAX_BODY_BYTES + 1) + "\r\n\r\n{\"application\": {")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = readAnswer(socket.getInputStream());
            assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
            assertTrue(answer.contains("\"error\":\"body_too_large\""), answer);
        }
    }

    @Test
    void aBatchOfOneThousandAndOneIsRefusedAndOneThousandAreScored() throws Exception {
        long id = shared.resources().clients().search(new ClientQuery(null, null, null, null, 1, 0)).items().get(0)
                .clientId();
        Map<String, Object> one = Map.of("application", shared.resources().features().storedApplication(id)
                .orElseThrow().values());
        HttpResponse<String> refused = post(Collections.nCopies(ServerSettings.MAX_BATCH + 1, one));
        assertEquals(400, refused.statusCode(), refused.body());
        JsonNode error = TestServer.json(refused);
        assertEquals("applications", error.get("details").get(0).get("field").asText());
        assertEquals("expected 1 to 1000 applications, got 1001", error.get("details").get(0).get("problem")
                .asText());

        HttpResponse<String> scored = post(Collections.nCopies(ServerSettings.MAX_BATCH, one));
        assertEquals(200, scored.statusCode(), scored.body());
        assertEquals(1_000, TestServer.json(scored).get("count").asInt());
    }

    @Test
    void slowClientsHoldingHalfSentRequestsDoNotStopOthersBeingServed() throws Exception {
        // More half-sent requests than the server has threads (Javalin 6's Jetty pool: at most 250): were a
        // thread held per waiting request, the last request could not be served.
        List<Socket> slow = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 300; i++) {
                Socket socket = new Socket("127.0.0.1", server.port());
                socket.getOutputStream().write(("GET " + ApiServer.BASE + "/health HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "X-Slow: ").getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                slow.add(socket);
            }
            HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                    + ApiServer.BASE + "/health")).timeout(java.time.Duration.ofSeconds(10)).build();
            HttpResponse<String> answer = shared.send(health);
            assertEquals(200, answer.statusCode(), answer.body());
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    @Test
    void aConnectionThatGoesQuietMidRequestIsClosedAfterTheIdleTimeout() throws Exception {
        assertEquals(java.time.Duration.ofSeconds(30), ServerSettings.onPort(0).idleTimeout(), "the promised one");
        ServerSettings quick = ServerSettings.onPort(0).withIdleTimeout(java.time.Duration.ofSeconds(1));
        ApiServer impatient = ApiServer.create(quick, shared.resources()).start(quick);
        try (Socket socket = new Socket("127.0.0.1", impatient.port())) {
            // Far longer than the timeout: a server that kept the connection would leave this read waiting.
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(("GET " + ApiServer.BASE + "/health HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "X-Slow: ").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            long start = System.nanoTime();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            long waited = (System.nanoTime() - start) / 1_000_000;
            // Jetty closes it, or answers 408 first, then closes: either way no request is served from it.
            assertTrue(answer.isEmpty() || answer.startsWith("HTTP/1.1 408"), answer);
            assertTrue(waited < 15_000, "closed after " + waited + " ms");
        } finally {
            impatient.close();
        }
    }

    private static HttpResponse<String> post(List<Map<String, Object>> applications) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + ApiServer.BASE
                        + ScoreRoutes.BATCH)).header("X-API-Key", shared.advisor())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(TestServer.JSON.writeValueAsString(
                        Map.of("applications", applications)))).build();
        return shared.send(request);
    }

    /** The status line, headers and as much of the body as arrives before the server closes or goes quiet. */
    private static String readAnswer(InputStream in) throws Exception {
        StringBuilder answer = new StringBuilder();
        byte[] buffer = new byte[4096];
        try {
            int read;
            while ((read = in.read(buffer)) > 0) {
                answer.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
                if (answer.indexOf("}") > 0 && answer.indexOf("\r\n\r\n") > 0) {
                    break;
                }
            }
        } catch (java.net.SocketTimeoutException e) {
            // what arrived is the answer
        }
        return answer.toString();
    }
}
