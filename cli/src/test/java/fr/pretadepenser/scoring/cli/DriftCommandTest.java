package fr.pretadepenser.scoring.cli;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DriftCommandTest {

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
    void refusesAMissingBatchWithExitTwo() {
        Path missing = tmp.resolve("new.csv");
        assertEquals(ScoringCommand.EXIT_BAD_INPUT, run("drift", "--current", missing.toString(), "--out",
                tmp.resolve("reports").toString()));
        assertEquals("error: " + missing + " does not exist; give --current an application file in the"
                + " application_test.csv layout or a folder holding one", err.toString().trim());
        assertFalse(Files.exists(tmp.resolve("reports")));
    }

    @Test
    void refusesAFolderWithoutApplicationsWithExitTwo() {
        assertEquals(ScoringCommand.EXIT_BAD_INPUT, run("drift", "--current", tmp.toString()));
        assertEquals("error: the folder " + tmp + " holds no application_test.csv; give --current an application"
                + " file or a folder with application_test.csv", err.toString().trim());
    }

    @Test
    void exitsZeroOnTheTrainingGeneratorsOwnTestApplications() throws Exception {
        TinyBundle tiny = TinyBundle.get();
        Path reports = tmp.resolve("reports");
        assertEquals(0, run("drift", "--current", tiny.data().toString(), "--model", tiny.bundle().toString(),
                "--out", reports.toString()), err.toString());
        assertTrue(Files.isRegularFile(reports.resolve("drift.json")));
        assertTrue(Files.isRegularFile(reports.resolve("drift.html")));
        assertTrue(out.toString().contains("status stable") || out.toString().contains("status investigate"),
                out.toString());
    }

    @Test
    void exitsThreeWhenImportantVariablesHaveDrifted() throws Exception {
        TinyBundle tiny = TinyBundle.get();
        Path batch = Files.createDirectory(tmp.resolve("batch"));
        try (Stream<Path> files = Files.list(tiny.data())) {
            for (Path f : files.filter(f -> !f.getFileName().toString().startsWith("application")).toList()) {
                Files.copy(f, batch.resolve(f.getFileName()));
            }
        }
        shift(tiny.data().resolve("application_test.csv"), batch.resolve("new-applications.csv"));
        Path reports = tmp.resolve("reports");
        assertEquals(DriftCommand.EXIT_DRIFTED, run("drift", "--current",
                batch.resolve("new-applications.csv").toString(), "--model", tiny.bundle().toString(), "--out",
                reports.toString()), err.toString());
        assertTrue(out.toString().contains("status drifted"), out.toString());
        // The shifted score, or the combined scores read from it (EXT_SOURCES_*), which the model may rank higher.
        assertTrue(out.toString().matches("(?s).*important [^;]*EXT_SOURCE(_3|S_).*"), out.toString());
        assertTrue(Files.readString(reports.resolve("drift.json")).contains("\"status\" : \"DRIFTED\""));
    }

    /** The applications with AMT_INCOME_TOTAL x 1.5 and EXT_SOURCE_3 + 0.25 clipped to [0, 1]. */
    private static void shift(Path applications, Path target) throws Exception {
        List<CSVRecord> records;
        try (CSVParser parser = CSVParser.parse(applications, StandardCharsets.UTF_8, CSVFormat.RFC4180)) {
            records = parser.getRecords();
        }
        List<String> header = records.get(0).toList();
        int income = header.indexOf("AMT_INCOME_TOTAL");
        int ext3 = header.indexOf("EXT_SOURCE_3");
        List<String> result = new ArrayList<>(List.of(String.join(",", header)));
        for (CSVRecord record : records.subList(1, records.size())) {
            String[] fields = record.values();
            fields[income] = String.format(Locale.ROOT, "%.1f", Double.parseDouble(fields[income]) * 1.5);
            if (!fields[ext3].isEmpty()) {
                fields[ext3] = String.format(Locale.ROOT, "%.6f",
                        Math.min(1, Double.parseDouble(fields[ext3]) + 0.25));
            }
            result.add(java.util.Arrays.stream(fields).map(f -> f.contains(",") || f.contains("\"")
                    ? "\"" + f.replace("\"", "\"\"") + "\"" : f).collect(Collectors.joining(",")));
        }
        Files.write(target, result);
    }
}
