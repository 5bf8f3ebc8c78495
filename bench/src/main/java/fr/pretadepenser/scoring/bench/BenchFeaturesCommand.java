package fr.pretadepenser.scoring.bench;

import fr.pretadepenser.scoring.data.Application;
import fr.pretadepenser.scoring.data.ClientRecords;
import fr.pretadepenser.scoring.features.DuckDbClientRecords;
import fr.pretadepenser.scoring.features.OnlineFeatureBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code scoring bench features}: CSV to feature table (ingest, then the batch feature build: time per SQL file,
 * total, peak memory of each), optionally beside the Python peer on the same files in the same run, and the online
 * builder's latency for one client.
 *
 * <p>The data is generated first (not timed), or taken from {@code --data}. Ingest and the feature build each run
 * in a child JVM of its own so that its peak resident memory is its alone; so does the peer ({@code --peer}), after
 * them, on the same files, its output thrown away with the scratch folder. The files are read once before any of
 * them, so that none pays the disk for the others. The online latency is measured in this JVM after a warm-up, one
 * call at a time: (a) a stored client's application with AMT_INCOME_TOTAL edited, (b) a new application sent with
 * a typical history, taken from the real clients whose history sizes are closest to it. With {@code --floor}, the
 * least any ingest into DuckDB takes on the same files ({@link BareLoad}) is timed too, before the peer.
 */
@Command(name = "features", mixinStandardHelpOptions = true,
        description = "Feature build time and memory; online feature latency.")
final class BenchFeaturesCommand implements Callable<Integer> {

    /** The typical history of case (b): bureau, bureau_balance, previous, POS, installments, credit card rows. */
    private static final int[] TYPICAL = {5, 80, 5, 30, 45, 12};

    /** The peer runs on Debian's Python, where its pandas and numpy are installed. */
    private static final String PYTHON = "/usr/bin/python3";

    private static final String PEER_STAGE = "peer";

    private static final Pattern STAGE_LINE = Pattern.compile("^(\\w+)\\s+(\\d*)\\s+([\\d.]+)%\\s+([\\d.]+)$");

    @Mixin
    BenchScratch scratch;

    @Option(names = "--calls", defaultValue = "10000",
            description = "Online calls measured per case, after as many warm-up calls up to 1000; 0 leaves the online"
                    + " latency out (default: ${DEFAULT-VALUE}).")
    int calls;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Measure these Kaggle files (a folder of .csv) instead of generating --clients.")
    Path existing;

    @Option(names = "--peer", paramLabel = "FILE",
            description = "Also run the Python peer (peer_features.py, with " + PYTHON + ") on the same files, after"
                    + " the product, and print the ratio.")
    Path peer;

    @Option(names = "--floor",
            description = "Also time DuckDB loading the same files with nothing else (a table per file, types sniffed,"
                    + " no checks, no features): the least any ingest into DuckDB takes on this machine.")
    boolean floor;

    @Option(names = "--memory", defaultValue = "3GiB", paramLabel = "SIZE",
            description = "Memory budget given to ingest and features (default: ${DEFAULT-VALUE}).")
    String memory;

