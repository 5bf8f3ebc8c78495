package fr.pretadepenser.scoring.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code scoring serve} in a child process, for tests that must kill it or read its whole output: on a free port,
 * over a copy of the database (the child takes its own lock on it), its output in {@code server.log}.
 *
 * @param process the child
 * @param base    the API's base address, {@code http://127.0.0.1:PORT/api/v1}
 * @param log     the child's standard output and error
 */
record ChildServer(Process process, String base, Path log) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Starts the server in {@code dir} (database copy, audit log, reports and log there) and waits until it is
     * ready; kills it if it does not get there. Started again in the same folder, it is a restart on the same files.
     * Without a warm-up unless {@code extra} asks for one (tests need no steady speed, and the CPU is shared).
     */
    static ChildServer start(Path dir, Path database, Path bundle, Path users, String... extra) throws Exception {
        Path copy = dir.resolve("homecredit.duckdb");
        if (!Files.exists(copy)) { // a restart in the same folder runs on the files the last run left
            Files.copy(database, copy);
        }
        List<String> options = new ArrayList<>(List.of("--db", copy.toString(), "--model", bundle.toString(),
                "--users", users.toString(), "--audit", audit(dir).toString(), "--reports", dir.toString()));
        options.addAll(List.of(extra));
        return start(dir, "server.log", options.toArray(String[]::new));
    }

    /**
     * Starts one replica, {@code scoring serve --instance NAME}, in {@code dir} (its working folder: the replica's
     * audit log goes to its default place under it) over a database, models folder and accounts file that other
     * replicas share; its output in {@code NAME.log}.
     */
    static ChildServer replica(Path dir, String name, Path database, Path models, Path users) throws Exception {
        return start(dir, name + ".log", "--instance", name, "--db", database.toString(), "--model",
                models.resolve("current").toString(), "--users", users.toString(), "--reports", dir.toString());
    }

    private static ChildServer start(Path dir, String logName, String... options) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = dir.resolve(logName);
        List<String> arguments = new ArrayList<>(List.of("serve", "--port", String.valueOf(port)));
        arguments.addAll(List.of(options));
        if (!arguments.contains("--warm-up")) {
            arguments.addAll(List.of("--warm-up", "0"));
        }
        Process process = ChildJvm.scoring(dir, log, arguments.toArray(String[]::new));
        ChildServer server = new ChildServer(process, "http://127.0.0.1:" + port + "/api/v1", log);
        try {
            server.awaitReady();
        } catch (Exception | AssertionError e) {
            server.process.destroyForcibly();
            throw e;
        }
        return server;
    }

    /** The audit log of a server started in {@code dir}. */
    static Path audit(Path dir) {
        return dir.resolve("audit.jsonl");
    }

    private void awaitReady() throws Exception {
        pollReady("the server stopped before it was ready", "the server was not ready within 3 minutes",
                ready -> ready.statusCode() == 200);
    }

    /** Waits until {@code /ready} says the start-up warm-up is over; returns that answer. */
    JsonNode awaitWarm() throws Exception {
        HttpResponse<String> ready = pollReady("the server stopped during its warm-up",
                "the warm-up did not finish within 3 minutes",
                answer -> JSON.readTree(answer.body()).path("warm").asBoolean());
        return JSON.readTree(ready.body());
    }

    /** Asks {@code /ready} every 200 ms, for 3 minutes at most, until its answer is {@code done}; returns it. */
    private HttpResponse<String> pollReady(String stopped, String late, Done done) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            assertTrue(process.isAlive(), stopped);
            HttpResponse<String> answer = null;
            try {
                answer = http.send(HttpRequest.newBuilder(URI.create(base + "/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                // not listening yet
            }
            if (answer != null && done.test(answer)) {
                return answer;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(late);
    }

    /** Whether an answer of {@code /ready} is the one waited for. */
    private interface Done {
        boolean test(HttpResponse<String> answer) throws IOException;
    }
}
