package fr.pretadepenser.scoring.bench;

import org.apache.commons.io.FileUtils;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

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
