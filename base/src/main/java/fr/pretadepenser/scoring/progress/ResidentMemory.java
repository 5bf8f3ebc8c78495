package fr.pretadepenser.scoring.progress;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Resident memory as Linux counts it in {@code /proc}: the whole process (the Java heap, DuckDB's and XGBoost's native
 * memory), which is what decides whether a machine is big enough. Empty where there is no {@code /proc}.
 */
public final class ResidentMemory {

    private static final Path SELF = Path.of("/proc/self/status");

    private ResidentMemory() {
    }

    /** The highest resident memory of this process so far (VmHWM), in KiB. */
    public static OptionalLong peakKiB() {
        return peakKiB(SELF);
    }

    /** The highest resident memory so far (VmHWM), in KiB, of the process whose status file this is. */
    public static OptionalLong peakKiB(Path status) {
        return field(status, "VmHWM:");
    }

    /** The resident memory of this process now (VmRSS), in KiB. */
    public static OptionalLong currentKiB() {
        return field(SELF, "VmRSS:");
    }

    /** "peak resident memory 3,948 MiB (the whole process so far)": the line the long commands end with. */
    public static Optional<String> peakLine() {
        OptionalLong peak = peakKiB();
        return peak.isEmpty() ? Optional.empty() : Optional.of(String.format(Locale.ROOT,
                "peak resident memory %,d MiB (the whole process so far)", peak.getAsLong() / 1024));
    }

    /** The value of a "Vm...:" line of a /proc status file ("VmHWM:\t 4300216 kB"), in KiB. */
    static OptionalLong field(Path status, String name) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith(name)) {
                    return OptionalLong.of(Long.parseLong(line.substring(name.length()).replace("kB", "").trim()));
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or the process ended between two reads: no figure rather than a wrong one.
        }
        return OptionalLong.empty();
    }
}
