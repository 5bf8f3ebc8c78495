package fr.pretadepenser.scoring.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchBaselineCommandTest {

    @Test
    void printsTheBaselinesFiguresWithTheMachineTheLoadAndTheCommand(@TempDir Path dir) {
        PrintStream out = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            code = ScoringCommand.commandLine().execute("bench", "baseline", "--clients", "300", "--folds", "3",
                    "--dir", dir.resolve("bench").toString());
        } finally {
            System.setOut(out);
        }
        String text = printed.toString(StandardCharsets.UTF_8);

        assertEquals(0, code, text);
        assertTrue(text.contains("machine: "), text);
        assertTrue(text.contains("OMP_WAIT_POLICY=") && text.contains("GLIBC_TUNABLES="), text);
        assertTrue(text.contains("load average before and after: "), text);
        assertTrue(text.contains("command: scoring bench baseline --clients 300 --seed 42 --folds 3"), text);
        assertTrue(text.contains("| rows | features | read s | baseline CV s | out-of-fold ROC AUC"
                + " | out-of-fold log loss | RSS before MiB | peak RSS MiB |"), text);
        // 300 generated clients, less the few of CODE_GENDER 'XNA' that training leaves out (the generator writes
        // every category, rare ones included).
        Matcher row = Pattern.compile("\n\\| (\\d+) \\| (\\d+) \\| ").matcher(text);
        assertTrue(row.find(), text);
        int rows = Integer.parseInt(row.group(1));
        assertTrue(rows >= 290 && rows <= 300, text);
        assertTrue(Integer.parseInt(row.group(2)) > 700, text);
        // The out-of-fold log loss, after the AUC: a positive number (300 clients and 837 features can overfit).
        Matcher logLoss = Pattern.compile(
                "\n\\| [\\d,]+ \\| \\d+ \\| [\\d.]+ \\| [\\d.]+ \\| [\\d.]+ \\| ([\\d.]+) \\|").matcher(text);
        assertTrue(logLoss.find(), text);
        double value = Double.parseDouble(logLoss.group(1));
        assertTrue(value > 0 && Double.isFinite(value), text);
        assertFalse(Files.exists(dir.resolve("bench")), "the scratch folder is removed");
    }

    @Test
    void refusesADatabaseThatIsNotThere(@TempDir Path dir) {
        int code = ScoringCommand.commandLine().execute("bench", "baseline", "--db",
                dir.resolve("missing.duckdb").toString());
        assertEquals(2, code);
    }
}
