package fr.pretadepenser.scoring.bench;

import fr.pretadepenser.scoring.progress.ResidentMemory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code scoring} command run in a child JVM for a benchmark: its exit code, wall time and peak resident
 * memory, polled from Linux's {@code /proc/PID/status} (VmHWM) while it runs.
 *
 * @param name        the command
 * @param exitCode    its exit code
 * @param seconds     wall time
 * @param peakRssMiB  peak resident memory in MiB, or -1 where /proc is not available
 */
record StageRun(String name, int exitCode, double seconds, long peakRssMiB) {

    private static final long POLL_MILLIS = 50;

    /** Runs {@code scoring <args>} in a child JVM with the same Java and class path, output shown as it comes. */
    static StageRun of(String... args) throws IOException, InterruptedException {
        return of(null, args);
    }

    /** Same, with the child's standard output written to {@code stdout} instead (when not null), to be read. */
    static StageRun of(Path stdout, String... args) throws IOException, InterruptedException {
        return of(List.of(), stdout, args);
    }

    /**
     * Same, the child JVM started with {@code jvmOptions} (a heap limit: without one, the JVM's default maximum
     * heap is a quarter of the RAM, and a heap grown into it counts in the peak as if the data needed it).
     */
    static StageRun of(List<String> jvmOptions, Path stdout, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(BenchCommand.SCORING_MAIN);
        command.addAll(List.of(args));
        return ofProcess(args[0], stdout, command);
    }

    /**
     * Runs any program as a child process (e.g. the Python peer), measured the same way: standard error shown as it
     * comes, standard output to {@code stdout} when not null.
     */
    static StageRun ofProcess(String name, Path stdout, List<String> command) throws IOException, InterruptedException {
        long start = System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        if (stdout != null) {
            builder.redirectOutput(stdout.toFile());
        }
        Process process = builder.start();
        Path status = Path.of("/proc", String.valueOf(process.pid()), "status");
        long peakKiB = -1;
        while (process.isAlive()) {
            peakKiB = Math.max(peakKiB, ResidentMemory.peakKiB(status).orElse(-1));
            Thread.sleep(POLL_MILLIS);
        }
        int exit = process.waitFor();
        double seconds = (System.nanoTime() - start) / 1e9;
        return new StageRun(name, exit, seconds, peakKiB < 0 ? -1 : peakKiB / 1024);
    }
}
