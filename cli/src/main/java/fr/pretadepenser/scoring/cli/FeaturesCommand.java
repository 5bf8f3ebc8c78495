package fr.pretadepenser.scoring.cli;

import fr.pretadepenser.scoring.data.Vocabularies;
import fr.pretadepenser.scoring.features.DuckDbFeatureEngine;
import fr.pretadepenser.scoring.features.FeatureBuild;
import fr.pretadepenser.scoring.features.FeatureManifest;
import fr.pretadepenser.scoring.progress.ConsoleProgress;
import fr.pretadepenser.scoring.progress.ResidentMemory;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code scoring features}: builds the feature table from the ingested database. */
@Command(name = "features", mixinStandardHelpOptions = true,
        description = "Build the feature table (one row per client) from the ingested data.")
final class FeaturesCommand implements Callable<Integer> {

    @Option(names = "--db", paramLabel = "FILE", defaultValue = Defaults.DATABASE,
            description = "Ingested DuckDB database (default: ${DEFAULT-VALUE}).")
    Path database;

    @Option(names = "--manifest", paramLabel = "FILE",
            description = "Reuse this feature manifest's vocabularies (e.g. a model's) instead of learning them.")
    Path manifest;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Also export the feature table: .parquet or .csv by the extension.")
    Path out;

    @CommandLine.Mixin
    MemoryOption memory;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (out != null) {
            FeatureExport.checkExtension(spec.commandLine(), out);
        }
        if (manifest != null && !Files.isRegularFile(manifest)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--manifest " + manifest + " does not exist");
        }
        if (!Files.isRegularFile(database)) {
            System.err.println("error: " + database + " does not exist; run 'scoring ingest' (or 'scoring demo') first");
            return ScoringCommand.EXIT_BAD_INPUT;
        }
        DuckDbFeatureEngine engine = new DuckDbFeatureEngine(HomeCreditSchema.load(), memory.budget());
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + database.toAbsolutePath())) {
            Vocabularies vocabularies;
            if (manifest != null) {
                FeatureManifest frozen;
                try {
                    frozen = FeatureManifest.fromJson(Files.readString(manifest));
                } catch (IllegalArgumentException e) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--manifest " + manifest + ": "
                            + e.getMessage());
                }
                frozen.checkSqlUnchanged();
                vocabularies = frozen.vocabularies();
            } else {
                vocabularies = engine.learnVocabularies(connection);
            }
            FeatureBuild build = engine.build(connection, vocabularies, new ConsoleProgress(System.err));
            print(build);
            if (out != null) {
                FeatureExport.write(connection, build.manifest(), out);
                System.out.println("exported " + out);
            }
        }
        return 0;
    }

    static void print(FeatureBuild build) {
        System.out.printf(Locale.ROOT, "%n%-22s %9s %9s %9s%n", "stage", "features", "missing", "seconds");
        for (FeatureBuild.Stage stage : build.stages()) {
            System.out.printf(Locale.ROOT, "%-22s %9s %8.1f%% %9.2f%n", stage.file(),
                    stage.features() == 0 ? "" : String.valueOf(stage.features()), 100 * stage.missingShare(),
                    stage.seconds());
        }
        System.out.printf(Locale.ROOT, "%,d rows x %d features in table %s%n", build.rows(),
                build.manifest().features().size(), DuckDbFeatureEngine.FEATURE_TABLE);
        ResidentMemory.peakLine().ifPresent(System.out::println);
    }
}
