package fr.pretadepenser.scoring.bench;

import fr.pretadepenser.scoring.model.ModelTraining;
import fr.pretadepenser.scoring.model.bundle.ModelBundle;
import fr.pretadepenser.scoring.model.bundle.TrainedModel;
import fr.pretadepenser.scoring.model.evaluation.BusinessCost;
import fr.pretadepenser.scoring.model.evaluation.Decision;
import fr.pretadepenser.scoring.model.evaluation.Metrics;
import fr.pretadepenser.scoring.model.training.TrainingSettings;
import fr.pretadepenser.scoring.progress.Progress;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import fr.pretadepenser.scoring.score.BatchScoring;
import fr.pretadepenser.scoring.score.Prediction;
import fr.pretadepenser.scoring.score.Scorer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code scoring bench transfer}: how much the generated data's risk behaves like a real lender's. A model trained
 * on generated clients, on the application's features only (the genuine sample's side tables are not linked to its
 * applications), scores genuine labelled applications (an {@code application_train.csv} in the Kaggle layout, e.g.
 * the team's real sample): its ROC AUC there, and its mean predicted default rate against the actual one. A
 * generator whose hidden risk follows its own rules gives a model that ranks genuine clients poorly.
 */
@Command(name = "transfer", mixinStandardHelpOptions = true,
        description = "Train on generated data (application features only), score genuine labelled applications:"
                + " AUC and predicted against actual default rate there.")
final class BenchTransferCommand implements Callable<Integer> {

    @Mixin
    BenchScratch scratch;

    @Option(names = "--genuine", required = true, paramLabel = "DIR",
            description = "Folder holding genuine labelled applications (application_train.csv, Kaggle layout).")
    Path genuine;

    @Option(names = "--trials", defaultValue = "1", description = "Search trials (default: ${DEFAULT-VALUE}).")
    int trials;

    @Option(names = "--folds", defaultValue = "5", description = "Folds (default: ${DEFAULT-VALUE}).")
    int folds;

    @Override
    public Integer call() throws Exception {
        Path applications = genuine.resolve(HomeCreditSchema.APPLICATION_TRAIN + ".csv");
        if (!Files.isRegularFile(applications)) {
            System.err.println("bench: no " + applications + "; give --genuine a folder with labelled applications");
            return 2;
        }
        String loadBefore = Machine.loadAverage();
        scratch.empty();
        System.err.printf("generating and training on %,d clients, application features only%n", scratch.clients);
        scratch.prepareFeatures();
        TrainedModel model;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + scratch.database().toAbsolutePath())) {
            model = ModelTraining.train(c, new TrainingSettings(folds, trials, 3600, BusinessCost.DEFAULT,
                    scratch.seed, 2000, 50, Math.max(1, Runtime.getRuntime().availableProcessors()), true),
                    Progress.SILENT);
        }
        Path bundle = ModelBundle.write(model, scratch.dir.resolve("models"));

        // The genuine applications through the product's own batch scoring, without a history.
        List<Prediction> predictions = new BatchScoring(Scorer.load(bundle), HomeCreditSchema.load())
                .predict(applications, null, Progress.SILENT);
        Map<Long, Integer> outcomes = outcomes(applications);
        int[] y = new int[predictions.size()];
        double[] p = new double[predictions.size()];
        long refused = 0;
        for (int i = 0; i < predictions.size(); i++) {
            y[i] = outcomes.get(predictions.get(i).client());
            p[i] = predictions.get(i).probability();
            refused += predictions.get(i).decision() == Decision.REFUSED ? 1 : 0;
        }
        Transfer result = Transfer.of(y, p, refused);

        System.out.println();
        System.out.println(Machine.describe());
        System.out.println("load average before and after: " + loadBefore + " / " + Machine.loadAverage());
        System.out.printf(Locale.ROOT, "command: scoring bench transfer --genuine %s --clients %d --seed %d"
                + " --trials %d --folds %d%n%n", genuine, scratch.clients, scratch.seed, trials, folds);
        System.out.println("| generated clients | out-of-fold AUC on generated | genuine applications | AUC on genuine"
                + " | mean predicted default | actual default | refused at the threshold |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|");
        System.out.printf(Locale.ROOT, "| %,d | %.4f | %,d | %.4f | %.2f%% | %.2f%% | %.1f%% |%n", scratch.clients,
                model.manifest().model().rocAuc(), y.length, result.auc(), 100 * result.meanPredicted(),
                100 * result.actual(), 100 * result.refusedShare());
        scratch.cleanUp();
        return 0;
    }

    /** The figures on the genuine rows. */
    record Transfer(double auc, double meanPredicted, double actual, double refusedShare) {

        static Transfer of(int[] outcomes, double[] probabilities, long refused) {
            double mean = 0;
            double actual = 0;
            for (int i = 0; i < outcomes.length; i++) {
                mean += probabilities[i];
                actual += outcomes[i];
            }
            int n = Math.max(1, outcomes.length);
            return new Transfer(Metrics.rocAuc(outcomes, probabilities), mean / n, actual / n,
                    refused / (double) n);
        }
    }

    /** TARGET by SK_ID_CURR. */
    private static Map<Long, Integer> outcomes(Path applications) throws IOException {
        Map<Long, Integer> outcomes = new HashMap<>();
        try (CSVParser rows = CSVParser.parse(applications, StandardCharsets.UTF_8,
                CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build())) {
            for (CSVRecord row : rows) {
                outcomes.put(Long.parseLong(row.get("SK_ID_CURR")), Integer.parseInt(row.get("TARGET").trim()));
            }
        }
        return outcomes;
    }
}
