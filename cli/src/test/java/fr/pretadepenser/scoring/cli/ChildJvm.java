package fr.pretadepenser.scoring.cli;

import fr.pretadepenser.scoring.testing.RunFolder;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A class's {@code main} in a child JVM on this test run's class path, for tests that kill or restart processes. */
final class ChildJvm {

    private ChildJvm() {
    }

    // The children's temporary folder. DuckDB and XGBoost unpack their native libraries (about 60 and 17 MB) into
    // it, and only a JVM that exits normally deletes its copies: each child killed with SIGKILL would leave them
    // in the system's temporary folder for good.
    private static Path childTemp;

    /** Runs {@code scoring ARGUMENTS...} in {@code dir}, its output (and errors) to {@code log}. */
    static Process scoring(Path dir, Path log, String... arguments) throws IOException {
        return start(dir, log, ScoringCommand.class, arguments);
    }

    /**
     * Waits for {@code process} to end; past {@code within}, kills it (a child must never outlive its test) and
     * fails naming {@code what}. Returns its exit code.
     */
    static int awaitExit(Process process, Duration within, String what) throws InterruptedException {
        if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(what + " did not finish within " + within);
        }
        return process.exitValue();
    }

    /** Runs {@code main.main(ARGUMENTS)} in {@code dir} (its working folder), its output (and errors) to {@code log}. */
    static Process start(Path dir, Path log, Class<?> main, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Djava.io.tmpdir=" + childTemp(), "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // As ./scoring sets it: XGBoost's threads sleep rather than spin between calls.
        builder.environment().put("OMP_WAIT_POLICY", "passive");
        return builder.start();
    }

    private static synchronized Path childTemp() throws IOException {
        if (childTemp == null) {
            childTemp = RunFolder.create("child-jvm-tmp-");
        }
        return childTemp;
    }
}
