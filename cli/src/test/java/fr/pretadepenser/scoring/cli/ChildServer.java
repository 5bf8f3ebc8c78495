package fr.pretadepenser.scoring.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /**
     * Starts the server in {@code dir} (database copy, audit log, reports and log there) and waits until it is
     * ready; kills it if it does not get there.
     */
    static ChildServer start(Path dir, Path database, Path bundle, Path users) throws Exception {
        Path copy = dir.resolve("homecredit.duckdb");
        Files.copy(database, copy);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = dir.resolve("server.log");
        ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), ScoringCommand.class.getName(), "serve",
                "--port", String.valueOf(port), "--db", copy.toString(), "--model", bundle.toString(),
                "--users", users.toString(), "--audit", audit(dir).toString(), "--reports", dir.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("OMP_WAIT_POLICY", "passive");
        ChildServer server = new ChildServer(builder.start(), "http://127.0.0.1:" + port + "/api/v1", log);
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
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            assertTrue(process.isAlive(), "the server stopped before it was ready");
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(base + "/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the server was not ready within 3 minutes");
    }
}
