package fr.pretadepenser.scoring.spark;

import fr.pretadepenser.scoring.data.ingest.Ingester;
import fr.pretadepenser.scoring.features.DuckDbFeatureEngine;
import fr.pretadepenser.scoring.progress.Progress;
import fr.pretadepenser.scoring.progress.ResidentMemory;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import fr.pretadepenser.scoring.synthetic.GeneratorSettings;
import fr.pretadepenser.scoring.synthetic.SyntheticDataGenerator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Benchmarks the feature build of both engines from the same CSV files: DuckDB (ingest, then features) against
 * Spark {@code local[2]} (features from CSV, written as Parquet). Each run is a child JVM with this class path,
 * timed from start to exit, its peak resident memory polled from {@code /proc/PID/status} (VmHWM).
 *
 * <pre>
 * java -cp ... fr.pretadepenser.scoring.spark.BenchSparkFeatures --work /tmp/bench --clients 30000,100000
 * </pre>
 *
 * A folder {@code WORK/<clients>/data} holding the files already is reused, else generated (seed 42). Prints one
 * Markdown table row per engine and size. Not a test: it takes minutes.
 */
public final class BenchSparkFeatures {

    private static final long POLL_MILLIS = 50;
    private static final List<String> SPARK_JVM_OPTIONS = List.of(
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED", "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED");

    private BenchSparkFeatures() {
    }

    /** One child run: wall time and peak resident memory (MiB, -1 where /proc is not available). */
    record Run(String engine, int clients, int exitCode, double seconds, long peakRssMiB) {
    }

    /** {@code --work DIR --clients N[,N...]}; or, in a child, {@code duckdb DATA DATABASE}. */
    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("duckdb")) {
            duckdb(Path.of(args[1]), Path.of(args[2]));
            return;
        }
        Path work = null;
        List<Integer> sizes = new ArrayList<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--work" -> work = Path.of(args[i + 1]);
                case "--clients" -> {
                    for (String n : args[i + 1].split(",")) {
                        sizes.add(Integer.parseInt(n.trim()));
                    }
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; known: --work --clients");
            }
        }
        if (work == null || sizes.isEmpty()) {
            throw new IllegalArgumentException("usage: BenchSparkFeatures --work DIR --clients N[,N...]");
        }
        System.out.println("| clients | engine | seconds | peak RSS (MiB) |");
        System.out.println("|---:|---|---:|---:|");
        for (int clients : sizes) {
            Path dir = work.resolve(String.valueOf(clients));
            Path data = dir.resolve("data");
            if (!Files.exists(data.resolve("application_train.csv"))) {
                new SyntheticDataGenerator(new GeneratorSettings(clients, 42)).generate(data, Progress.SILENT);
            }
            for (Run run : List.of(
                    child("DuckDB ingest + features", clients, List.of(), BenchSparkFeatures.class.getName(),
                            "duckdb", data.toString(), dir.resolve("homecredit.duckdb").toString()),
                    child("Spark local[2] features", clients, SPARK_JVM_OPTIONS, SparkFeaturesJob.class.getName(),
                            "--data", data.toString(), "--out", dir.resolve("features.parquet").toString(),
                            "--shuffle-partitions", "8"))) {
                System.out.printf("| %,d | %s | %.1f | %s |%n", run.clients(), run.engine(), run.seconds(),
                        run.exitCode() == 0 ? String.valueOf(run.peakRssMiB()) : "failed (exit " + run.exitCode() + ")");
            }
        }
    }

    /** The DuckDB side, as {@code scoring ingest} and {@code scoring features} do it. */
    private static void duckdb(Path data, Path database) throws IOException, SQLException {
        HomeCreditSchema schema = HomeCreditSchema.load();
        new Ingester(schema).ingest(data, database, Progress.SILENT);
        DuckDbFeatureEngine engine = new DuckDbFeatureEngine(schema);
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + database)) {
            engine.build(connection, engine.learnVocabularies(connection), Progress.SILENT);
        }
    }

    private static Run child(String engine, int clients, List<String> jvmOptions, String mainClass, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        // Spark's local[*] would take every core: both engines get two.
        command.add("-Dspark.master=local[2]");
        command.add(mainClass);
        command.addAll(List.of(args));
        long start = System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        // Spark logs at INFO to standard error; keep the table readable.
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process process = builder.start();
        Path status = Path.of("/proc", String.valueOf(process.pid()), "status");
        long peakKiB = -1;
        while (process.isAlive()) {
            peakKiB = Math.max(peakKiB, ResidentMemory.peakKiB(status).orElse(-1));
            Thread.sleep(POLL_MILLIS);
        }
        int exit = process.waitFor();
        return new Run(engine, clients, exit, (System.nanoTime() - start) / 1e9, peakKiB < 0 ? -1 : peakKiB / 1024);
    }
}
