package fr.pretadepenser.scoring.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The Python peer's API ({@code peer_api.py}: Flask, {@code GET /predict/<SK_ID_CURR>} with probability, decision
 * and top-10 SHAP), built by its own scripts on the bench's generated data and served on a free port, so that the
 * same wrk load measures it on the same machine in the same run.
 */
final class PeerApi implements AutoCloseable {

    /** The figure for the peer (30,000-client model, wrk -t2 -c8), printed when it is not measured. */
    static final String REFERENCE = "321 req/s, p99 49 ms, about 1.2 KB (issue 16's reference, not measured in"
            + " this run)";

    private static final String PYTHON = "/usr/bin/python3";

    private final Process server;
    private final String base;

    private PeerApi(Process server, String base) {
        this.server = server;
        this.base = base;
    }

    /** Whether the peer can run: Debian's python3 and the peer's scripts in {@code folder}. */
    static boolean available(Path folder) {
        return folder != null && Files.isExecutable(Path.of(PYTHON)) && Files.isRegularFile(
                folder.resolve("peer_api.py"));
    }

    /**
     * Builds the peer's features and model from the Kaggle files in {@code data} (its defaults: 5 folds with early
     * stopping, then a refit), then starts its API and waits until it answers.
     *
     * @param work where its feature table, model and log go
     */
    static PeerApi start(Path folder, Path data, Path work) throws IOException, InterruptedException {
        Files.createDirectories(work);
        Path features = work.resolve("peer-features.pkl");
        Path model = work.resolve("peer-model");
        step(work, "features", folder.resolve("peer_features.py").toString(), "--data", data.toString(), "--out",
                features.toString());
        step(work, "train", folder.resolve("peer_train.py").toString(), "--features", features.toString(), "--out",
                model.toString());
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process server = new ProcessBuilder(PYTHON, folder.resolve("peer_api.py").toString(), "--features",
                features.toString(), "--model-dir", model.toString(), "--port", String.valueOf(port), "--quiet")
                .redirectErrorStream(true).redirectOutput(work.resolve("peer-api.log").toFile()).start();
        PeerApi peer = new PeerApi(server, "http://127.0.0.1:" + port);
        try {
            peer.awaitHealthy();
        } catch (IOException | InterruptedException | RuntimeException e) {
            peer.close();
            throw e;
        }
        return peer;
    }

    /** e.g. {@code http://127.0.0.1:41234}; the route is {@code /predict/<id>}. */
    String base() {
        return base;
    }

    /** The size in bytes of the peer's answer for one client. */
    long answerBytes(long clientId) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/predict/" + clientId))
                .build(), HttpResponse.BodyHandlers.ofByteArray()).body().length;
    }

    private static void step(Path work, String name, String... command) throws IOException, InterruptedException {
        List<String> line = new java.util.ArrayList<>(List.of(PYTHON));
        line.addAll(List.of(command));
        System.err.println("peer: " + name + " (not timed)");
        int exit = new ProcessBuilder(line).redirectErrorStream(true)
                .redirectOutput(work.resolve("peer-" + name + ".log").toFile()).start().waitFor();
        if (exit != 0) {
            throw new IOException("the peer's " + name + " step failed (exit " + exit + "); see "
                    + work.resolve("peer-" + name + ".log"));
        }
    }

    private void awaitHealthy() throws IOException, InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IOException("the peer's API stopped; see its log");
            }
            try {
                if (client.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IOException("the peer's API did not answer within 5 minutes");
    }

    @Override
    public void close() throws InterruptedException {
        server.destroy();
        server.waitFor();
    }
}
