package fr.pretadepenser.scoring.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchFeaturesCommandTest {

    @Test
    void printsTheBatchAndOnlineTablesWithTheMachineAndTheCommand(@TempDir Path dir) {
        PrintStream out = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            code = ScoringCommand.commandLine().execute("bench", "features", "--clients", "300", "--calls", "3",
                    "--dir", dir.resolve("bench").toString());
        } finally {
            System.setOut(out);
        }
        String text = printed.toString(StandardCharsets.UTF_8);

        assertEquals(0, code, text);
        assertTrue(text.contains("machine: "), text);
        assertTrue(text.contains("command: scoring bench features --clients 300 --seed 42 --calls 3"), text);
        assertTrue(text.contains("| CSV -> feature table | wall s | peak RSS MiB |"), text);
        assertTrue(text.contains("| ingest | "), text);
        assertTrue(text.contains("| **ingest + features** | "), text);
        assertTrue(text.contains("| batch stage | features | seconds |"), text);
        assertTrue(text.contains("| previous_application | "), text);
        assertTrue(text.contains("| online case | history rows | calls | median ms | p99 ms |"), text);
        assertTrue(text.contains("| (a) edited application, stored side features | - | 3 | "), text);
        assertTrue(text.contains("| (b) new application with its history | "), text);
        assertFalse(Files.exists(dir.resolve("bench")), "the scratch folder is removed");
    }

    /** A stand-in for peer_features.py: takes the same arguments, writes its output file and its summary lines. */
    private static final String FAKE_PEER = String.join("\n",
            "import sys",
            "args = dict(zip(sys.argv[1::2], sys.argv[2::2]))",
            "open(args['--out'], 'w').write('features')",
            "print('rows 12 (train 10, test 2); features 3')",
            "print('time: csv read 0.01s, features incl. read 0.02s, total incl. write 0.03s')", "");

    @Test
    void runsThePeerOnTheSameFilesAndPrintsTheRatio(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "the peer runs on /usr/bin/python3");
        Path peer = Files.writeString(dir.resolve("fake_peer.py"), FAKE_PEER);
        Path data = dir.resolve("data");
        assertEquals(0, ScoringCommand.commandLine().execute("generate", "--out", data.toString(), "--clients", "300"));
        PrintStream out = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            code = ScoringCommand.commandLine().execute("bench", "features", "--data", data.toString(), "--calls", "0",
                    "--floor", "--peer", peer.toString(), "--memory", "2GiB", "--dir", dir.resolve("bench").toString());
        } finally {
            System.setOut(out);
        }
        String text = printed.toString(StandardCharsets.UTF_8);

        assertEquals(0, code, text);
        assertTrue(text.contains("command: scoring bench features --data " + data + " --calls 0 --memory 2GiB --floor"
                + " --peer " + peer), text);
        long rows = 0;
        try (Stream<Path> files = Files.list(data)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".csv")).toList()) {
                rows += Files.readAllLines(file).size() - 1;
            }
        }
        String floorRow = String.format(Locale.ROOT, "| floor: DuckDB's bare load of the files (%,d rows;", rows);
        assertTrue(text.contains(floorRow),
                "every data row of the eight files loaded by the floor: " + rows + "\n" + text);
        assertTrue(text.contains("floor: the bare load alone is "), text);
        assertTrue(text.contains("| peer (fake_peer.py, pandas) | "), text);
        assertTrue(text.contains("x the peer's (peer "), text);
        assertTrue(text.contains("peer: rows 12 (train 10, test 2); features 3"), text);
        assertFalse(text.contains("| online case"), "no online latency with --calls 0: " + text);
        assertTrue(Files.exists(data.resolve("application_train.csv")), "the files measured are left in place");
    }
}