    @Override
    public Integer call() throws Exception {
        Path data = existing != null ? existing : scratch.data();
        Path database = scratch.database();
        scratch.empty();
        if (existing == null) {
            StageRun generate = StageRun.of("generate", "--out", data.toString(), "--clients",
                    String.valueOf(scratch.clients), "--seed", String.valueOf(scratch.seed));
            if (generate.exitCode() != 0) {
                System.err.println("bench: generate failed with exit code " + generate.exitCode());
                return generate.exitCode();
            }
        }
        readOnce(data);
        String loadBefore = Machine.loadAverage();
        StageRun ingest = StageRun.of("ingest", "--data", data.toString(), "--db", database.toString(),
                "--memory", memory);
        if (ingest.exitCode() != 0) {
            System.err.println("bench: ingest failed with exit code " + ingest.exitCode());
            return ingest.exitCode();
        }
        Path summary = scratch.dir.resolve("features.out");
        StageRun build = StageRun.of(summary, "features", "--db", database.toString(), "--memory", memory);
        if (build.exitCode() != 0) {
            System.err.println("bench: features failed with exit code " + build.exitCode());
            return build.exitCode();
        }
        BareLoad bare = floor ? BareLoad.of(data, scratch.dir.resolve("bare.duckdb"), memory) : null;
        StageRun peerRun = null;
        if (peer != null) {
            peerRun = StageRun.ofProcess(PEER_STAGE, scratch.dir.resolve("peer.out"), List.of(PYTHON,
                    peer.toString(), "--data", data.toString(), "--out", scratch.dir.resolve("peer.pkl").toString()));
            if (peerRun.exitCode() != 0) {
                System.err.println("bench: the peer failed with exit code " + peerRun.exitCode());
                return peerRun.exitCode();
            }
        }
        String loadAfter = Machine.loadAverage();
        List<String[]> stages = new ArrayList<>();
        String rowsLine = "";
        for (String line : Files.readAllLines(summary)) {
            Matcher m = STAGE_LINE.matcher(line.trim());
            if (m.matches()) {
                stages.add(new String[]{m.group(1), m.group(2), m.group(4)});
            } else if (line.contains(" rows x ")) {
                rowsLine = line.trim();
            }
        }

        Latency edited = null;
        Latency fresh = null;
        Properties readOnly = new Properties();
        readOnly.setProperty("duckdb.read_only", "true");
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + database.toAbsolutePath(), readOnly);
             OnlineFeatureBuilder builder = calls == 0 ? null : OnlineFeatureBuilder.over(connection)) {
            if (builder != null) {
            DuckDbClientRecords reader = new DuckDbClientRecords(connection);
            List<ClientRecords> typical = new ArrayList<>();
            for (long id : typicalClients(connection)) {
                typical.add(reader.read(id));
            }
            List<Application> edits = new ArrayList<>();
            for (ClientRecords client : typical) {
                Application application = client.application();
                Object income = application.get("AMT_INCOME_TOTAL");
                edits.add(application.with("AMT_INCOME_TOTAL",
                        income instanceof Number n ? n.doubleValue() * 1.1 : 100_000.0));
            }
            edited = measure(builder, i -> ClientRecords.edited(edits.get(i % edits.size())), 0);
            double rows = typical.stream().mapToInt(c -> c.history().orElseThrow().size()).average().orElse(0);
            fresh = measure(builder, i -> typical.get(i % typical.size()), rows);
            }
        }

        System.out.println();
        System.out.println(Machine.describe());
        System.out.printf(Locale.ROOT, "command: scoring bench features %s--calls %d --memory %s%s%s%n",
                existing != null ? "--data " + existing + " "
                        : String.format(Locale.ROOT, "--clients %d --seed %d ", scratch.clients, scratch.seed),
                calls, memory, floor ? " --floor" : "", peer != null ? " --peer " + peer : "");
        System.out.printf(Locale.ROOT, "load average (1, 5, 15 min): %s before, %s after%n%n", loadBefore, loadAfter);
        System.out.println("| CSV -> feature table | wall s | peak RSS MiB |");
        System.out.println("|---|---:|---:|");
        double total = ingest.seconds() + build.seconds();
        System.out.printf(Locale.ROOT, "| ingest | %.1f | %s |%n", ingest.seconds(), mib(ingest));
        System.out.printf(Locale.ROOT, "| features | %.1f | %s |%n", build.seconds(), mib(build));
        System.out.printf(Locale.ROOT, "| **ingest + features** | %.1f | %s |%n", total,
                mib(new StageRun("both", 0, total, Math.max(ingest.peakRssMiB(), build.peakRssMiB()))));
        if (bare != null) {
            System.out.printf(Locale.ROOT, "| floor: DuckDB's bare load of the files (%,d rows; no checks, no"
                    + " features) | %.1f | - |%n", bare.rows(), bare.seconds());
        }
        if (peerRun != null) {
            System.out.printf(Locale.ROOT, "| peer (%s, pandas) | %.1f | %s |%n", peer.getFileName(),
                    peerRun.seconds(), mib(peerRun));
            System.out.println();
            System.out.printf(Locale.ROOT, "speed: %.2fx the peer's (peer %.1f s / product %.1f s, same files, same"
                    + " run)%n", peerRun.seconds() / total, peerRun.seconds(), total);
            if (bare != null) {
                System.out.printf(Locale.ROOT, "floor: the bare load alone is %.2fx the peer's time (%.1f s / %.1f"
                        + " s); at most %.2fx the peer's speed for any ingest into DuckDB here, features not"
                        + " counted%n", bare.seconds() / peerRun.seconds(), bare.seconds(), peerRun.seconds(),
                        peerRun.seconds() / bare.seconds());
            }
            for (String line : Files.readAllLines(scratch.dir.resolve("peer.out"))) {
                if (line.startsWith("rows ") || line.startsWith("time: ")) {
                    System.out.println("peer: " + line.trim());
                }
            }
        }
        System.out.println();
        System.out.println("| batch stage | features | seconds |");
        System.out.println("|---|---:|---:|");
        for (String[] stage : stages) {
            System.out.printf(Locale.ROOT, "| %s | %s | %s |%n", stage[0], stage[1], stage[2]);
        }
        System.out.printf(Locale.ROOT, "| **total** (child JVM wall, peak RSS %s MiB) | | %.1f |%n",
                build.peakRssMiB() < 0 ? "n/a" : String.format(Locale.ROOT, "%,d", build.peakRssMiB()),
                build.seconds());
        System.out.println();
        System.out.println(rowsLine);
        if (edited == null) {
            scratch.cleanUp();
            return 0;
        }
        System.out.println();
        System.out.println("| online case | history rows | calls | median ms | p99 ms |");
        System.out.println("|---|---:|---:|---:|---:|");
        System.out.printf(Locale.ROOT, "| (a) edited application, stored side features | %s | %,d | %.2f | %.2f |%n",
                "-", calls, edited.median(), edited.p99());
        System.out.printf(Locale.ROOT, "| (b) new application with its history | %.0f | %,d | %.2f | %.2f |%n",
                fresh.rows(), calls, fresh.median(), fresh.p99());
        scratch.cleanUp();
        return 0;
    }

    private static String mib(StageRun run) {
        return run.peakRssMiB() < 0 ? "n/a" : String.format(Locale.ROOT, "%,d", run.peakRssMiB());
    }

    /** Reads every file once, so that the stages measured after find them in the page cache alike. */
    private static void readOnce(Path data) throws IOException {
        byte[] buffer = new byte[1 << 20];
        try (Stream<Path> files = Files.list(data)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    while (in.read(buffer) >= 0) {
                        // only the reading matters
                    }
                }
            }
        }
    }

    private Latency measure(OnlineFeatureBuilder builder, IntFunction<ClientRecords> records, double rows) {
        for (int i = 0; i < Math.min(calls, 1000); i++) {
            builder.forClient(records.apply(i));
        }
        long[] nanos = new long[calls];
        for (int i = 0; i < calls; i++) {
            ClientRecords client = records.apply(i);
            long start = System.nanoTime();
            builder.forClient(client);
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        return new Latency(nanos[calls / 2] / 1e6, nanos[Math.min(calls - 1, (int) Math.ceil(calls * 0.99) - 1)] / 1e6,
                rows);
    }

    /** The 50 training clients whose history sizes are closest to {@link #TYPICAL} (relative distance). */
    private static List<Long> typicalClients(Connection connection) throws Exception {
        String[] counts = {
                "SELECT SK_ID_CURR, count(*) AS n FROM bureau GROUP BY SK_ID_CURR",
                "SELECT b.SK_ID_CURR, count(*) AS n FROM bureau_balance x JOIN bureau b ON b.SK_ID_BUREAU = x.SK_ID_BUREAU"
                        + " GROUP BY b.SK_ID_CURR",
                "SELECT SK_ID_CURR, count(*) AS n FROM previous_application GROUP BY SK_ID_CURR",
                "SELECT SK_ID_CURR, count(*) AS n FROM POS_CASH_balance GROUP BY SK_ID_CURR",
                "SELECT SK_ID_CURR, count(*) AS n FROM installments_payments GROUP BY SK_ID_CURR",
                "SELECT SK_ID_CURR, count(*) AS n FROM credit_card_balance GROUP BY SK_ID_CURR"};
        StringBuilder sql = new StringBuilder("SELECT a.SK_ID_CURR FROM application_train a");
        StringBuilder distance = new StringBuilder("0");
        for (int t = 0; t < counts.length; t++) {
            sql.append(" LEFT JOIN (").append(counts[t]).append(") t").append(t)
                    .append(" ON t").append(t).append(".SK_ID_CURR = a.SK_ID_CURR");
            distance.append(" + abs(coalesce(t").append(t).append(".n, 0) - ").append(TYPICAL[t]).append(") / ")
                    .append(TYPICAL[t]).append(".0");
        }
        sql.append(" ORDER BY ").append(distance).append(", a.SK_ID_CURR LIMIT 50");
        List<Long> ids = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(sql.toString())) {
            while (r.next()) {
                ids.add(r.getLong(1));
            }
        }
        return ids;
    }

    private record Latency(double median, double p99, double rows) {
    }
}
