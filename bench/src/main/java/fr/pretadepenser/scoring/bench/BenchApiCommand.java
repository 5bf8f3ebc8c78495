package fr.pretadepenser.scoring.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.pretadepenser.scoring.auth.Role;
import fr.pretadepenser.scoring.auth.UserStore;
import fr.pretadepenser.scoring.data.ClientRecords;
import fr.pretadepenser.scoring.data.History;
import fr.pretadepenser.scoring.data.ingest.Ingester;
import fr.pretadepenser.scoring.features.DuckDbClientRecords;
import fr.pretadepenser.scoring.features.DuckDbFeatureEngine;
import fr.pretadepenser.scoring.features.OnlineFeatureBuilder;
import fr.pretadepenser.scoring.model.bundle.ModelBundle;
import fr.pretadepenser.scoring.progress.Progress;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import fr.pretadepenser.scoring.synthetic.GeneratorSettings;
import fr.pretadepenser.scoring.synthetic.SyntheticDataGenerator;
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
 * one keep-alive connection per simulated client), so both share the machine's cores, as the issue asks.
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
            new SyntheticDataGenerator(new GeneratorSettings(scratch.clients, scratch.seed))
                    .generate(scratch.data(), Progress.SILENT);
            new Ingester(HomeCreditSchema.load()).ingest(scratch.data(), database, Progress.SILENT);
            try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + database.toAbsolutePath())) {
                DuckDbFeatureEngine engine = new DuckDbFeatureEngine(HomeCreditSchema.load());
                engine.build(c, engine.learnVocabularies(c), Progress.SILENT);
            }
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

        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), BenchCommand.SCORING_MAIN, "serve",
                "--port", String.valueOf(port), "--db", database.toString(), "--model",
                model.toString(), "--users", users.toString(), "--audit",
                scratch.dir.resolve("audit.jsonl").toString()));
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
            System.out.printf(Locale.ROOT, "command: scoring bench api --clients %d --connections %s --seconds %d"
                    + " --warmup %d%s%n%n", scratch.clients, connections.toString().replaceAll("[\\[\\] ]", ""),
                    seconds, warmup, existingDatabase == null ? ""
                            : " --db " + existingDatabase + " --model " + existingModel);
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
            if (wrkAvailable()) {
                // wrk costs far less CPU per request than a JVM client: the same machine leaves the server more.
                Path script = scratch.dir.resolve("score.lua");
                Files.writeString(script, wrkScript(ids, key));
                for (int n : connections) {
                    row("GET /clients/{id}/score (wrk)", n, wrk(base, script, n));
                }
            }
            System.out.printf(Locale.ROOT, "%nserver peak RSS: %,d MiB%n",
                    StageRun.peakKiB(Path.of("/proc", String.valueOf(server.pid()), "status")) / 1024);
        } finally {
            server.destroy();
            server.waitFor();
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

    private static boolean wrkAvailable() {
        try {
            return new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start().waitFor() >= 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** A wrk script asking for the score of a random one of the ids, with the key. */
    private static String wrkScript(List<Long> ids, String key) {
        StringBuilder lua = new StringBuilder("local ids = {");
        ids.forEach(id -> lua.append(id).append(','));
        return lua.append("}\nrequest = function()\n  local id = ids[math.random(#ids)]\n"
                + "  return wrk.format(\"GET\", \"/api/v1/clients/\" .. id .. \"/score\", {[\"X-API-Key\"] = \"")
                .append(key).append("\"})\nend\n").toString();
    }

    /** Runs wrk (2 threads) for a warm-up then the measured window, and reads its latency distribution. */
    private LoadGenerator.Result wrk(String base, Path script, int n) throws IOException, InterruptedException {
        run("wrk", "-t2", "-c" + n, "-d" + warmup + "s", "-s", script.toString(), base);
        String out = run("wrk", "-t2", "-c" + n, "-d" + seconds + "s", "--latency", "-s", script.toString(), base);
        double rps = Double.parseDouble(out.replaceAll("(?s).*Requests/sec:\\s+([0-9.]+).*", "$1"));
        long errors = out.contains("Non-2xx") ? Long.parseLong(out.replaceAll(
                "(?s).*Non-2xx or 3xx responses:\\s+([0-9]+).*", "$1")) : 0;
        double[] percentiles = new double[101];
        for (int p : new int[]{50, 90, 99}) {
            percentiles[p] = millis(out.replaceAll("(?s).*\\s" + p + "%\\s+([0-9.]+[a-z]+).*", "$1"));
        }
        // "Latency  avg  stdev  max  +/-stdev": the third value is the largest latency.
        percentiles[100] = millis(out.replaceAll(
                "(?s).*Latency\\s+[0-9.]+[a-z]+\\s+[0-9.]+[a-z]+\\s+([0-9.]+[a-z]+).*", "$1"));
        return LoadGenerator.Result.summary((long) (rps * seconds), errors, seconds, percentiles);
    }

    private static double millis(String value) {
        double number = Double.parseDouble(value.replaceAll("[a-z]+$", ""));
        return value.endsWith("us") ? number / 1000 : value.endsWith("ms") ? number : number * 1000;
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        process.waitFor();
        return out;
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
                ClientRecords client = reader.read(id);
                Map<String, Object> application = new LinkedHashMap<>(client.application().values());
                application.remove("TARGET");
                History h = client.history().orElseThrow();
                withHistory.add(JSON.writeValueAsString(Map.of("application", application, "history", Map.of(
                        "bureau", h.bureau(), "bureau_balance", h.bureauBalance(),
                        "previous_application", h.previousApplications(), "POS_CASH_balance", h.posCashBalance(),
                        "installments_payments", h.installmentsPayments(),
                        "credit_card_balance", h.creditCardBalance()))));
                double[] stored = features.storedFeatures(id).orElseThrow();
                float[] row = new float[stored.length];
                for (int i = 0; i < row.length; i++) {
                    row[i] = (float) stored[i];
                }
                rows.add(row);
            }
        }
    }

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
                if (ready.statusCode() == 200) {
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
