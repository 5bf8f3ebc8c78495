package fr.pretadepenser.scoring.progress;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConsoleProgressTest {

    @Test
    void aSummedUpStageShowsTheTimeOfItsWorkNotOfItsLine() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleProgress progress = new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        progress.begin("trial 1/10", 0, "");
        progress.end("CV AUC 0.8000", 42.25);
        String line = bytes.toString(StandardCharsets.UTF_8).strip();
        assertTrue(line.startsWith("trial 1/10"), line);
        assertTrue(line.endsWith("CV AUC 0.8000 in 42.3 s"), line);
    }

    @Test
    void aPlainStageShowsItsOwnTime() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleProgress progress = new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        progress.begin("ingest", 10, "rows");
        progress.end("10 rows");
        String line = bytes.toString(StandardCharsets.UTF_8).strip();
        assertEquals("10 rows in 0.0 s", line.substring(line.indexOf("10 rows")));
    }
}
