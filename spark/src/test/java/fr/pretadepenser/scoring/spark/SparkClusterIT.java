package fr.pretadepenser.scoring.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.pretadepenser.scoring.features.FeatureManifest;
import fr.pretadepenser.scoring.model.bundle.ModelBundle;
import fr.pretadepenser.scoring.progress.Progress;
import fr.pretadepenser.scoring.score.BatchScoring;
import fr.pretadepenser.scoring.synthetic.GeneratorSettings;
import fr.pretadepenser.scoring.synthetic.SyntheticDataGenerator;
import fr.pretadepenser.scoring.testing.BuiltFeatures;
import fr.pretadepenser.scoring.testing.FeatureAssertions;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Reader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cluster jar ({@code spark/target/scoring-spark.jar}) on a real Spark standalone cluster: a Master and two
 * Workers (one core, 1 GB each) in child JVMs, whose class path is Spark's alone, and each job sent by
 * {@code spark-submit} without {@code --jars} or {@code --packages}. The feature job's table equals DuckDB's on the
 * same generated data, {@code scoring serve} starts on the bundle the training job wrote, and the scoring job,
 * submitted in cluster deploy mode (its driver on a Worker), scores as {@code scoring predict} does with that
 * bundle. The feature and training jobs run in client mode (the driver in spark-submit's JVM). Runs in the
 * {@code integration-test} phase, after {@code package} has built both jars.
 */
class SparkClusterIT {

    private static final int CLIENTS = 1_500;
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(4);
    private static final ObjectMapper JSON = new ObjectMapper();

    // Kept when a test fails: the daemons' and jobs' logs are in logs/.
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path work;
    static Path data;
    static BuiltFeatures duckdb;
    static StandaloneCluster cluster;

    @BeforeAll
    static void startClusterAndRunTheJobs() throws Exception {
        data = work.resolve("data");
        new SyntheticDataGenerator(new GeneratorSettings(CLIENTS, 17)).generate(data, Progress.SILENT);
        duckdb = BuiltFeatures.of(data, Files.createDirectories(work.resolve("duckdb")));
        List<Path> sparkJars = Arrays.stream(Files.readString(Path.of(property("spark.classpath"))).trim()
                .split(java.io.File.pathSeparator)).map(Path::of).toList();
        cluster = StandaloneCluster.start(work, sparkJars, 2, 1, "1g");

        submit("features", "client", "fr.pretadepenser.scoring.spark.SparkFeaturesJob",
                "--data", data.toUri().toString(), "--out", work.resolve("features.parquet").toUri().toString(),
                "--manifest-out", work.resolve("features.json").toUri().toString(), "--shuffle-partitions", "4");
        submit("train", "client", "fr.pretadepenser.scoring.spark.SparkTrainJob",
                "--features", work.resolve("features.parquet").toUri().toString(),
                "--manifest", work.resolve("features.json").toUri().toString(),
                "--models", work.resolve("models").toUri().toString(),
                "--folds", "2", "--rounds", "40", "--patience", "10", "--workers", "2", "--seed", "17");
        // The feature table's rows, as a bank would score a table built on the cluster, with the driver on a Worker
        // (scoring from the tables, --data, builds the features again: the local tests cover it, and it needs a
        // driver of 2 GB or more for the plan of 800 columns, more than these Workers have).
        submit("score", "cluster", "fr.pretadepenser.scoring.spark.SparkScoreJob",
                "--features", work.resolve("features.parquet").toUri().toString(),
                "--model", work.resolve("models").resolve(ModelBundle.CURRENT).toString(),
                "--out", work.resolve("scores.parquet").toString());
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void theFeatureJobMakesDuckDbsManifestAndValues() throws Exception {
        FeatureManifest manifest = FeatureManifest.fromJson(Files.readString(work.resolve("features.json")));
        assertEquals(duckdb.manifest(), manifest);

        List<String> differences = new ArrayList<>();
        int rows = 0;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT * FROM read_parquet('" + work.resolve("features.parquet")
                     + "/*.parquet') ORDER BY SK_ID_CURR")) {
            ResultSetMetaData meta = r.getMetaData();
            List<String> columns = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.add(meta.getColumnName(i));
            }
            assertEquals(duckdb.columns(), columns);
            while (r.next()) {
                rows++;
                long client = r.getLong(1);
                Map<String, Double> expected = duckdb.row(client);
                for (int i = 2; i <= columns.size(); i++) {
                    Object value = r.getObject(i);
                    Double got = value == null ? null : ((Number) value).doubleValue();
                    if (!FeatureAssertions.same(expected.get(columns.get(i - 1)), got) && differences.size() < 20) {
                        differences.add("client " + client + " " + columns.get(i - 1) + ": expected <"
                                + expected.get(columns.get(i - 1)) + "> but was <" + got + ">");
                    }
                }
            }
        }
        assertEquals(duckdb.clients().size(), rows);
        assertEquals(List.of(), differences);
    }

    @Test
    void scoringServeStartsOnTheBundleTheClusterWrote() throws Exception {
        ModelBundle bundle = ModelBundle.load(work.resolve("models").resolve(ModelBundle.CURRENT));
        assertEquals(duckdb.manifest(), bundle.features());
        Process account = scoring("users", List.of("add", "ops", "--role", "admin", "--generate", "--users",
                work.resolve("users.json").toString()));
        assertTrue(account.waitFor(1, TimeUnit.MINUTES) && account.exitValue() == 0, () -> log("users"));
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process server = scoring("serve", List.of("--port", String.valueOf(port),
                "--db", work.resolve("duckdb/homecredit.duckdb").toString(),
                "--model", work.resolve("models").resolve(ModelBundle.CURRENT).toString(),
                "--users", work.resolve("users.json").toString(), "--audit", work.resolve("audit.jsonl").toString(),
                "--reports", work.toString()));
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/ready"))
                    .timeout(Duration.ofSeconds(10)).build();
            JsonNode answer = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (answer == null && System.nanoTime() < deadline && server.isAlive()) {
                try {
                    HttpResponse<String> response = http.send(ready, HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 200) {
                        answer = JSON.readTree(response.body());
                    }
                } catch (IOException notYet) {
                    Thread.sleep(300);
                }
            }
            assertTrue(answer != null, "scoring serve did not become ready: "
                    + Files.readString(work.resolve("serve.log")));
            assertEquals(bundle.manifest().version(), answer.get("modelVersion").asText());
            assertEquals(duckdb.clients().size(), answer.get("clients").asInt());
        } finally {
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void theScoringJobScoresAsScoringPredictDoes() throws Exception {
        Process predict = scoring("predict", List.of("--input", data.resolve("application_test.csv").toString(),
                "--history", data.toString(), "--model", work.resolve("models").resolve(ModelBundle.CURRENT)
                        .toString(), "--out", work.resolve("predict.csv").toString()));
        assertTrue(predict.waitFor(3, TimeUnit.MINUTES), "scoring predict did not end");
        assertEquals(0, predict.exitValue(), () -> log("predict"));

        Map<Long, List<String>> expected = new LinkedHashMap<>();
        try (Reader in = Files.newBufferedReader(work.resolve("predict.csv"));
             CSVParser csv = CSVFormat.RFC4180.builder().setHeader().get().parse(in)) {
            for (CSVRecord r : csv) {
                expected.put(Long.parseLong(r.get("SK_ID_CURR")), List.of(r.get("probability"), r.get("decision"),
                        r.get("reason_1"), r.get("reason_2"), r.get("reason_3")));
            }
        }
        // The job scored every row of the feature table: the labelled ones too, and without warnings (the raw
        // rows are not in a feature table).
        Map<Long, List<String>> fromSpark = scores(work.resolve("scores.parquet"));
        assertEquals(duckdb.clients().size(), fromSpark.size());
        assertTrue(fromSpark.keySet().containsAll(expected.keySet()));
        assertTrue(expected.size() > 100, "only " + expected.size() + " applications scored");
        for (Map.Entry<Long, List<String>> e : expected.entrySet()) {
            List<String> want = e.getValue();
            List<String> got = fromSpark.get(e.getKey()).subList(0, want.size());
            assertEquals(Double.parseDouble(want.get(0)), Double.parseDouble(got.get(0)), 1e-6,
                    "probability of client " + e.getKey());
            assertEquals(want.subList(1, want.size()), got.subList(1, got.size()), "client " + e.getKey());
        }
    }

    /** Each client's probability, decision, three reasons (empty when absent) and warnings joined as in CSV. */
    private static Map<Long, List<String>> scores(Path parquet) throws Exception {
        Map<Long, List<String>> scores = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT * FROM read_parquet('" + parquet + "/*.parquet')"
                     + " ORDER BY SK_ID_CURR")) {
            while (r.next()) {
                List<String> row = new ArrayList<>();
                row.add(String.valueOf(r.getDouble("probability")));
                row.add(r.getString("decision"));
                for (int i = 1; i <= 3; i++) {
                    String reason = r.getString("reason_" + i);
                    row.add(reason == null ? "" : reason);
                }
                Array warnings = r.getArray("warnings");
                List<String> messages = new ArrayList<>();
                for (Object w : (Object[]) warnings.getArray()) {
                    messages.add(String.valueOf(w));
                }
                row.add(String.join(BatchScoring.WARNING_SEPARATOR, messages));
                scores.put(r.getLong("SK_ID_CURR"), row);
            }
        }
        return scores;
    }

    /** Submits a job with the cluster jar alone, and checks that spark-submit ends with status 0. */
    private static void submit(String name, String deployMode, String mainClass, String... jobArguments)
            throws Exception {
        String opens = String.join(" ", StandaloneCluster.JAVA_17_OPENS);
        List<String> arguments = new ArrayList<>(List.of("--master", cluster.masterUrl(), "--deploy-mode", deployMode,
                "--class", mainClass, "--name", name, "--executor-memory", "512m", "--driver-memory", "512m",
                "--conf", "spark.executor.extraJavaOptions=" + opens, "--conf", "spark.driver.extraJavaOptions=" + opens,
                "--conf", "spark.executorEnv.OMP_WAIT_POLICY=passive", "--conf", "spark.ui.enabled=false",
                "--conf", "spark.sql.shuffle.partitions=4",
                // One machine: waiting for a data-local slot (3 s by default) only delays each stage.
                "--conf", "spark.locality.wait=0s",
                // In cluster mode spark-submit returns once the driver is launched unless told to wait for it.
                "--conf", "spark.standalone.submit.waitAppCompletion=true"));
        arguments.add(property("cluster.jar"));
        arguments.addAll(List.of(jobArguments));
        long start = System.nanoTime();
        int status = cluster.submit(name, arguments, JOB_TIMEOUT);
        System.out.printf("spark-submit %s (%s mode): status %d in %.1f s%n", name, deployMode, status,
                (System.nanoTime() - start) / 1e9);
        assertEquals(0, status, cluster.tail(name));
    }

    /** Starts {@code java -jar scoring.jar COMMAND ...}, its output in {@code COMMAND.log}. */
    private static Process scoring(String command, List<String> arguments) throws IOException {
        List<String> line = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-jar", property("scoring.jar"), command));
        line.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true)
                .redirectOutput(work.resolve(command + ".log").toFile());
        builder.environment().put("OMP_WAIT_POLICY", "passive");
        return builder.start();
    }

    private static String log(String command) {
        try {
            return Files.readString(work.resolve(command + ".log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null || !Files.exists(Path.of(value))) {
            throw new IllegalStateException("system property " + name + " names no file (" + value + "); run this"
                    + " test through 'mvn -Pspark verify', which builds the jars first");
        }
        return value;
    }
}
