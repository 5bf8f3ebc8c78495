package fr.pretadepenser.scoring.bench;

import fr.pretadepenser.scoring.features.DuckDbFeatureEngine;
import fr.pretadepenser.scoring.features.FeatureManifest;
import fr.pretadepenser.scoring.model.evaluation.Evaluation;
import fr.pretadepenser.scoring.model.training.LogisticBaseline;
import fr.pretadepenser.scoring.model.training.StratifiedFolds;
import fr.pretadepenser.scoring.model.training.TrainingSet;
import fr.pretadepenser.scoring.progress.ResidentMemory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Callable;

/**
 * {@code scoring bench baseline}: the logistic-regression baseline's cross-validation alone, as training runs it
 * (the same rows, the same stratified folds), timed, with its out-of-fold ROC AUC, its out-of-fold log loss (which
 * shows how far the fit has converged) and the process's peak memory. On a generated data set (prepared first, not
 * timed), or on the feature table of an existing database ({@code --db}, left as it is), so that a large one is built
 * once and measured many times.
 */
@Command(name = "baseline", mixinStandardHelpOptions = true,
        description = "Time, memory, out-of-fold AUC and log loss of the logistic-regression baseline's"
                + " cross-validation.")
final class BenchBaselineCommand implements Callable<Integer> {

    @Mixin
    BenchScratch scratch;

    @Option(names = "--db", paramLabel = "FILE",
            description = "Measure on this database's feature table instead of generating one (it is not changed).")
    Path database;

    @Option(names = "--folds", defaultValue = "5", description = "Folds (default: ${DEFAULT-VALUE}).")
    int folds;

    @Override
    public Integer call() throws Exception {
        String loadBefore = Machine.loadAverage();
        Path db = database;
        if (db == null) {
            scratch.empty();
            db = scratch.database();
            System.err.printf("preparing %,d clients (not timed)%n", scratch.clients);
            scratch.prepareFeatures();
        } else if (!Files.isRegularFile(db)) {
            System.err.println("bench: no database at " + db + "; build one with 'scoring generate', 'ingest' and"
                    + " 'features', or leave --db out to generate one");
            return 2;
        }

        long start = System.nanoTime();
        TrainingSet data;
        Path measured = db;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db.toAbsolutePath(), readOnly())) {
            FeatureManifest manifest = DuckDbFeatureEngine.storedManifest(c).orElseThrow(
                    () -> new IllegalStateException("no feature table in " + measured + "; run 'scoring features'"));
            data = TrainingSet.read(c, manifest);
        }
        double readSeconds = (System.nanoTime() - start) / 1e9;
        long rssBefore = ResidentMemory.currentKiB().orElse(-1);
        int[] assigned = StratifiedFolds.assign(data.outcomes(), folds, scratch.seed);

        start = System.nanoTime();
        LogisticBaseline.OutOfFold fit = new LogisticBaseline(1e-3, Runtime.getRuntime().availableProcessors())
                .crossValidate(data, assigned);
        double[] outOfFold = fit.probabilities();
        double seconds = (System.nanoTime() - start) / 1e9;
        Evaluation evaluation = Evaluation.of(data.outcomes(), outOfFold, 0);

        System.out.println();
        System.out.println(Machine.describe());
        System.out.println("load average before and after: " + loadBefore + " / " + Machine.loadAverage());
        System.out.printf(Locale.ROOT, "command: scoring bench baseline %s --seed %d --folds %d%n%n",
                database != null ? "--db " + database : "--clients " + scratch.clients, scratch.seed, folds);
        System.out.println("| rows | features | read s | baseline CV s | out-of-fold ROC AUC | out-of-fold log loss"
                + " | RSS before MiB | peak RSS MiB |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|");
        System.out.printf(Locale.ROOT, "| %,d | %d | %.1f | %.1f | %.4f | %.5f | %,d | %,d |%n", data.rows(),
                data.columns(), readSeconds, seconds, evaluation.rocAuc(), evaluation.logLoss(), rssBefore / 1024,
                ResidentMemory.peakKiB().orElse(-1) / 1024);
        if (database == null) {
            scratch.cleanUp();
        }
        return 0;
    }

    private static Properties readOnly() {
        Properties properties = new Properties();
        properties.setProperty("duckdb.read_only", "true");
        return properties;
    }
}
