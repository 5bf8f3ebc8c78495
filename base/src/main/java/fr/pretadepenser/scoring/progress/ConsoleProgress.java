package fr.pretadepenser.scoring.progress;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/** Prints progress lines to a stream (stderr for the CLI) at most once a second, with rate and ETA. */
public final class ConsoleProgress implements Progress {

    private static final long PRINT_EVERY_NANOS = 1_000_000_000L;

    private final PrintStream out;
    private String stage = "";
    private String unit = "";
    private long total;
    private long startNanos;
    private long lastPrintNanos;

    /** Prints to {@code out}; nothing is printed about the data itself, only counts. */
    public ConsoleProgress(PrintStream out) {
        this.out = out;
    }

    @Override
    public synchronized void begin(String stage, long total, String unit) {
        this.stage = stage;
        this.total = total;
        this.unit = unit;
        this.startNanos = System.nanoTime();
        this.lastPrintNanos = startNanos;
    }

    @Override
    public synchronized void update(long done) {
        update(done, null);
    }

    @Override
    public synchronized void update(long done, String detail) {
        long now = System.nanoTime();
        if (now - lastPrintNanos < PRINT_EVERY_NANOS) {
            return;
        }
        lastPrintNanos = now;
        double seconds = (now - startNanos) / 1e9;
        double rate = done / Math.max(seconds, 1e-9);
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-34s %,14d", stage, done));
        if (total > 0) {
            line.append(String.format(Locale.ROOT, " / %,d %s (%3.0f%%)", total, unit, 100.0 * done / total));
        } else {
            line.append(' ').append(unit);
        }
        line.append(String.format(Locale.ROOT, "  %,.0f %s/s", rate, unit));
        if (total > 0 && done > 0 && done < total) {
            line.append("  ETA ").append(format(Duration.ofMillis((long) ((total - done) / rate * 1000))));
        }
        if (detail != null) {
            line.append("  ").append(detail);
        }
        out.println(line);
    }

    @Override
    public synchronized void end(String summary) {
        end(summary, (System.nanoTime() - startNanos) / 1e9);
    }

    @Override
    public synchronized void end(String summary, double seconds) {
        out.println(String.format(Locale.ROOT, "  %-34s %s in %.1f s", stage, summary, seconds));
    }

    private static String format(Duration d) {
        long s = d.toSeconds();
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
