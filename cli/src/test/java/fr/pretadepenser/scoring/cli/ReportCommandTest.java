package fr.pretadepenser.scoring.cli;

import fr.pretadepenser.scoring.testing.TinyBundle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code scoring report model} as a user runs it: its own JVM, started by the jar's main class. */
class ReportCommandTest {

    @TempDir
    Path tmp;

    @Test
    void theMethodologyNotePrintsOnlyTheProductsLineAndNoLibraryWarning() throws Exception {
        TinyBundle tiny = TinyBundle.get();
        Path out = tmp.resolve("reports");
        // A child JVM: logging is set up by main() once per process, as for the user, not by an earlier test.
        Path console = tmp.resolve("console.txt");
        Process process = ChildJvm.scoring(tmp, console, "report", "model", "--model", tiny.bundle().toString(),
                "--db", tiny.database().toString(), "--out", out.toString());
        int exit = ChildJvm.awaitExit(process, Duration.ofMinutes(5), "scoring report model");
        List<String> lines = Files.readAllLines(console, StandardCharsets.UTF_8);

        assertEquals(0, exit, String.join("\n", lines));
        assertTrue(Files.size(out.resolve("methodology.pdf")) > 0);
        // PDFBox's font fallback and font cache warnings, openhtmltopdf's and any other library's lines: none.
        assertEquals(List.of("wrote " + out.resolve("methodology.html") + " and " + out.resolve("methodology.pdf")),
                lines, "the console of 'scoring report model'");
    }
}
