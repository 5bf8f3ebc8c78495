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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code scoring report model} and {@code report deck} as a user runs them: own JVM, the jar's main class. */
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

    @Test
    void theDeckIsWrittenInEnglishOnRequestWithItsSlideCountAndTheLatestDriftReport() throws Exception {
        TinyBundle tiny = TinyBundle.get();
        Path out = Files.createDirectories(tmp.resolve("reports"));
        Files.writeString(out.resolve("drift.json"), "{ not json");
        Path console = tmp.resolve("console.txt");
        Process process = ChildJvm.scoring(tmp, console, "report", "deck", "--model", tiny.bundle().toString(),
                "--db", tiny.database().toString(), "--out", out.toString(), "--lang", "en");
        int exit = ChildJvm.awaitExit(process, Duration.ofMinutes(5), "scoring report deck");
        String printed = Files.readString(console, StandardCharsets.UTF_8);
        // A damaged drift report is the user's file to mend: named, exit 2, and no deck written.
        assertEquals(2, exit, printed);
        assertTrue(printed.contains("drift.json"), printed);
        assertFalse(Files.exists(out.resolve("deck.html")));

        Files.delete(out.resolve("drift.json"));
        process = ChildJvm.scoring(tmp, console, "report", "deck", "--model", tiny.bundle().toString(),
                "--db", tiny.database().toString(), "--out", out.toString(), "--lang", "en");
        exit = ChildJvm.awaitExit(process, Duration.ofMinutes(5), "scoring report deck");
        List<String> lines = Files.readAllLines(console, StandardCharsets.UTF_8);
        assertEquals(0, exit, String.join("\n", lines));
        assertEquals(1, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(0).startsWith("wrote " + out.resolve("deck.html") + " and " + out.resolve("deck.pdf")
                + " (14 slides) in "), lines.get(0));
        assertTrue(Files.readString(out.resolve("deck.html")).contains("lang=\"en\""));
    }

    @Test
    void anUnknownLanguageIsRefusedByName() throws Exception {
        Path console = tmp.resolve("console.txt");
        Process process = ChildJvm.scoring(tmp, console, "report", "deck", "--lang", "de", "--out",
                tmp.resolve("reports").toString());
        int exit = ChildJvm.awaitExit(process, Duration.ofMinutes(2), "scoring report deck");
        String printed = Files.readString(console, StandardCharsets.UTF_8);
        assertEquals(2, exit, printed);
        assertTrue(printed.contains("--lang: expected fr or en, got 'de'"), printed);
    }
}
