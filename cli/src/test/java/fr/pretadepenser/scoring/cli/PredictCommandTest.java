package fr.pretadepenser.scoring.cli;

import fr.pretadepenser.scoring.data.ScoringWarning;
import fr.pretadepenser.scoring.progress.Progress;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import fr.pretadepenser.scoring.score.BatchScoring;
import fr.pretadepenser.scoring.score.Prediction;
import fr.pretadepenser.scoring.testing.EveryCategoryClient;
import fr.pretadepenser.scoring.testing.TinyBundle;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    void scoresGenuineRowsWithEveryCategoryAndWritesTheirWarnings() throws Exception {
        TinyBundle tiny = TinyBundle.get();
        Path data = tmp.resolve("genuine");
        EveryCategoryClient.of(tiny).writeFiles(data, null);
        Path out = tmp.resolve("scores.csv");
        assertEquals(0, run("predict", "--input", data.resolve("application_test.csv").toString(), "--history",
                data.toString(), "--model", tiny.bundle().toString(), "--out", out.toString()), err.toString());
        Prediction expected = new BatchScoring(tiny.scorer(), HomeCreditSchema.load())
                .predict(data.resolve("application_test.csv"), data, Progress.SILENT).get(0);
        try (CSVParser csv = CSVParser.parse(out, StandardCharsets.UTF_8, CSVFormat.RFC4180.builder().setHeader()
                .setSkipHeaderRecord(true).get())) {
            CSVRecord row = csv.getRecords().get(0);
            assertEquals(String.valueOf(EveryCategoryClient.CLIENT), row.get("SK_ID_CURR"));
            assertEquals(expected.warnings().stream().map(ScoringWarning::message)
                    .collect(Collectors.joining(BatchScoring.WARNING_SEPARATOR)), row.get("warnings"));
            assertTrue(row.get("warnings").contains("credit_card_balance: 2 rows whose SK_ID_PREV names no row of"
                    + " previous_application"), row.get("warnings"));
        }
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
