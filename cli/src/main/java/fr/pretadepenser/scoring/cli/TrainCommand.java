package fr.pretadepenser.scoring.cli;

import fr.pretadepenser.scoring.model.FeatureChoice;
import fr.pretadepenser.scoring.model.ModelTraining;
import fr.pretadepenser.scoring.model.bundle.BundleManifest;
import fr.pretadepenser.scoring.model.bundle.FeatureSelection;
import fr.pretadepenser.scoring.model.bundle.ModelBundle;
import fr.pretadepenser.scoring.model.bundle.TrainedModel;
import fr.pretadepenser.scoring.model.evaluation.BusinessCost;
import fr.pretadepenser.scoring.model.evaluation.Evaluation;
import fr.pretadepenser.scoring.model.selection.SelectionResult;
import fr.pretadepenser.scoring.model.training.TrainingSettings;
import fr.pretadepenser.scoring.progress.ConsoleProgress;
import fr.pretadepenser.scoring.progress.ResidentMemory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code scoring train}: cross-validated XGBoost with a business-cost threshold, written as a model bundle. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train the model (CV, search, cost threshold) into a bundle.")
final class TrainCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--db", paramLabel = "FILE", defaultValue = Defaults.DATABASE,
            description = "Database with the feature table (default: ${DEFAULT-VALUE}).")
    Path database;

    @Option(names = "--models", paramLabel = "DIR", defaultValue = Defaults.MODELS,
            description = "Where bundles go; DIR/current links to the new one (default: ${DEFAULT-VALUE}).")
    Path models;

    @Option(names = "--trials", defaultValue = "10", description = "Random-search trials, the default parameters"
            + " first; from 2 up, class weighting is compared on the first fold before them (default:"
            + " ${DEFAULT-VALUE}).")
    int trials;

    @Option(names = "--no-pruning", description = "Cross-validate every search trial on every fold; by default a"
            + " trial stops once its first folds are worse than the best trial's on the same folds (paired t-test).")
    boolean noPruning;

    @Option(names = "--budget", defaultValue = "3600", paramLabel = "SECONDS",
            description = "No new search trial starts after this time (default: ${DEFAULT-VALUE}).")
    double budget;

    @Option(names = "--folds", defaultValue = "5", description = "Cross-validation folds (default: ${DEFAULT-VALUE}).")
    int folds;

    @Option(names = "--cost-fn", defaultValue = "10",
            description = "Cost of a defaulter granted (default: ${DEFAULT-VALUE}).")
    double costFn;

    @Option(names = "--cost-fp", defaultValue = "1",
            description = "Cost of a good client refused (default: ${DEFAULT-VALUE}).")
    double costFp;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--max-rounds", defaultValue = "2000", description = "Most trees (default: ${DEFAULT-VALUE}).")
    int maxRounds;

    @Option(names = "--application-only",
            description = "Use only the application table's features (to measure what the side tables add).")
    boolean applicationOnly;

    @Option(names = "--scorecard",
            description = "Also fit the scorecard challenger (logistic regression on WoE bins, points per bin).")
    boolean scorecard;

    @Option(names = "--select", paramLabel = "K",
            description = "Train on the K features the selection's vote ranks first (taken here, inside the folds,"
                    + " unless --selection gives one).")
    Integer select;

    @Option(names = "--selection", paramLabel = "FILE",
            description = "A selection.json written by 'scoring select': train on its top K (--select, else its"
                    + " recommended size).")
    Path selectionFile;

    @Mixin
    SelectionOptions selection;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(database)) {
            System.err.println("error: " + database + " does not exist; run 'scoring ingest' and 'scoring features'"
                    + " (or 'scoring demo') first");
            return ScoringCommand.EXIT_BAD_INPUT;
        }
        TrainingSettings settings = new TrainingSettings(folds, trials, budget, new BusinessCost(costFn, costFp), seed,
                maxRounds, 50, Math.max(1, Runtime.getRuntime().availableProcessors()), applicationOnly, scorecard,
                !noPruning);
        FeatureChoice choice;
        try {
            choice = choice(settings);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return ScoringCommand.EXIT_BAD_INPUT;
        }
        TrainedModel model;
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + database.toAbsolutePath())) {
            model = ModelTraining.train(connection, settings, choice, new ConsoleProgress(System.err));
        }
        Path bundle = ModelBundle.write(model, models);
        print(model.manifest(), bundle);
        return 0;
    }

    /**
     * The features asked for: every one, the top of a vote taken here, or the top of a selection file; throws
     * IllegalArgumentException naming the option for a bad value (a bad file: InvalidDataException).
     */
    private FeatureChoice choice(TrainingSettings settings) {
        if (select != null && select < 1) {
            throw new IllegalArgumentException("--select: expected a number of features >= 1, got " + select);
        }
        if (selectionFile != null) {
            SelectionResult file = SelectionResult.read(selectionFile);
            return FeatureChoice.file(select != null ? select : file.recommended(), file);
        }
        return select == null ? FeatureChoice.ALL
                : FeatureChoice.vote(select, selection.settings(null, settings.seed(), settings.threads()));
    }

    static void print(BundleManifest m, Path bundle) {
        System.out.printf(Locale.ROOT, "%nmodel %s: %,d applications, %d features, %d trees%n", m.version(),
                m.trainingRows(), m.featureCount(), m.rounds());
        System.out.printf(Locale.ROOT, "%-22s %8s %8s %8s %8s %8s%n", "out-of-fold", "ROC AUC", "Gini", "KS", "PR AUC",
                "Brier");
        row("XGBoost", m.model());
        row("logistic regression", m.logistic());
        if (m.scorecard() != null) {
            row("scorecard (" + m.scorecard().variables().size() + " var.)", m.scorecard().evaluation());
        }
        row("prior (constant)", m.prior());
        System.out.printf(Locale.ROOT, "threshold %.4f (cost fn %.0f, fp %.0f): normalised cost %.3f, approval %.1f%%,"
                        + " recall %.1f%%, precision %.1f%%%n", m.threshold(), m.cost().falseNegative(),
                m.cost().falsePositive(), m.normalizedCost(), 100 * m.atThreshold().approvalRate(),
                100 * m.atThreshold().recall(), 100 * m.atThreshold().precision());
        m.fairness().forEach((attribute, groups) -> groups.stream().filter(g -> g.flagged()).forEach(g ->
                System.out.printf(Locale.ROOT, "fairness: %s %s approval ratio %.2f < 0.8, review%n", attribute,
                        g.group(), g.impactRatio())));
        if (m.selection() != null) {
            FeatureSelection f = m.selection();
            System.out.printf(Locale.ROOT, "features: %d selected of %d (%s)%s%n", f.kept(), f.candidates(),
                    f.method(), f.nestedAuc() == null ? "" : String.format(Locale.ROOT,
                            "; out-of-fold AUC with the selection inside each fold %.4f", f.nestedAuc()));
        }
        System.out.println("bundle " + bundle);
        ResidentMemory.peakLine().ifPresent(System.out::println);
    }

    private static void row(String name, Evaluation e) {
        System.out.printf(Locale.ROOT, "%-22s %8.4f %8.4f %8.4f %8.4f %8.4f%n", name, e.rocAuc(), e.gini(), e.ks(),
                e.prAuc(), e.brier());
    }
}
