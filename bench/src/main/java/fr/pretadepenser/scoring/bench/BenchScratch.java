package fr.pretadepenser.scoring.bench;

import fr.pretadepenser.scoring.data.ingest.Ingester;
import fr.pretadepenser.scoring.features.DuckDbFeatureEngine;
import fr.pretadepenser.scoring.progress.Progress;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import fr.pretadepenser.scoring.synthetic.GeneratorSettings;
import fr.pretadepenser.scoring.synthetic.SyntheticDataGenerator;
import org.apache.commons.io.FileUtils;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * What every benchmark shares (a picocli mixin): the size and seed of the synthetic data set it generates, and the
 * scratch folder it works in, emptied before a run and removed after it unless asked to keep it.
 */
final class BenchScratch {

    @Option(names = "--clients", defaultValue = "30000", paramLabel = "N",
            description = "Training clients to generate (default: ${DEFAULT-VALUE}; Kaggle size: 307511).")
    int clients;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--dir", defaultValue = "work/bench", paramLabel = "DIR",
            description = "Scratch folder, emptied first (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--keep", description = "Keep the generated files and database afterwards.")
    boolean keep;

    /** Where the generated Kaggle files go. */
    Path data() {
        return dir.resolve("data");
    }

    /** Where the ingested database goes. */
    Path database() {
        return dir.resolve("homecredit.duckdb");
    }

    /**
     * Generates the data set ({@link #data()}), ingests it into {@link #database()} and builds its feature table:
     * what a benchmark prepares first, untimed.
     */
    void prepareFeatures() throws IOException, SQLException {
        new SyntheticDataGenerator(new GeneratorSettings(clients, seed)).generate(data(), Progress.SILENT);
        new Ingester(HomeCreditSchema.load()).ingest(data(), database(), Progress.SILENT);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + database().toAbsolutePath())) {
            DuckDbFeatureEngine engine = new DuckDbFeatureEngine(HomeCreditSchema.load());
            engine.build(c, engine.learnVocabularies(c), Progress.SILENT);
        }
    }

    /** Empties the scratch folder before a run. */
    void empty() throws IOException {
        FileUtils.deleteDirectory(dir.toFile());
        Files.createDirectories(dir);
    }

    /** Removes the scratch folder after a run, unless --keep. */
    void cleanUp() throws IOException {
        if (!keep) {
            FileUtils.deleteDirectory(dir.toFile());
        }
    }
}
