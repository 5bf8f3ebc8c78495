package fr.pretadepenser.scoring.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The machine a benchmark ran on, in one line, so that its figures are never reported without it. */
final class Machine {

    private Machine() {
    }

    static String describe() {
        return String.format(Locale.ROOT, "machine: %s, %d cores, %s RAM, %s %s, Java %s (%s); %s",
                cpuModel(), Runtime.getRuntime().availableProcessors(), memory(), System.getProperty("os.name"),
                System.getProperty("os.version"), System.getProperty("java.version"), System.getProperty("java.vm.name"),
                environment());
    }

    /**
     * The variables that change native speed without changing results, as this process got them: OpenMP's idle
     * threads (spinning steals a core from the other) and glibc's huge pages for large blocks (XGBoost's matrices).
     */
    static String environment() {
        StringBuilder text = new StringBuilder();
        for (String name : new String[]{"OMP_WAIT_POLICY", "GLIBC_TUNABLES"}) {
            String value = System.getenv(name);
            text.append(text.length() == 0 ? "" : ", ").append(name).append('=')
                    .append(value == null ? "(unset)" : value);
        }
        return text.toString();
    }

    /** The 1, 5 and 15-minute load averages (other work on the machine slows a benchmark), or "unknown". */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String cpuModel() {
        return firstValue(Path.of("/proc/cpuinfo"), "model name").orElse(System.getProperty("os.arch"));
    }

    private static String memory() {
        return firstValue(Path.of("/proc/meminfo"), "MemTotal")
                .map(v -> String.format(Locale.ROOT, "%.1f GiB", Long.parseLong(v.replaceAll("[^0-9]", "")) / 1048576.0))
                .orElse("unknown");
    }

    private static java.util.Optional<String> firstValue(Path file, String key) {
        try {
            return Files.readAllLines(file).stream().filter(l -> l.startsWith(key))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst();
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }
}
