package fr.pretadepenser.scoring.cli;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The feature table against the public kernel it reproduces: {@code tools/kernel-parity.py} (the kernel re-written
 * in pandas) on generated files and the table {@code scoring features} exports from them. Needs Debian's
 * python3-pandas, which {@code .ci/run} installs; elsewhere the test is skipped, saying so.
 */
class KernelParityTest {

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path SCRIPT = Path.of("..", "tools", "kernel-parity.py");

    @TempDir
    Path dir;

    @Test
    void theFeaturesEqualTheKernelsAndTheScriptSeesOneChangedValue() throws Exception {
        assumeTrue(pandasInstalled(), "Debian's python3-pandas is not installed (.ci/run installs it)");
        Path data = dir.resolve("data");
        Path database = dir.resolve("homecredit.duckdb");
        Path features = dir.resolve("features.csv");
        assertEquals(0, ScoringCommand.commandLine().execute("generate", "--out", data.toString(), "--clients",
                "1500", "--seed", "19"));
        assertEquals(0, ScoringCommand.commandLine().execute("ingest", "--data", data.toString(), "--db",
                database.toString()));
        assertEquals(0, ScoringCommand.commandLine().execute("features", "--db", database.toString(), "--out",
                features.toString()));

        Run same = parity(data, features);
        assertEquals(0, same.exit(), same.output());
        assertTrue(same.output().contains("mismatching: 0"), same.output());

        // One value of one aggregate changed in the export: the script must fail and name the column.
        Path changed = dir.resolve("changed.csv");
        try (CSVParser parser = CSVParser.parse(features, StandardCharsets.UTF_8, CSVFormat.DEFAULT);
             CSVPrinter printer = new CSVPrinter(Files.newBufferedWriter(changed), CSVFormat.DEFAULT)) {
            List<CSVRecord> records = parser.getRecords();
            int column = records.get(0).toList().indexOf("INSTAL_AMT_PAYMENT_SUM");
            boolean changedOne = false;
            for (CSVRecord record : records) {
                List<String> row = new ArrayList<>(record.toList());
                if (!changedOne && record.getRecordNumber() > 1 && !row.get(column).isEmpty()) {
                    row.set(column, String.valueOf(Double.parseDouble(row.get(column)) * 1.001 + 1));
                    changedOne = true;
                }
                printer.printRecord(row);
            }
        }
        Run different = parity(data, changed);
        assertEquals(1, different.exit(), different.output());
        assertTrue(different.output().contains("INSTAL_AMT_PAYMENT_SUM: "), different.output());
    }

    private record Run(int exit, String output) {
    }

    private Run parity(Path data, Path features) throws IOException, InterruptedException {
        Path log = dir.resolve("parity.log");
        Process process = new ProcessBuilder(PYTHON.toString(), SCRIPT.toString(), data.toString(),
                features.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        int exit = ChildJvm.awaitExit(process, Duration.ofMinutes(5), "the parity script");
        return new Run(exit, Files.readString(log));
    }

    private static boolean pandasInstalled() throws InterruptedException {
        try {
            Process probe = new ProcessBuilder(PYTHON.toString(), "-c", "import pandas").redirectErrorStream(true)
                    .start();
            probe.getInputStream().readAllBytes();
            return probe.waitFor(1, TimeUnit.MINUTES) && probe.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
