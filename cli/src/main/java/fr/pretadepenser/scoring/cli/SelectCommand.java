package fr.pretadepenser.scoring.cli;

import fr.pretadepenser.scoring.model.ModelTraining;
import fr.pretadepenser.scoring.model.evaluation.BusinessCost;
import fr.pretadepenser.scoring.model.selection.SelectionResult;
import fr.pretadepenser.scoring.model.selection.SelectionSettings;
import fr.pretadepenser.scoring.model.training.TrainingSettings;
import fr.pretadepenser.scoring.progress.ConsoleProgress;
import fr.pretadepenser.scoring.report.SelectionReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code scoring select}: feature selection inside cross-validation, written as selection.html and .json. */
@Command(name = "select", mixinStandardHelpOptions = true,
        description = "Select features inside cross-validation (six methods' vote, null importance) and write"
                + " selection.html and selection.json: the vote and the out-of-fold AUC against features kept.")
final class SelectCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--db", paramLabel = "FILE", defaultValue = Defaults.DATABASE,
            description = "Database with the feature table (default: ${DEFAULT-VALUE}).")
    Path database;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = Defaults.REPORTS,
            description = "Where the report goes (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--k", split = ",", paramLabel = "LIST",
            description = "Numbers of features to compare, 'all' for every one (default: 25,50,100,200,all).")
    List<String> sizes;

    @Option(names = "--folds", defaultValue = "5", description = "Outer folds (default: ${DEFAULT-VALUE}).")
    int folds;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--max-rounds", defaultValue = "2000", description = "Most trees (default: ${DEFAULT-VALUE}).")
    int maxRounds;

    @Mixin
    SelectionOptions selection;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(database)) {
            spec.commandLine().getErr().println("error: " + database + " does not exist; run 'scoring ingest' and"
                    + " 'scoring features' (or 'scoring demo') first");
            return ScoringCommand.EXIT_BAD_INPUT;
        }
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        SelectionSettings settings;
        try {
            settings = selection.settings(sizes == null ? null : parseSizes(sizes), seed, threads);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return ScoringCommand.EXIT_BAD_INPUT;
        }
        TrainingSettings training = new TrainingSettings(folds, 1, 3600, BusinessCost.DEFAULT, seed, maxRounds, 50,
                threads, false);
        SelectionResult result;
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + database.toAbsolutePath())) {
            result = ModelTraining.select(connection, training, settings, new ConsoleProgress(System.err));
        }
        Path html = SelectionReport.write(result, out);
        System.out.printf(Locale.ROOT, "%n%-10s %10s %10s %10s %14s%n", "features", "OOF AUC", "spread", "s/fold",
                "ms/application");
        for (SelectionResult.SizeResult s : result.sizes()) {
            System.out.printf(Locale.ROOT, "%-10s %10.4f %10.4f %10.1f %14.3f%n",
                    s.size() == result.candidates() ? s.size() + " all" : s.size(), s.auc(), s.spread(),
                    s.trainSeconds(), s.oneRowMillis());
        }
        System.out.printf(Locale.ROOT, "recommended: %d features; train with 'scoring train --selection %s'%n",
                result.recommended(), out.resolve(SelectionReport.JSON));
        System.out.println("wrote " + html + " and " + out.resolve(SelectionReport.JSON));
        return 0;
    }

    /** "25,50,all" as sizes; throws IllegalArgumentException naming the option for anything else. */
    static List<Integer> parseSizes(List<String> items) {
        List<Integer> sizes = new ArrayList<>();
        for (String item : items) {
            String k = item.trim();
            if (k.equalsIgnoreCase("all")) {
                sizes.add(SelectionSettings.ALL);
                continue;
            }
            try {
                sizes.add(Integer.parseInt(k));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--k: expected numbers of features or 'all', got '" + k + "'");
            }
        }
        return sizes;
    }
}
