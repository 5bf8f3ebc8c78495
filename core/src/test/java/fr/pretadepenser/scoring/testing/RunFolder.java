package fr.pretadepenser.scoring.testing;

import org.apache.commons.io.FileUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A temporary folder that lives as long as the test run's JVM, for fixtures that several test classes share and
 * that JUnit's {@code @TempDir} (one class at most) cannot scope.
 */
public final class RunFolder {

    private RunFolder() {
    }

    /** A new folder under the system's temporary folder, deleted with its contents when this JVM exits. */
    public static Path create(String prefix) throws IOException {
        Path folder = Files.createTempDirectory(prefix);
        // Quietly: leaving a temporary folder behind is no reason to fail the run.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> FileUtils.deleteQuietly(folder.toFile())));
        return folder;
    }
}
