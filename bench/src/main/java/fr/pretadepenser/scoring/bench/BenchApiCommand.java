package fr.pretadepenser.scoring.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.pretadepenser.scoring.api.ApiResources;
import fr.pretadepenser.scoring.auth.Role;
import fr.pretadepenser.scoring.auth.UserStore;
import fr.pretadepenser.scoring.features.DuckDbClientRecords;
import fr.pretadepenser.scoring.features.OnlineFeatureBuilder;
import fr.pretadepenser.scoring.model.bundle.ModelBundle;
import fr.pretadepenser.scoring.progress.ResidentMemory;
import fr.pretadepenser.scoring.score.ApplicationScoring;
import org.apache.commons.io.FileUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;

/**
 * {@code scoring bench api}: throughput and latency of the scoring routes under concurrent load. The server runs
 * in a child JVM, as {@code scoring serve} would; the load comes from this JVM on the same machine (closed loop,
 * one keep-alive connection per simulated client), so both share the machine's cores, as the issue asks. With
 * {@code wrk} installed, also the stored client's score route (default and full answers), the server's floor (the
 * health route, and the model summary: 16 KB answered from memory), edited and new applications, the answer sizes,
 * and the Python peer's API under the same load ({@code --peer}) or its reference figure.
 */
@Command(name = "api", mixinStandardHelpOptions = true,
        description = "Throughput and latency (p50, p99) of the scoring API at several connection counts.")
final class BenchApiCommand implements Callable<Integer> {

    @Mixin
    BenchScratch scratch;

    @Option(names = "--connections", split = ",", defaultValue = "8,32",
            description = "Concurrent connections, comma-separated (default: ${DEFAULT-VALUE}).")
    List<Integer> connections;

    @Option(names = "--seconds", defaultValue = "20", description = "Measured seconds per run (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--warmup", defaultValue = "5", description = "Warm-up seconds per run (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--db", paramLabel = "FILE", description = "Measure this ingested database with its features"
            + " (with --model) instead of generating data and training: e.g. a Kaggle-size one.")
    Path existingDatabase;

    @Option(names = "--model", paramLabel = "DIR", description = "The bundle to serve with --db.")
    Path existingModel;

    @Option(names = "--peer", paramLabel = "DIR",
            description = "Folder of the Python peer (peer_api.py, peer_train.py, peer_features.py): built on the same"
                    + " data and measured with the same wrk load; without it the issue's reference figure is"
                    + " printed, labelled as such.")
    Path peer;

