package fr.pretadepenser.scoring.cli;

import fr.pretadepenser.scoring.data.HomeCreditSchema;
import fr.pretadepenser.scoring.data.ingest.IngestSummary;
import fr.pretadepenser.scoring.data.ingest.Ingester;
import fr.pretadepenser.scoring.data.synthetic.GenerationSummary;
import fr.pretadepenser.scoring.data.synthetic.GeneratorSettings;
import fr.pretadepenser.scoring.data.synthetic.SyntheticDataGenerator;
import fr.pretadepenser.scoring.features.DuckDbFeatureEngine;
import fr.pretadepenser.scoring.progress.ConsoleProgress;
import fr.pretadepenser.scoring.progress.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.concurrent.Callable;

/**
 * {@code scoring demo}: takes a fresh machine to a working product on synthetic data. At this stage it generates
 * a demo data set, ingests it and builds the feature table; the model, report and server stages join it as they
 * are built.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run everything on synthetic data (generate, ingest, features).")
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

    @Override
    public Integer call() throws Exception {
        Progress progress = new ConsoleProgress(System.err);
        System.err.printf("[1/3] generate: %,d synthetic clients (seed %d) into %s%n", clients, seed, data);
        GeneratorSettings settings = new GeneratorSettings(clients, seed);
        long start = System.nanoTime();
        GenerationSummary generated = new SyntheticDataGenerator(settings).generate(data, progress);
        GenerateCommand.print(generated, data, (System.nanoTime() - start) / 1e9);

        System.err.printf("[2/3] ingest: %s into %s%n", data, database);
        IngestSummary ingested = new Ingester(HomeCreditSchema.load()).ingest(data, database, progress);
        IngestCommand.print(ingested);

        System.err.printf("[3/3] features: %s%n", database);
        DuckDbFeatureEngine engine = new DuckDbFeatureEngine(HomeCreditSchema.load());
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + database.toAbsolutePath())) {
            FeaturesCommand.print(engine.build(connection, engine.learnVocabularies(connection), progress));
        }

        System.out.println();
        System.out.println("Demo data ready: " + database.toAbsolutePath());
        System.out.println("Next: ./scoring train, then ./scoring report model and ./scoring predict;"
                + " server and dashboard are later issues.");
        return 0;
    }
}
