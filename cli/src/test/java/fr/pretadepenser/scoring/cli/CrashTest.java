package fr.pretadepenser.scoring.cli;

import fr.pretadepenser.scoring.model.bundle.ModelBundle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each stage that writes, killed with SIGKILL at random moments ({@value #KILLS} times each, delays drawn from a
 * seeded generator up to the stage's own uninterrupted duration), leaves a usable result, never half of one:
 * {@code ingest} the database with every row of every table, {@code features} the feature table, its lookup table
 * and manifest, {@code train} a {@code models/current} that loads and passes its checksums, and re-pointing
 * {@code models/current} (a model switch) a link to one of the two bundles. A kill that comes after the stage has
 * put its result in place (it finished, or was about to exit) leaves that new, complete result, which equals the
 * previous one for the same data (the database's and feature tables' content; a bundle that loads). Each stage then
 * runs to the end on the files the kills left.
 */
class CrashTest {

    static final int KILLS = 20;
    private static final Random DELAYS = new Random(20261203);

    @TempDir
    static Path dir;
    static Path data;

    @BeforeAll
    static void generate() {
        data = dir.resolve("data");
        assertEquals(0, ScoringCommand.commandLine().execute("generate", "--out", data.toString(), "--clients",
                "1500", "--seed", "23"));
    }

    @Test
    void aKilledIngestLeavesThePreviousDatabaseAsItWas() throws Exception {
        Path database = dir.resolve("ingest.duckdb");
        List<String> ingest = List.of("ingest", "--data", data.toString(), "--db", database.toString());
        long full = runToEnd(ingest);
        String before = content(database);
        int midWrite = 0;
        Path temporary = database.resolveSibling(database.getFileName() + ".tmp");
        for (int i = 0; i < KILLS; i++) {
            // Removed first only to count below; the final run shows that the ingest clears one left behind.
            Files.deleteIfExists(temporary);
            Files.deleteIfExists(temporary.resolveSibling(temporary.getFileName() + ".wal"));
            killDuring(ingest, full, "ingest " + i);
            assertEquals(before, content(database), "after kill " + i);
            // The temporary database left behind shows that the kill came while the new one was being written.
            midWrite += Files.exists(temporary) ? 1 : 0;
        }
        System.out.printf("ingest: %d of %d kills came while the new database was being written%n", midWrite,
                KILLS);
        assertTrue(midWrite > 0, "no kill came during the write");
        runToEnd(ingest);
        assertEquals(before, content(database), "the ingest runs to its end on what the kills left");
    }

    @Test
    void aKilledFeatureBuildLeavesThePreviousFeatureTablesAsTheyWere() throws Exception {
        Path database = dir.resolve("features.duckdb");
        runToEnd(List.of("ingest", "--data", data.toString(), "--db", database.toString()));
        List<String> features = List.of("features", "--db", database.toString());
        long full = runToEnd(features);
        String before = fingerprint(database);
        for (int i = 0; i < KILLS; i++) {
            killDuring(features, full, "features " + i);
            // Opening the database replays or drops what the killed transaction left in its write-ahead log.
            assertEquals(before, fingerprint(database), "after kill " + i);
        }
        runToEnd(features);
        assertEquals(before, fingerprint(database), "the same data gives the same features");
    }

    @Test
    void aKilledTrainingOrLinkSwitchLeavesModelsCurrentServable() throws Exception {
        Path database = dir.resolve("train.duckdb");
        Path models = dir.resolve("models");
        runToEnd(List.of("ingest", "--data", data.toString(), "--db", database.toString()));
        runToEnd(List.of("features", "--db", database.toString()));
        List<String> train = List.of("train", "--db", database.toString(), "--models", models.toString(),
                "--trials", "1", "--folds", "2", "--max-rounds", "40");
        long full = runToEnd(train);
        String first = current(models);
        ModelBundle.load(models.resolve(ModelBundle.CURRENT));
        String previous = first;
        int finished = 0;
        for (int i = 0; i < KILLS; i++) {
            killDuring(train, full, "train " + i);
            String now = current(models);
            // The previous bundle, or a newer one the killed run had fully written and linked before it died.
            assertTrue(now.equals(previous) || now.compareTo(previous) > 0, "after kill " + i + ": " + now);
            assertEquals(now, ModelBundle.load(models.resolve(ModelBundle.CURRENT)).manifest().version(),
                    "after kill " + i);
            finished += now.equals(previous) ? 0 : 1;
            previous = now;
        }
        System.out.printf("train: %d of %d kills came after the run had linked its bundle%n", finished, KILLS);
        runToEnd(train);
        String second = current(models);
        assertTrue(!second.equals(first), "a later training is another version");

        // A switch re-points the link, over and over in a child, killed at random: it always names a bundle.
        for (int i = 0; i < KILLS; i++) {
            Process flipper = ChildJvm.start(dir, dir.resolve("flip.log"), LinkFlipper.class, models.toString(),
                    first, second);
            Thread.sleep(300 + DELAYS.nextInt(700));
            flipper.destroyForcibly();
            assertTrue(flipper.waitFor(1, TimeUnit.MINUTES));
            String now = current(models);
            assertTrue(now.equals(first) || now.equals(second), "after kill " + i + ": " + now);
            assertEquals(now, ModelBundle.load(models.resolve(ModelBundle.CURRENT)).manifest().version());
        }
    }

    /** Re-points {@code models/current} between two versions until killed: what an admin's switch writes. */
    static final class LinkFlipper {
        public static void main(String[] args) throws IOException {
            Path models = Path.of(args[0]);
            for (long i = 0; ; i++) {
                ModelBundle.pointCurrentAt(models, args[1 + (int) (i % 2)]);
            }
        }
    }

    /** Runs a command to its end in a child process; returns how long it took, in milliseconds. */
    private static long runToEnd(List<String> command) throws Exception {
        long start = System.nanoTime();
        Path log = dir.resolve("run.log");
        Process process = ChildJvm.scoring(dir, log, command.toArray(String[]::new));
        int exit = ChildJvm.awaitExit(process, Duration.ofMinutes(5), command.toString());
        assertEquals(0, exit, command + ": " + Files.readString(log));
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** Starts a command and kills it (SIGKILL) after a random part of its full duration. */
    private static void killDuring(List<String> command, long fullMillis, String what) throws Exception {
        Process process = ChildJvm.scoring(dir, dir.resolve("killed.log"), command.toArray(String[]::new));
        Thread.sleep(1 + DELAYS.nextInt((int) Math.max(2, fullMillis)));
        process.destroyForcibly();
        assertTrue(process.waitFor(1, TimeUnit.MINUTES), what + " did not die");
    }

    private static String current(Path models) throws IOException {
        return Files.readSymbolicLink(models.resolve(ModelBundle.CURRENT)).toString();
    }

    /** Row counts and an order-free hash of every row of the feature tables, and the manifest. */
    private static String fingerprint(Path database) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + database);
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT (SELECT count(*) || ':' || sum(hash(f)) FROM features f) || '/'"
                     + " || (SELECT count(*) || ':' || sum(hash(l)) FROM feature_lookup l) || '/'"
                     + " || (SELECT md5(manifest) FROM feature_manifest)")) {
            r.next();
            return r.getString(1);
        }
    }

    /** Every ingested table's row count and an order-free hash of its rows: what a reader of the database sees. */
    private static String content(Path database) throws SQLException {
        java.util.Properties readOnly = new java.util.Properties();
        readOnly.setProperty("duckdb.read_only", "true");
        StringBuilder content = new StringBuilder();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + database, readOnly);
             Statement s = c.createStatement()) {
            for (String table : fr.pretadepenser.scoring.schema.HomeCreditSchema.load().tables().stream()
                    .map(t -> t.name()).toList()) {
                try (ResultSet r = s.executeQuery("SELECT count(*) || ':' || coalesce(sum(hash(t)), 0) FROM \""
                        + table + "\" t")) {
                    r.next();
                    content.append(table).append('=').append(r.getString(1)).append(' ');
                }
            }
        }
        return content.toString();
    }
}
