package fr.pretadepenser.scoring.cli;

import fr.pretadepenser.scoring.api.ApiResources;
import fr.pretadepenser.scoring.api.ServerSettings;
import fr.pretadepenser.scoring.auth.DemoAccounts;
import fr.pretadepenser.scoring.auth.UserStore;
import fr.pretadepenser.scoring.data.ingest.IngestSummary;
import fr.pretadepenser.scoring.data.ingest.Ingester;
import fr.pretadepenser.scoring.drift.DriftAnalysis;
import fr.pretadepenser.scoring.drift.DriftReport;
import fr.pretadepenser.scoring.explain.Language;
import fr.pretadepenser.scoring.features.DuckDbFeatureEngine;
import fr.pretadepenser.scoring.model.ModelTraining;
import fr.pretadepenser.scoring.model.bundle.ModelBundle;
import fr.pretadepenser.scoring.model.bundle.TrainedModel;
import fr.pretadepenser.scoring.model.evaluation.BusinessCost;
import fr.pretadepenser.scoring.model.training.TrainingSettings;
import fr.pretadepenser.scoring.progress.ConsoleProgress;
import fr.pretadepenser.scoring.progress.Progress;
import fr.pretadepenser.scoring.report.DeckReport;
import fr.pretadepenser.scoring.report.ExplorationReport;
import fr.pretadepenser.scoring.report.MethodologyReport;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import fr.pretadepenser.scoring.score.Scorer;
import fr.pretadepenser.scoring.synthetic.GenerationSummary;
import fr.pretadepenser.scoring.synthetic.GeneratorSettings;
import fr.pretadepenser.scoring.synthetic.SyntheticDataGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code scoring demo}: takes a fresh machine to a working product on synthetic data: it generates a demo data
 * set, ingests it, builds the feature table, trains a model (with a short search, so that the demo takes minutes),
 * writes the exploration report, the methodology note, a drift report of the demo's new applications and the
 * committee's deck, creates the demo accounts (printing their new passwords) and serves the API and dashboard.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run it all on synthetic data: data, features, model, report, server.")
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--clients", defaultValue = "30000", paramLabel = "N",
            description = "Synthetic training clients (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--data", defaultValue = Defaults.DEMO_DATA, paramLabel = "DIR",
            description = "Where the synthetic Kaggle files go (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--db", defaultValue = Defaults.DATABASE, paramLabel = "FILE",
            description = "DuckDB database to create (default: ${DEFAULT-VALUE}).")
    Path database;

    @Option(names = "--models", defaultValue = Defaults.MODELS, paramLabel = "DIR",
            description = "Where the model bundle goes (default: ${DEFAULT-VALUE}).")
    Path models;

    @Option(names = "--reports", defaultValue = Defaults.REPORTS, paramLabel = "DIR",
            description = "Where the methodology note goes (default: ${DEFAULT-VALUE}).")
    Path reports;

    @Option(names = "--trials", defaultValue = "2",
            description = "Search trials; 'scoring train' defaults to 10 (default: ${DEFAULT-VALUE}).")
    int trials;

    @Option(names = "--users", defaultValue = Defaults.USERS, paramLabel = "FILE",
            description = "Accounts file; the demo accounts are (re)created in it (default: ${DEFAULT-VALUE}).")
    Path users;

    @Option(names = "--audit", defaultValue = Defaults.AUDIT_LOG, paramLabel = "FILE",
            description = "Decision audit log (default: ${DEFAULT-VALUE}).")
    Path audit;

    @Option(names = "--port", defaultValue = "7070", description = "Server port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--no-serve", description = "Stop after the report instead of serving the API.")
    boolean noServe;

    @Override
    public Integer call() throws Exception {
        Progress progress = new ConsoleProgress(System.err);
        System.err.printf("[1/9] generate: %,d synthetic clients (seed %d) into %s%n", clients, seed, data);
        GeneratorSettings settings = new GeneratorSettings(clients, seed);
        long start = System.nanoTime();
        GenerationSummary generated = new SyntheticDataGenerator(settings).generate(data, progress);
        GenerateCommand.print(generated, data, (System.nanoTime() - start) / 1e9);

        System.err.printf("[2/9] ingest: %s into %s%n", data, database);
        IngestSummary ingested = new Ingester(HomeCreditSchema.load()).ingest(data, database, progress);
        IngestCommand.print(ingested);

        System.err.printf("[3/9] features: %s%n", database);
        DuckDbFeatureEngine engine = new DuckDbFeatureEngine(HomeCreditSchema.load());
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + database.toAbsolutePath())) {
            FeaturesCommand.print(engine.build(connection, engine.learnVocabularies(connection), progress));
        }

        System.err.printf("[4/9] explore: exploration report of %s%n", database);
        Path exploration = new ExplorationReport(HomeCreditSchema.load(), database).write(reports, progress);

        System.err.printf("[5/9] train: %d search trial(s), 5-fold cross-validation%n", trials);
        TrainingSettings training = new TrainingSettings(5, trials, 600, BusinessCost.DEFAULT, seed, 2000, 50,
                Math.max(1, Runtime.getRuntime().availableProcessors()), false, true, true);
        TrainedModel model;
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + database.toAbsolutePath())) {
            model = ModelTraining.train(connection, training, progress);
        }
        Path bundle = ModelBundle.write(model, models);
        TrainCommand.print(model.manifest(), bundle);

        System.err.printf("[6/9] report: methodology note of %s%n", bundle);
        Scorer scorer = Scorer.load(bundle);
        MethodologyReport.Output note = new MethodologyReport(scorer, HomeCreditSchema.load(), database)
                .write(reports);

        // The demo's application_test plays the new month's applications: same generator, so it should be stable.
        System.err.printf("[7/9] drift: the demo's new applications against the training data%n");
        HomeCreditSchema schema = HomeCreditSchema.load();
        DriftReport drift = new DriftAnalysis(scorer, schema).analyse(
                data.resolve(schema.table(HomeCreditSchema.APPLICATION_TEST).file()), data, progress);
        Path driftJson = DriftAnalysis.write(drift, reports);

        System.err.printf("[8/9] deck: the committee's presentation of %s%n", bundle);
        DeckReport.Output deck = ReportCommand.Deck.write(scorer, database, reports, Language.FR,
                Path.of(Defaults.SCREENSHOTS));

        System.out.println();
        System.out.println("Demo data ready: " + database.toAbsolutePath());
        System.out.println("Model bundle ready: " + models.resolve(ModelBundle.CURRENT).toAbsolutePath());
        System.out.println("Exploration report: " + exploration.toAbsolutePath());
        System.out.println("Methodology note: " + note.html().toAbsolutePath() + " and " + note.pdf().toAbsolutePath());
        System.out.printf(Locale.ROOT, "Drift report (%s, score PSI %.3f): %s%n", drift.status().name()
                .toLowerCase(Locale.ROOT), drift.scorePsi(), driftJson.resolveSibling(DriftAnalysis.HTML)
                .toAbsolutePath());
        System.out.println("Committee deck (" + deck.slides().size() + " slides): " + deck.html().toAbsolutePath()
                + " and " + deck.pdf().toAbsolutePath());
        if (noServe) {
            return 0;
        }
        System.err.printf("[9/9] serve: demo accounts in %s%n", users);
        List<DemoAccounts.Credentials> accounts = DemoAccounts.create(UserStore.open(users));
        for (DemoAccounts.Credentials account : accounts) {
            // The demo's only secret output: new random passwords, for this machine's demo accounts.
            System.out.printf("Demo account (%s): name %s, password %s%n", account.role().id(), account.name(),
                    account.password());
        }
        return ServeCommand.serve(ServerSettings.onPort(port).withReports(reports), new ApiResources.Paths(
                models.resolve(ModelBundle.CURRENT), database, users, audit), ApiResources.WARM_UP_SCORINGS);
    }
}
