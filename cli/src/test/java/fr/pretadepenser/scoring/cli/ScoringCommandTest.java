package fr.pretadepenser.scoring.cli;

import fr.pretadepenser.scoring.bench.BenchCommand;
import fr.pretadepenser.scoring.data.ingest.IngestSummary;
import fr.pretadepenser.scoring.features.FeatureBuild;
import fr.pretadepenser.scoring.features.FeatureManifest;
import fr.pretadepenser.scoring.model.bundle.ModelBundle;
import fr.pretadepenser.scoring.synthetic.GeneratorSettings;
import fr.pretadepenser.scoring.testing.TinyBundle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ScoringCommandTest {

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** What the code printed to System.out (commands print their summaries there, picocli's usage elsewhere). */
    private static String stdoutOf(Runnable code) {
        return printed(System.out, System::setOut, code);
    }

    /** What the code printed to System.err. */
    private static String stderrOf(Runnable code) {
        return printed(System.err, System::setErr, code);
    }

    private static String printed(PrintStream original, Consumer<PrintStream> redirect, Runnable code) {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        redirect.accept(new PrintStream(captured, true));
        try {
            code.run();
        } finally {
            redirect.accept(original);
        }
        return captured.toString();
    }

    private int run(String... args) {
        CommandLine line = ScoringCommand.commandLine();
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        return line.execute(args);
    }

    @Test
    void helpListsEveryCommandOnOneLine() {
        assertEquals(0, run("--help"));
        for (String command : new String[]{"generate", "ingest", "features", "train", "predict", "report", "serve",
                "health", "demo", "bench", "users", "audit"}) {
            assertTrue(out.toString().lines().anyMatch(l -> l.trim().startsWith(command + " ")),
                    command + " missing from:\n" + out);
        }
    }

    @Test
    void ingestFeaturesAndTrainEndWithThePeakResidentMemoryForSizingAMachine() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "no /proc here: the line is left out");
        TinyBundle tiny = TinyBundle.get();
        ModelBundle bundle = ModelBundle.load(tiny.bundle());
        List<String> summaries = List.of(
                stdoutOf(() -> IngestCommand.print(new IngestSummary(tiny.database(), List.of(), 1.5))),
                stdoutOf(() -> FeaturesCommand.print(new FeatureBuild(bundle.features(), 10, List.of()))),
                stdoutOf(() -> TrainCommand.print(bundle.manifest(), tiny.bundle())));
        for (String summary : summaries) {
            String last = summary.strip().lines().reduce((a, b) -> b).orElse("");
            assertTrue(last.matches("peak resident memory [0-9,]+ MiB \\(the whole process so far\\)"), summary);
            // This JVM has loaded classes and a model: tens of MiB at the least, never 0.
            assertTrue(Long.parseLong(last.replaceAll("[^0-9]", "")) >= 16, last);
        }
    }

    @Test
    void ingestExitsWithTwoAndNamesTheProblemForBadInput() throws Exception {
        Files.createDirectories(tmp.resolve("data"));
        Path db = tmp.resolve("db/homecredit.duckdb");
        int code = run("ingest", "--data", tmp.resolve("data").toString(), "--db", db.toString());
        assertEquals(ScoringCommand.EXIT_BAD_INPUT, code);
        assertEquals("error: application_train.csv: not found in " + tmp.resolve("data") + " (looked for"
                + " application_train.csv, application_train.csv.gz and home-credit-default-risk.zip)",
                err.toString().trim());
        assertFalse(Files.exists(db));
    }

    @Test
    void demoGeneratesAndIngestsASyntheticDataSet() throws Exception {
        Path db = tmp.resolve("work/homecredit.duckdb");
        assertEquals(0, run("demo", "--clients", "400", "--data", tmp.resolve("demo-data").toString(),
                "--db", db.toString(), "--models", tmp.resolve("models").toString(), "--trials", "1",
                "--reports", tmp.resolve("reports").toString(), "--no-serve"));
        assertTrue(Files.isRegularFile(tmp.resolve("models/current/model.ubj")));
        assertTrue(Files.readString(tmp.resolve("reports/methodology.html")).contains("<svg"));
        assertTrue(Files.size(tmp.resolve("reports/methodology.pdf")) > 0);
        assertTrue(Files.readString(tmp.resolve("reports/exploration.html")).contains("<svg"));
        assertTrue(Files.readString(tmp.resolve("reports/drift.json")).contains("\"scorePsi\""));
        assertTrue(Files.isRegularFile(tmp.resolve("reports/drift.html")));
        assertTrue(Files.size(db) > 0);
        for (String file : new String[]{"application_train.csv", "bureau_balance.csv", "credit_card_balance.csv"}) {
            assertTrue(Files.exists(tmp.resolve("demo-data").resolve(file)), file);
        }
        try (var c = java.sql.DriverManager.getConnection("jdbc:duckdb:" + db);
             var s = c.createStatement();
             var r = s.executeQuery("SELECT count(*) FROM application_train")) {
            r.next();
            assertEquals(400, r.getLong(1));
        }
        Path users = tmp.resolve("users.json");
        String noAccount = stderrOf(() -> assertEquals(ScoringCommand.EXIT_BAD_INPUT, run("serve", "--db",
                db.toString(), "--model", tmp.resolve("models/current").toString(), "--users", users.toString(),
                "--audit", tmp.resolve("audit.jsonl").toString())));
        assertTrue(noAccount.contains("no accounts in " + users), "outside the demo, no default account: "
                + noAccount);
    }

    @Test
    void serveRefusesADamagedBundleWithACode() throws Exception {
        Path bundle = Files.createDirectories(tmp.resolve("models/broken"));
        Files.writeString(bundle.resolve("model.ubj"), "not a model");
        assertEquals(ScoringCommand.EXIT_BAD_INPUT, run("serve", "--model", bundle.toString(), "--db",
                tmp.resolve("none.duckdb").toString()));
        String errors = err.toString();
        assertTrue(errors.startsWith("error: ") && errors.contains("checksums.sha256 is missing"), errors);
    }

    @Test
    void theBenchmarksStartThisCommandInTheirChildProcesses() {
        assertEquals(ScoringCommand.class.getName(), fr.pretadepenser.scoring.bench.BenchCommand.SCORING_MAIN);
    }

    @Test
    void benchDataMeasuresBothStagesInChildProcessesAndCleansUp() {
        Path dir = tmp.resolve("bench");
        String report = stdoutOf(() ->
                assertEquals(0, run("bench", "data", "--clients", "300", "--dir", dir.toString())));
        assertTrue(report.lines().anyMatch(l -> l.startsWith("| generate | ")), report);
        assertTrue(report.lines().anyMatch(l -> l.startsWith("| ingest | ")), report);
        assertTrue(report.lines().anyMatch(l -> l.startsWith("| application_train | 300 | ")), report);
        assertTrue(report.contains("machine: "), report);
        assertFalse(Files.exists(dir), "bench folder left behind");
    }

    @Test
    void featuresRefusesADatabaseThatDoesNotExist() {
        Path db = tmp.resolve("none.duckdb");
        String errors = stderrOf(() ->
                assertEquals(ScoringCommand.EXIT_BAD_INPUT, run("features", "--db", db.toString())));
        assertEquals("error: " + db + " does not exist; run 'scoring ingest' (or 'scoring demo') first", errors.trim());
    }

    @Test
    void featuresExportsIdsTargetAndFeaturesInManifestOrderAndReusesAManifest() throws Exception {
        Path db = tmp.resolve("homecredit.duckdb");
        assertEquals(0, run("demo", "--clients", "300", "--data", tmp.resolve("d").toString(), "--db", db.toString(),
                "--models", tmp.resolve("models").toString(), "--trials", "1", "--reports",
                tmp.resolve("reports").toString(), "--no-serve"));
        String manifestJson;
        try (var c = java.sql.DriverManager.getConnection("jdbc:duckdb:" + db);
             var s = c.createStatement();
             var r = s.executeQuery("SELECT manifest FROM feature_manifest")) {
            r.next();
            manifestJson = r.getString(1);
        }
        Path manifest = Files.writeString(tmp.resolve("manifest.json"), manifestJson);
        java.util.List<String> names = fr.pretadepenser.scoring.features.FeatureManifest.fromJson(manifestJson)
                .featureNames();

        Path csv = tmp.resolve("out/features.csv");
        assertEquals(0, run("features", "--db", db.toString(), "--manifest", manifest.toString(),
                "--out", csv.toString()));

        java.util.List<String> lines = Files.readAllLines(csv);
        java.util.List<String> expectedHeader = new java.util.ArrayList<>(java.util.List.of("SK_ID_CURR", "TARGET"));
        expectedHeader.addAll(names.stream().map(n -> n.contains(",") ? '"' + n + '"' : n).toList());
        assertEquals(String.join(",", expectedHeader), lines.get(0));
        assertEquals(300 + new fr.pretadepenser.scoring.synthetic.GeneratorSettings(300, 42).testClients(),
                lines.size() - 1);
        assertTrue(lines.stream().skip(1).anyMatch(l -> l.contains(",,")), "missing values are empty fields");
        assertFalse(Files.exists(tmp.resolve("out/features.csv.partial")));
    }

    @Test
    void benchModelComparesAllTablesWithApplicationOnlyAndTimesOneApplication() {
        Path dir = tmp.resolve("bench-model");
        String report = stdoutOf(() -> assertEquals(0, run("bench", "model", "--clients", "600", "--folds", "3",
                "--calls", "20", "--dir", dir.toString())));
        assertTrue(report.lines().anyMatch(l -> l.startsWith("| all tables: ")), report);
        assertTrue(report.lines().anyMatch(l -> l.startsWith("| application only: ")), report);
        assertTrue(report.contains("One application, scored and explained (20 calls after warm-up): median "), report);
        assertFalse(Files.exists(dir), "bench folder left behind");
    }

    @Test
    void serveRefusesHalfATlsSettingAnUnknownInstanceNameMissingPemFilesAndANegativeWarmUp() {
        assertEquals(2, run("serve", "--tls-cert", tmp.resolve("cert.pem").toString()));
        assertTrue(err.toString().startsWith("--tls-cert and --tls-key go together"), err.toString());
        assertEquals(2, run("serve", "--tls-cert", tmp.resolve("cert.pem").toString(), "--tls-key",
                tmp.resolve("key.pem").toString()));
        assertTrue(err.toString().contains("no such file: " + tmp.resolve("cert.pem")), err.toString());
        assertEquals(2, run("serve", "--instance", "../a"));
        assertTrue(err.toString().contains("--instance must be 1-32 of a-z, 0-9 and '-' (it names the replica's audit"
                + " log), was '../a'"), err.toString());
        assertEquals(2, run("serve", "--warm-up", "-1"));
        assertTrue(err.toString().contains("--warm-up must be 0 or more, was -1"), err.toString());
    }

    @Test
    void healthIsZeroOnlyWhenTheAddressAnswers200() throws Exception {
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/up", e -> {
            e.sendResponseHeaders(200, -1);
            e.close();
        });
        server.createContext("/down", e -> {
            e.sendResponseHeaders(503, -1);
            e.close();
        });
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        try {
            assertEquals(0, run("health", "--url", base + "/up"));
            assertEquals(HealthCommand.EXIT_UNHEALTHY, run("health", "--url", base + "/down"));
        } finally {
            server.stop(0);
        }
        assertEquals(HealthCommand.EXIT_UNHEALTHY, run("health", "--url", base + "/up", "--timeout", "2"));
        assertTrue(err.toString().contains(base + "/up: no answer"), err.toString());
    }

    @Test
    void aMisspelledOptionIsAUsageErrorWithExitTwo() {
        assertEquals(2, run("ingest", "--data", "d", "--dbb", "x"));
        assertTrue(err.toString().startsWith("Unknown options: '--dbb', 'x'"), err.toString());
    }
}
