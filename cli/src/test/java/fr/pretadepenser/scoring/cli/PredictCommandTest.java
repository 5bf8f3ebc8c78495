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

class PredictCommandTest {

    @TempDir
    Path tmp;

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine line = ScoringCommand.commandLine();
        line.setOut(new PrintWriter(new StringWriter(), true));
        line.setErr(new PrintWriter(err, true));
        return line.execute(args);
    }

    @Test
    void refusesAMissingInputWithExitTwoAndSaysWhatToGive() {
        Path input = tmp.resolve("application_test.csv");
        Path out = tmp.resolve("scores.csv");
        assertEquals(ScoringCommand.EXIT_BAD_INPUT, run("predict", "--input", input.toString(), "--out",
                out.toString()));
        assertEquals("error: the input file " + input + " does not exist; give --input an application file in the"
                + " application_test.csv layout", err.toString().trim());
        assertFalse(Files.exists(out));
    }

    @Test
    void refusesAMissingBundleWithExitTwo() throws Exception {
        Path input = Files.writeString(tmp.resolve("application_test.csv"), "SK_ID_CURR\n1\n");
        Path model = tmp.resolve("models/current");
        assertEquals(ScoringCommand.EXIT_BAD_INPUT, run("predict", "--input", input.toString(), "--model",
                model.toString(), "--out", tmp.resolve("scores.csv").toString()));
        assertEquals("error: no model bundle at " + model + "; run 'scoring train' first", err.toString().trim());
    }

    @Test
    void reportModelRefusesAMissingBundleWithExitTwo() {
        Path model = tmp.resolve("models/current");
        assertEquals(ScoringCommand.EXIT_BAD_INPUT, run("report", "model", "--model", model.toString(), "--out",
                tmp.resolve("reports").toString()));
        assertEquals("error: no model bundle at " + model + "; run 'scoring train' first", err.toString().trim());
        assertFalse(Files.exists(tmp.resolve("reports")));
    }
}
