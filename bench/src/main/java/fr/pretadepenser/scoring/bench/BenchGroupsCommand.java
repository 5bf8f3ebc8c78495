package fr.pretadepenser.scoring.bench;

import fr.pretadepenser.scoring.features.DuckDbFeatureEngine;
import fr.pretadepenser.scoring.features.FeatureFiles;
import fr.pretadepenser.scoring.features.FeatureGroup;
import fr.pretadepenser.scoring.features.FeatureManifest;
import fr.pretadepenser.scoring.model.evaluation.BusinessCost;
import fr.pretadepenser.scoring.model.evaluation.Metrics;
import fr.pretadepenser.scoring.model.training.BoostingParameters;
import fr.pretadepenser.scoring.model.training.CrossValidation;
import fr.pretadepenser.scoring.model.training.StratifiedFolds;
import fr.pretadepenser.scoring.model.training.TrainingSet;
import fr.pretadepenser.scoring.model.training.TrainingSettings;
import fr.pretadepenser.scoring.model.training.XgboostFoldTrainer;
import fr.pretadepenser.scoring.progress.ConsoleProgress;
import fr.pretadepenser.scoring.progress.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

/**
 * {@code scoring bench groups}: what each feature group beyond the reference kernel adds, as the out-of-fold ROC
 * AUC of the product's trees with every feature against every feature but the group's, on the same folds, repeated
 * over fold seeds for the spread. On generated data by default, or on a folder of Kaggle files (such as a genuine
 * sample), then with the application's features alone when asked.
 */
@Command(name = "groups", mixinStandardHelpOptions = true,
        description = "Out-of-fold AUC with and without each feature group beyond the reference kernel.")
final class BenchGroupsCommand implements Callable<Integer> {

    @Mixin
    BenchScratch scratch;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Measure on these Kaggle files (a folder of .csv) instead of generating --clients.")
    Path existing;

    @Option(names = "--application-only",
            description = "Only the application's features, and only the groups that read the application alone.")
    boolean applicationOnly;

    @Option(names = "--folds", defaultValue = "5", description = "Folds (default: ${DEFAULT-VALUE}).")
    int folds;

    @Option(names = "--repeats", defaultValue = "1",
            description = "Cross-validations per configuration, each with other folds (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Override
    public Integer call() throws Exception {
        scratch.empty();
        Path data = existing != null ? existing : scratch.data();
        Path database = scratch.database();
        if (existing == null) {
            StageRun generate = StageRun.of("generate", "--out", data.toString(), "--clients",
                    String.valueOf(scratch.clients), "--seed", String.valueOf(scratch.seed));
            if (generate.exitCode() != 0) {
                return generate.exitCode();
            }
        }
        for (String[] stage : List.of(new String[]{"ingest", "--data", data.toString(), "--db", database.toString()},
                new String[]{"features", "--db", database.toString()})) {
            StageRun run = StageRun.of(stage);
            if (run.exitCode() != 0) {
                System.err.println("bench: " + stage[0] + " failed with exit code " + run.exitCode());
                return run.exitCode();
            }
        }
        TrainingSet all;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + database.toAbsolutePath())) {
            FeatureManifest manifest = DuckDbFeatureEngine.storedManifest(c).orElseThrow();
            all = TrainingSet.read(c, applicationOnly ? manifest.onlyTable(FeatureFiles.APPLICATION) : manifest);
        }
        List<FeatureGroup> groups = Arrays.stream(FeatureGroup.values())
                .filter(g -> !applicationOnly || g.application()).toList();
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        TrainingSettings settings = new TrainingSettings(folds, 1, 3600, BusinessCost.DEFAULT, scratch.seed, 2000,
                50, threads, applicationOnly);
        Progress progress = new ConsoleProgress(System.err);
        String loadBefore = Machine.loadAverage();
        double[] withAll = new double[repeats];
        double[][] without = new double[groups.size()][repeats];
        int[] sizes = new int[groups.size()];
        for (int r = 0; r < repeats; r++) {
            int[] assigned = StratifiedFolds.assign(all.outcomes(), folds, scratch.seed + r);
            withAll[r] = auc(all, assigned, settings, progress, "every feature, repeat " + (r + 1));
            for (int g = 0; g < groups.size(); g++) {
                FeatureGroup group = groups.get(g);
                int[] kept = IntStream.range(0, all.columns())
                        .filter(c -> !group.contains(all.featureNames().get(c))).toArray();
                sizes[g] = all.columns() - kept.length;
                TrainingSet rest = all.subset(IntStream.range(0, all.rows()).toArray(), kept);
                without[g][r] = auc(rest, assigned, settings, progress, "without " + group.key() + ", repeat "
                        + (r + 1));
            }
        }

        System.out.println();
        System.out.println(Machine.describe());
        System.out.printf(Locale.ROOT, "command: scoring bench groups %s%s --folds %d --repeats %d --seed %d; load"
                        + " average %s before, %s after%n%n", existing != null ? "--data " + existing
                        : "--clients " + scratch.clients, applicationOnly ? " --application-only" : "", folds, repeats,
                scratch.seed, loadBefore, Machine.loadAverage());
        System.out.printf(Locale.ROOT, "%,d labelled applications, %d features; out-of-fold ROC AUC with every"
                + " feature %.4f (sd %.4f over %d cross-validations)%n%n", all.rows(), all.columns(), mean(withAll),
                sd(withAll), repeats);
        System.out.println("| group | features | AUC without it | gain (with - without) | sd of the gain |");
        System.out.println("|---|---:|---:|---:|---:|");
        for (int g = 0; g < groups.size(); g++) {
            double[] gain = new double[repeats];
            for (int r = 0; r < repeats; r++) {
                gain[r] = withAll[r] - without[g][r];
            }
            System.out.printf(Locale.ROOT, "| %s | %d | %.4f | %+.4f | %s |%n", groups.get(g).key(), sizes[g],
                    mean(without[g]), mean(gain), repeats > 1 ? String.format(Locale.ROOT, "%.4f", sd(gain)) : "-");
        }
        scratch.cleanUp();
        return 0;
    }

    /** Out-of-fold ROC AUC of the default trees on {@code data} with these folds. */
    private static double auc(TrainingSet data, int[] folds, TrainingSettings settings, Progress progress,
                              String what) throws Exception {
        progress.begin(what, 0, "");
        CrossValidation cv = CrossValidation.run(new XgboostFoldTrainer(data, folds, settings), folds,
                settings.maxRounds(), BoostingParameters.DEFAULT, Progress.SILENT);
        double auc = Metrics.rocAuc(data.outcomes(), cv.outOfFold());
        progress.end(String.format(Locale.ROOT, "%d features: AUC %.4f", data.columns(), auc));
        return auc;
    }

    private static double mean(double[] values) {
        return Arrays.stream(values).average().orElse(Double.NaN);
    }

    private static double sd(double[] values) {
        double m = mean(values);
        return values.length < 2 ? 0 : Math.sqrt(Arrays.stream(values).map(v -> (v - m) * (v - m)).sum()
                / (values.length - 1));
    }
}
