package fr.pretadepenser.scoring.cli;

import fr.pretadepenser.scoring.drift.DriftAnalysis;
import fr.pretadepenser.scoring.drift.DriftReport;
import fr.pretadepenser.scoring.drift.DriftStatus;
import fr.pretadepenser.scoring.model.bundle.ModelBundle;
import fr.pretadepenser.scoring.progress.ConsoleProgress;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import fr.pretadepenser.scoring.schema.Table;
import fr.pretadepenser.scoring.score.Scorer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code scoring drift}: compares a batch of new applications with the model bundle's training data and writes
 * {@code drift.json} and {@code drift.html}. Exits with {@value #EXIT_DRIFTED} when the score or one of the most
 * important variables has drifted (PSI 0.25 or more), so that a scheduler can alert.
 */
@Command(name = "drift", mixinStandardHelpOptions = true,
        description = "Compare new applications with the model's training data (PSI, KS and chi-square tests);"
                + " exit code 3 when the score or an important variable has drifted.")
final class DriftCommand implements Callable<Integer> {

    /** Exit code when the batch has drifted. */
    static final int EXIT_DRIFTED = 3;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--current", required = true, paramLabel = "FILE_OR_DIR",
            description = "The new applications: a file in the application_test.csv layout, or a folder holding"
                    + " application_test.csv(.gz); history files (bureau.csv, ...) in the same folder are used.")
    Path current;

    @Option(names = "--model", paramLabel = "DIR", defaultValue = Defaults.MODELS + "/" + ModelBundle.CURRENT,
            description = "The model bundle (default: ${DEFAULT-VALUE}).")
    Path model;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = Defaults.REPORTS,
            description = "The folder to write drift.json and drift.html to (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        HomeCreditSchema schema = HomeCreditSchema.load();
        String testFile = schema.table(HomeCreditSchema.APPLICATION_TEST).file();
        Path applications = current;
        if (Files.isDirectory(current)) {
            applications = List.of(testFile, testFile + ".gz").stream().map(current::resolve)
                    .filter(Files::isRegularFile).findFirst().orElse(null);
            if (applications == null) {
                spec.commandLine().getErr().println("error: the folder " + current + " holds no " + testFile
                        + "; give --current an application file or a folder with " + testFile);
                return ScoringCommand.EXIT_BAD_INPUT;
            }
        } else if (!Files.isRegularFile(current)) {
            spec.commandLine().getErr().println("error: " + current + " does not exist; give --current an"
                    + " application file in the application_test.csv layout or a folder holding one");
            return ScoringCommand.EXIT_BAD_INPUT;
        }
        // A missing or damaged bundle ends with exit 2 in ScoringCommand's handler, as in every command.
        Scorer scorer = Scorer.load(model);
        Path folder = applications.toAbsolutePath().getParent();
        Path history = hasHistory(schema, folder) ? folder : null;
        if (history == null) {
            spec.commandLine().getErr().println("note: no history files beside " + applications + ": every credit"
                    + " history feature is missing, which shows up as drift of the history variables");
        }
        DriftReport report = new DriftAnalysis(scorer, schema).analyse(applications, history,
                new ConsoleProgress(System.err));
        Path json = DriftAnalysis.write(report, out);
        long drifted = report.variables().stream().filter(v -> v.status() == DriftStatus.DRIFTED).count();
        List<String> importantDrifted = report.variables().stream()
                .filter(v -> v.important() && v.status() == DriftStatus.DRIFTED).map(v -> v.variable()).toList();
        spec.commandLine().getOut().printf(Locale.ROOT, "drift of %,d applications against model %s: score PSI %.3f"
                        + " (%s), %d variables drifted%s; status %s; wrote %s and %s%n", report.rows(),
                report.modelVersion(), report.scorePsi(), report.scoreStatus().name().toLowerCase(Locale.ROOT),
                drifted, importantDrifted.isEmpty() ? "" : " including important " + String.join(", ",
                        importantDrifted), report.status().name().toLowerCase(Locale.ROOT), json,
                out.resolve(DriftAnalysis.HTML));
        spec.commandLine().getOut().flush();
        return report.status() == DriftStatus.DRIFTED ? EXIT_DRIFTED : 0;
    }

    private static boolean hasHistory(HomeCreditSchema schema, Path folder) {
        for (Table table : schema.tables()) {
            if (!table.name().startsWith("application") && (Files.isRegularFile(folder.resolve(table.file()))
                    || Files.isRegularFile(folder.resolve(table.file() + ".gz")))) {
                return true;
            }
        }
        return false;
    }
}
