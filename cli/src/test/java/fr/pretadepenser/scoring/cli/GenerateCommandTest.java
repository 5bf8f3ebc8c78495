package fr.pretadepenser.scoring.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GenerateCommandTest {

    private static int run(StringWriter err, String... args) {
        CommandLine commandLine = ScoringCommand.commandLine();
        commandLine.setErr(new PrintWriter(err));
        return commandLine.execute(args);
    }

    @Test
    void writesTheEightFilesAndExitsWithZero(@TempDir Path dir) {
        int code = run(new StringWriter(), "generate", "--out", dir.toString(), "--clients", "50", "--seed", "3");
        assertEquals(0, code);
        assertTrue(Files.exists(dir.resolve("application_train.csv")));
        assertTrue(Files.exists(dir.resolve("credit_card_balance.csv")));
    }

    @Test
    void refusesFewerThanOneClientAsAUsageError(@TempDir Path dir) {
        StringWriter err = new StringWriter();
        int code = run(err, "generate", "--out", dir.toString(), "--clients", "0");
        assertEquals(2, code);
        assertTrue(err.toString().startsWith("--clients must be at least 1, was 0"), err.toString());
    }

    @Test
    void requiresAnOutputDirectory() {
        assertEquals(2, run(new StringWriter(), "generate", "--clients", "10"));
    }
}
