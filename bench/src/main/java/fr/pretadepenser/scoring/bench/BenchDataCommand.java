package fr.pretadepenser.scoring.bench;

import fr.pretadepenser.scoring.data.ingest.Ingester;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code scoring bench data}: time and peak memory of {@code generate} and {@code ingest} at one size.
 *
 * <p>Each stage runs in a child JVM of its own, so that its peak resident memory (heap, DuckDB's native memory,
 * everything) is measured alone, as a user running that command would see it.
 */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = "Time and peak memory of generate and ingest, rows/s per table.")
final class BenchDataCommand implements Callable<Integer> {

    @Mixin
    BenchScratch scratch;

    @Override
    public Integer call() throws Exception {
        Path data = scratch.data();
        Path database = scratch.database();
        scratch.empty();

        StageRun generate = StageRun.of("generate", "--out", data.toString(),
                "--clients", String.valueOf(scratch.clients),
                "--seed", String.valueOf(scratch.seed));
        if (generate.exitCode() != 0) {
            System.err.println("bench: generate failed with exit code " + generate.exitCode());
            return generate.exitCode();
        }
        long generatedBytes = folderBytes(data);
        StageRun ingest = StageRun.of("ingest", "--data", data.toString(), "--db", database.toString());
        if (ingest.exitCode() != 0) {
            System.err.println("bench: ingest failed with exit code " + ingest.exitCode());
            return ingest.exitCode();
        }
        List<TableTiming> tables = readIngestLog(database);
        long rows = tables.stream().mapToLong(TableTiming::rows).sum();

        System.out.println();
        System.out.println(Machine.describe());
        System.out.printf(Locale.ROOT, "command: scoring bench data --clients %d --seed %d%n%n", scratch.clients,
                scratch.seed);
        System.out.println("| stage | wall s | peak RSS MiB | rows | rows/s | MB | MB/s |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        for (StageRun stage : List.of(generate, ingest)) {
            System.out.printf(Locale.ROOT, "| %s | %.1f | %s | %,d | %,.0f | %,.0f | %.1f |%n", stage.name(),
                    stage.seconds(),
                    stage.peakRssMiB() < 0 ? "n/a" : String.format(Locale.ROOT, "%,d", stage.peakRssMiB()),
                    rows, rows / stage.seconds(), generatedBytes / 1e6, generatedBytes / 1e6 / stage.seconds());
        }
        System.out.println();
        System.out.println("| table (ingest) | rows | MB | s | rows/s | MB/s |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        for (TableTiming t : tables) {
            System.out.printf(Locale.ROOT, "| %s | %,d | %,.1f | %.2f | %,.0f | %.1f |%n", t.table(), t.rows(),
                    t.bytes() / 1e6, t.seconds(), t.rows() / Math.max(t.seconds(), 1e-3),
                    t.bytes() / 1e6 / Math.max(t.seconds(), 1e-3));
        }
        scratch.cleanUp();
        return 0;
    }

    private static List<TableTiming> readIngestLog(Path database) throws Exception {
        Properties readOnly = new Properties();
        readOnly.setProperty("duckdb.read_only", "true");
        List<TableTiming> tables = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + database.toAbsolutePath(), readOnly);
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT table_name, row_count, bytes, seconds FROM " + Ingester.INGEST_LOG)) {
            while (r.next()) {
                tables.add(new TableTiming(r.getString(1), r.getLong(2), r.getLong(3), r.getDouble(4)));
            }
        }
        return tables;
    }

    private static long folderBytes(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            long total = 0;
            for (Path f : files.toList()) {
                total += Files.size(f);
            }
            return total;
        }
    }

    private record TableTiming(String table, long rows, long bytes, double seconds) {
    }
}
