package fr.pretadepenser.scoring.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScoringCommandTest {

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine line = ScoringCommand.commandLine();
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        return line.execute(args);
    }

    @Test
    void helpListsEveryCommandOnOneLine() {
        assertEquals(0, run("--help"));
        for (String command : new String[]{"generate", "ingest", "demo", "bench"}) {
            assertTrue(out.toString().lines().anyMatch(l -> l.trim().startsWith(command + " ")),
                    command + " missing from:\n" + out);
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
    void aMisspelledOptionIsAUsageErrorWithExitTwo() {
        assertEquals(2, run("ingest", "--dta", "x"));
        assertTrue(err.toString().contains("Unknown option: '--dta'"), err.toString());
    }
}
