package fr.pretadepenser.scoring.cli;

import fr.pretadepenser.scoring.audit.AnchorKey;
import fr.pretadepenser.scoring.audit.AuditLog;
import fr.pretadepenser.scoring.audit.ChainCheck;
import fr.pretadepenser.scoring.audit.CorruptAuditLogException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code scoring audit}: exports the decisions of an audit log since a date, or checks the hash chain of every
 * log (one per server: replicas each write their own). Reads the logs without locking them, so it can run beside
 * the servers.
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Export the decision audit log (JSON lines, CSV) or --verify it.")
final class AuditCommand implements Callable<Integer> {

    /** Exit code when the log is damaged: not the user's input, but not a success either. */
    static final int EXIT_BROKEN = 1;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--log", paramLabel = "FILE",
            description = "An audit log; repeat for several (default: every decisions*.jsonl in "
                    + Defaults.AUDIT_FOLDER + ": the single server's and each replica's).")
    List<Path> logs;

    @Option(names = "--since", paramLabel = "DATE|TIME", converter = SinceConverter.class,
            description = "Only decisions at or after a UTC date (2026-11-01) or time (2026-11-01T08:00:00Z);"
                    + " default: all.")
    Instant since = Instant.EPOCH;

    @Option(names = "--format", paramLabel = "jsonl|csv", defaultValue = "jsonl",
            description = "jsonl (one JSON object per line) or csv (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Write here (via a temporary file, then renamed) instead of standard output.")
    Path out;

    @Option(names = "--verify", description = "Check the hash chain and the signed anchors instead: exit code 1 if"
            + " a record was changed, removed, inserted, moved or cut off.")
    boolean verify;

    @Option(names = "--security", paramLabel = "DIR", defaultValue = Defaults.SECURITY,
            description = "With --verify: the server's security folder, which holds the anchors' key"
                    + " (default: ${DEFAULT-VALUE}).")
    Path security;

    /** A date is the start of that day in UTC. */
    static final class SinceConverter implements CommandLine.ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                return value.contains("T") ? Instant.parse(value)
                        : LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is neither a date (2026-11-01) nor"
                        + " a UTC time (2026-11-01T08:00:00Z)");
            }
        }
    }

    @Override
    public Integer call() throws Exception {
        if (!format.equals("jsonl") && !format.equals("csv")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--format must be jsonl or csv, was "
                    + format);
        }
        List<Path> chosen = logs != null ? logs : defaultLogs();
        if (chosen.isEmpty()) {
            spec.commandLine().getErr().println("error: no audit log in " + Defaults.AUDIT_FOLDER + "; the server"
                    + " writes one when it scores (or give --log)");
            return ScoringCommand.EXIT_BAD_INPUT;
        }
        for (Path log : chosen) {
            if (!Files.isRegularFile(log)) {
                spec.commandLine().getErr().println("error: no audit log at " + log + "; the server writes it when"
                        + " it scores (or give --log)");
                return ScoringCommand.EXIT_BAD_INPUT;
            }
        }
        if (!verify && chosen.size() > 1) {
            spec.commandLine().getErr().println("error: " + chosen.size() + " audit logs (" + chosen + "): export"
                    + " them one at a time with --log FILE");
            return ScoringCommand.EXIT_BAD_INPUT;
        }
        try {
            if (verify) {
                int worst = 0;
                for (Path log : chosen) {
                    worst = Math.max(worst, verify(log));
                }
                return worst;
            }
            return export(chosen.get(0));
        } catch (CorruptAuditLogException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage() + "; run 'scoring audit --verify'");
            return EXIT_BROKEN;
        }
    }

    /** The logs of the default folder: {@code decisions.jsonl} and the replicas' {@code decisions-NAME.jsonl}. */
    private static List<Path> defaultLogs() throws IOException {
        Path folder = Path.of(Defaults.AUDIT_FOLDER);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().matches("decisions(-[a-z0-9-]+)?\\.jsonl"))
                    .sorted().toList();
        }
    }

    private int verify(Path log) throws IOException {
        AnchorKey key;
        try {
            key = AnchorKey.load(security.resolve(AnchorKey.FILE));
        } catch (IOException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage() + "; give --security");
            return ScoringCommand.EXIT_BAD_INPUT;
        }
        ChainCheck check = AuditLog.verify(log, key);
        if (check.intact()) {
            spec.commandLine().getOut().printf(Locale.ROOT, "%s: %,d records, hash chain intact and as anchored;"
                    + " last line hash %s%n", log, check.lines(), check.head());
            return 0;
        }
        spec.commandLine().getErr().printf(Locale.ROOT, "error: %s: broken at record %,d of %,d: %s%n", log,
                check.firstBadLine(), check.lines(), check.problem());
        return EXIT_BROKEN;
    }

    private int export(Path log) throws IOException {
        if (out == null) {
            Writer stdout = spec.commandLine().getOut();
            long count = write(log, stdout);
            stdout.flush();
            spec.commandLine().getErr().printf(Locale.ROOT, "%,d records since %s%n", count, since);
            return 0;
        }
        Path target = out.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path temporary = target.resolveSibling(target.getFileName() + ".partial");
        long count;
        try {
            try (Writer writer = new BufferedWriter(Files.newBufferedWriter(temporary, StandardCharsets.UTF_8))) {
                count = write(log, writer);
            }
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
        spec.commandLine().getErr().printf(Locale.ROOT, "%,d records since %s written to %s%n", count, since, out);
        return 0;
    }

    private long write(Path log, Writer writer) throws IOException {
        AuditExport export = new AuditExport(writer, format.equals("csv"));
        try {
            AuditLog.read(log, since, export::write);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return export.count();
    }
}