    @Option(names = "--audit-dir", paramLabel = "DIR",
            description = "Folder of the served decisions' audit log (default: the bench's folder). On a memory file"
                    + " system (/dev/shm) its disk syncs cost nothing, which shows their share of the latency; the"
                    + " product's durability needs a disk.")
    Path auditDir;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Integer call() throws Exception {
        scratch.empty();
        Path database = scratch.database();
        Path model = scratch.dir.resolve("models").resolve("current");
        if ((existingDatabase == null) != (existingModel == null)) {
            System.err.println("bench: --db and --model go together");
            return 2;
        }
        if (existingDatabase != null) {
            database = existingDatabase;
            model = existingModel;
        } else {
            System.err.printf("preparing %,d clients and a model (not timed)%n", scratch.clients);
            scratch.prepareFeatures();
            StageRun trained = StageRun.of("train", "--db", database.toString(), "--models",
                    model.getParent().toString(), "--trials", "1", "--seed", String.valueOf(scratch.seed));
            if (trained.exitCode() != 0) {
                System.err.println("bench: training failed");
                return 1;
            }
        }
        List<Long> ids = new ArrayList<>();
        List<String> bodies = new ArrayList<>();
        List<String> withHistory = new ArrayList<>();
        List<float[]> rows = new ArrayList<>();
        ModelBundle bundle = ModelBundle.load(model);
        sample(database, bundle, ids, bodies, withHistory, rows);
        String treeShap = TreeShapPass.measure(bundle, rows, 2000);
        Path users = scratch.dir.resolve("users.json");
        UserStore store = UserStore.open(users);
        store.addUser("bench", Role.ADVISOR, "bench-password-not-secret".toCharArray());
        String key = store.newApiKey("bench").key();

        // A folder of this run's own: a log left by an earlier run is signed with another run's key.
        Path audit = auditDir == null ? scratch.dir
                : Files.createTempDirectory(Files.createDirectories(auditDir), "scoring-bench-audit-");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), BenchCommand.SCORING_MAIN, "serve",
                "--port", String.valueOf(port), "--db", database.toString(), "--model",
                model.toString(), "--users", users.toString(), "--audit",
                audit.resolve("audit.jsonl").toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(scratch.dir.resolve("server.log").toFile());
        builder.environment().put("OMP_WAIT_POLICY", "passive");
        Process server = builder.start();
        String base = "http://127.0.0.1:" + port;
        try {
            awaitReady(base, server);
            List<HttpRequest> stored = ids.stream().map(id -> HttpRequest.newBuilder(URI.create(base
                    + "/api/v1/clients/" + id + "/score")).header("X-API-Key", key).GET().build()).toList();
            List<HttpRequest> edited = posts(base, key, bodies);
            List<HttpRequest> fresh = posts(base, key, withHistory);
            System.out.println();
            System.out.println(Machine.describe());
            System.out.println("load average before: " + Machine.loadAverage());
            System.out.printf(Locale.ROOT, "command: scoring bench api --clients %d --connections %s --seconds %d"
                    + " --warmup %d%s%s%n%n", scratch.clients, connections.toString().replaceAll("[\\[\\] ]", ""),
                    seconds, warmup, existingDatabase == null ? ""
                            : " --db " + existingDatabase + " --model " + existingModel,
                    auditDir == null ? "" : " --audit-dir " + auditDir);
            System.out.printf(Locale.ROOT, "the server's start-up warm-up (serve --warm-up %,d) over before the"
                    + " first run%n", ApiResources.WARM_UP_SCORINGS);
            System.out.println(treeShap);
            System.out.println("| route | connections | requests/s | p50 ms | p90 ms | p99 ms | max ms | errors |");
            System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
            for (int n : connections) {
                row("GET /clients/{id}/score", n, LoadGenerator.run(stored, n, Duration.ofSeconds(warmup),
                        Duration.ofSeconds(seconds)));
                row("POST /score (edited application)", n, LoadGenerator.run(edited, n, Duration.ofSeconds(warmup),
                        Duration.ofSeconds(seconds)));
                row("POST /score (new application with history)", n, LoadGenerator.run(fresh, n,
                        Duration.ofSeconds(warmup), Duration.ofSeconds(seconds)));
            }
            if (WrkLoad.available()) {
                wrkRows(base, ids, key, bodies, withHistory);
            }
            System.out.println("load average after: " + Machine.loadAverage());
            System.out.printf(Locale.ROOT, "%nserver peak RSS: %,d MiB%n",
                    ResidentMemory.peakKiB(Path.of("/proc", String.valueOf(server.pid()), "status")).orElse(-1) / 1024);
        } finally {
            server.destroy();
            server.waitFor();
            if (auditDir != null) {
                FileUtils.deleteDirectory(audit.toFile());
            }
        }
        scratch.cleanUp();
        return 0;
    }

    private static List<HttpRequest> posts(String base, String key, List<String> bodies) {
        return bodies.stream().map(body -> HttpRequest.newBuilder(URI.create(base + "/api/v1/score"))
                .header("X-API-Key", key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build()).toList();
    }

    private static void row(String route, int connections, LoadGenerator.Result r) {
        System.out.printf(Locale.ROOT, "| %s | %d | %,.0f | %.2f | %.2f | %.2f | %.2f | %d |%n", route, connections,
                r.throughput(), r.percentile(50), r.percentile(90), r.percentile(99), r.percentile(100), r.errors());
    }

    /**
     * The wrk table: per connection count, the score route (default and full answers), the floor routes, new
     * and edited applications, and the peer's API; then the answer sizes and the ratio to the peer.
     */
    private void wrkRows(String base, List<Long> ids, String key, List<String> edited, List<String> withHistory)
            throws Exception {
        Path scripts = scratch.dir.resolve("wrk");
        Files.createDirectories(scripts);
        String api = "/api/v1";
        Map<String, Path> routes = new LinkedHashMap<>();
        routes.put("GET /clients/{id}/score (wrk)", script(scripts, "score", WrkLoad.idsScript(ids, api + "/clients/",
                "/score", key)));
        routes.put("GET /clients/{id}/score?detail=full (wrk)", script(scripts, "full", WrkLoad.idsScript(ids,
                api + "/clients/", "/score?detail=full", key)));
        routes.put("GET /health (wrk, the floor)", script(scripts, "health", WrkLoad.pathScript(api + "/health",
                null)));
        routes.put("GET /model/summary (wrk, the floor with a key)", script(scripts, "summary",
                WrkLoad.pathScript(api + "/model/summary", key)));
        routes.put("POST /score (wrk, edited application)", script(scripts, "edited",
                WrkLoad.postScript(edited, api + "/score", key)));
        routes.put("POST /score (wrk, new application with history)", script(scripts, "history",
                WrkLoad.postScript(withHistory, api + "/score", key)));
        PeerApi peerApi = null;
        if (PeerApi.available(peer)) {
            peerApi = PeerApi.start(peer, scratch.data(), scratch.dir.resolve("peer"));
        }
        Map<Integer, LoadGenerator.Result> peerResults = new LinkedHashMap<>();
        Map<Integer, LoadGenerator.Result> scoreResults = new LinkedHashMap<>();
        try {
            for (int n : connections) {
                for (Map.Entry<String, Path> route : routes.entrySet()) {
                    LoadGenerator.Result r = WrkLoad.run(base, route.getValue(), n, warmup, seconds);
                    row(route.getKey(), n, r);
                    if (route.getKey().startsWith("GET /clients/{id}/score (")) {
                        scoreResults.put(n, r);
                    }
                }
                if (peerApi != null) {
                    LoadGenerator.Result r = WrkLoad.run(peerApi.base(), script(scripts, "peer",
                            WrkLoad.idsScript(ids, "/predict/", "", null)), n, warmup, seconds);
                    row("peer: GET /predict/{id} (Flask, wrk)", n, r);
                    peerResults.put(n, r);
                }
            }
            System.out.println();
            HttpClient client = HttpClient.newHttpClient();
            long id = ids.get(0);
            System.out.printf(Locale.ROOT, "answer bytes: score %,d (default), %,d (detail=full); model/summary %,d;"
                    + " peer %s%n", bytes(client, base + api + "/clients/" + id + "/score", key),
                    bytes(client, base + api + "/clients/" + id + "/score?detail=full", key),
                    bytes(client, base + api + "/model/summary", key),
                    peerApi == null ? "not measured" : String.format(Locale.ROOT, "%,d", peerApi.answerBytes(id)));
            if (peerApi == null) {
                System.out.println("peer: " + PeerApi.REFERENCE + "; --peer DIR measures it here");
            } else {
                for (int n : peerResults.keySet()) {
                    System.out.printf(Locale.ROOT, "score route / peer at %d connections: %.1fx the requests/s%n",
                            n, scoreResults.get(n).throughput() / peerResults.get(n).throughput());
                }
            }
        } finally {
            if (peerApi != null) {
                peerApi.close();
            }
        }
    }

    private static Path script(Path folder, String name, String lua) throws IOException {
        Path file = folder.resolve(name + ".lua");
        Files.writeString(file, lua);
        return file;
    }

    private static long bytes(HttpClient client, String url, String key) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(url)).header("X-API-Key", key).build(),
                HttpResponse.BodyHandlers.ofByteArray()).body().length;
    }

    /**
     * 500 training clients' ids, their applications as POST /score bodies with one value edited, the same
     * applications sent as new ones with their whole history, and their stored feature rows (for TreeSHAP).
     */
    private static void sample(Path database, ModelBundle bundle, List<Long> ids, List<String> bodies,
                               List<String> withHistory, List<float[]> rows) throws Exception {
        Properties readOnly = new Properties();
        readOnly.setProperty("duckdb.read_only", "true");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + database.toAbsolutePath(), readOnly);
             OnlineFeatureBuilder features = OnlineFeatureBuilder.over(c);
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT * FROM application_train ORDER BY hash(SK_ID_CURR) LIMIT 500")) {
            ResultSetMetaData meta = r.getMetaData();
            while (r.next()) {
                Map<String, Object> application = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    if (!meta.getColumnName(i).equals("TARGET")) {
                        application.put(meta.getColumnName(i), r.getObject(i));
                    }
                }
                ids.add(r.getLong("SK_ID_CURR"));
                Object credit = application.get("AMT_CREDIT");
                if (credit instanceof Number n) {
                    application.put("AMT_CREDIT", n.doubleValue() * 1.1);
                }
                bodies.add(JSON.writeValueAsString(Map.of("application", application)));
            }
            DuckDbClientRecords reader = new DuckDbClientRecords(c);
            for (long id : ids) {
                withHistory.add(JSON.writeValueAsString(ApplicationScoring.request(reader.read(id))));
                double[] stored = features.storedFeatures(id).orElseThrow();
                float[] row = new float[stored.length];
                for (int i = 0; i < row.length; i++) {
                    row[i] = (float) stored[i];
                }
                rows.add(row);
            }
        }
    }

    /** Waits until the server is ready and its start-up warm-up is over. */
    private static void awaitReady(String base, Process server) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("the server stopped; see its log in the scratch folder");
            }
            try {
                HttpResponse<String> ready = client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/ready"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                // Measured once the server's warm-up is over (its compiled code is then the steady state's).
                if (ready.statusCode() == 200 && JSON.readTree(ready.body()).path("warm").asBoolean(true)) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the server did not get ready in 10 minutes");
    }
}
