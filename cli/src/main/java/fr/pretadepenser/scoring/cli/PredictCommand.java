package fr.pretadepenser.scoring.cli;

import fr.pretadepenser.scoring.model.bundle.ModelBundle;
import fr.pretadepenser.scoring.model.evaluation.Decision;
import fr.pretadepenser.scoring.progress.ConsoleProgress;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import fr.pretadepenser.scoring.score.BatchScoring;
import fr.pretadepenser.scoring.score.Prediction;
import fr.pretadepenser.scoring.score.Scorer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code scoring predict}: scores a file of applications with a model bundle into a CSV of decisions. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Score applications: probability, decision and top 3 reasons.")
final class PredictCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "FILE",
            description = "The applications, in the application_test.csv layout (.csv or .csv.gz).")
    Path input;

    @Option(names = "--history", paramLabel = "DIR",
            description = "Folder with their credit history files (bureau.csv, previous_application.csv, ...).")
    Path history;

    @Option(names = "--model", paramLabel = "DIR", defaultValue = Defaults.MODELS + "/" + ModelBundle.CURRENT,
            description = "The model bundle (default: ${DEFAULT-VALUE}).")
    Path model;

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "scores.csv",
            description = "The scores file to write (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(input)) {
            spec.commandLine().getErr().println("error: the input file " + input + " does not exist; give --input"
                    + " an application file in the application_test.csv layout");
            return ScoringCommand.EXIT_BAD_INPUT;
        }
        if (history != null && !Files.isDirectory(history)) {
            spec.commandLine().getErr().println("error: the history folder " + history + " does not exist");
            return ScoringCommand.EXIT_BAD_INPUT;
        }
        // A missing or damaged bundle ends with exit 2 in ScoringCommand's handler, as in every command.
        Scorer scorer = Scorer.load(model);
        ModelBundle bundle = scorer.bundle();
        if (history == null) {
            // The history features then are all missing, which the model reads as "no recorded history", not as
            // "unknown": the scores can differ a lot from those made with the history.
            spec.commandLine().getErr().println("note: no --history given: the applicants are scored as having no"
                    + " credit history (bureau, previous applications, payments)");
        }
        List<Prediction> predictions = new BatchScoring(scorer, HomeCreditSchema.load())
                .predict(input, history, new ConsoleProgress(System.err));
        BatchScoring.write(predictions, out);
        long refused = predictions.stream().filter(p -> p.decision() == Decision.REFUSED).count();
        long warned = predictions.stream().filter(p -> !p.warnings().isEmpty()).count();
        System.out.printf(Locale.ROOT, "scored %,d applications with model %s (threshold %.4f): %,d granted,"
                        + " %,d refused, %,d with warnings (the file's last column); wrote %s%n", predictions.size(),
                bundle.manifest().version(), bundle.manifest().threshold(), predictions.size() - refused, refused,
                warned, out);
        return 0;
    }
}
