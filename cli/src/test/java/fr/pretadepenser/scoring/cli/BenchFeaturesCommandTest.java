package fr.pretadepenser.scoring.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

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
        assertTrue(text.contains("| batch stage | features | seconds |"), text);
        assertTrue(text.contains("| previous_application | "), text);
        assertTrue(text.contains("| online case | history rows | calls | median ms | p99 ms |"), text);
        assertTrue(text.contains("| (a) edited application, stored side features | - | 3 | "), text);
        assertTrue(text.contains("| (b) new application with its history | "), text);
        assertFalse(Files.exists(dir.resolve("bench")), "the scratch folder is removed");
    }
}
