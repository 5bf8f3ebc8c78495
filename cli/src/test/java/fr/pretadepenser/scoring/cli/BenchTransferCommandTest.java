package fr.pretadepenser.scoring.cli;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchTransferCommandTest {

    /**
     * Generated clients of another seed stand in for the genuine ones (tests never read the team's real sample):
     * every labelled application is scored, the actual default rate is the file's, and a model trained on the
     * generator's data ranks the generator's other clients better than chance.
     */
    @Test
    void scoresEveryLabelledApplicationOfTheGenuineFolder(@TempDir Path dir) throws Exception {
        Path stand = dir.resolve("genuine");
        assertEquals(0, ScoringCommand.commandLine().execute("generate", "--out", stand.toString(), "--clients",
                "600", "--seed", "77"));
        long rows = 0;
        long defaults = 0;
        try (CSVParser parser = CSVParser.parse(stand.resolve("application_train.csv"), StandardCharsets.UTF_8,
                CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build())) {
            for (CSVRecord row : parser) {
                rows++;
                defaults += Integer.parseInt(row.get("TARGET"));
            }
        }
        PrintStream out = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            code = ScoringCommand.commandLine().execute("bench", "transfer", "--genuine", stand.toString(),
                    "--clients", "800", "--folds", "2", "--dir", dir.resolve("bench").toString());
        } finally {
            System.setOut(out);
        }
        String text = printed.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, text);
        assertTrue(text.contains("command: scoring bench transfer --genuine " + stand + " --clients 800"), text);
        Matcher row = Pattern.compile("\n\\| 800 \\| ([0-9.]+) \\| ([0-9,]+) \\| ([0-9.]+) \\| ([0-9.]+)% \\|"
                + " ([0-9.]+)% \\| ").matcher(text);
        assertTrue(row.find(), text);
        assertEquals(rows, Long.parseLong(row.group(2).replace(",", "")), "every labelled application scored");
        assertEquals(String.format(Locale.ROOT, "%.2f", 100.0 * defaults / rows), row.group(5), "the actual rate");
        assertTrue(Double.parseDouble(row.group(3)) > 0.6, "the generator's own clients ranked: " + text);
    }

    @Test
    void refusesAFolderWithoutLabelledApplications(@TempDir Path dir) {
        assertEquals(2, ScoringCommand.commandLine().execute("bench", "transfer", "--genuine", dir.toString()));
    }
}
