package fr.pretadepenser.scoring.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.pretadepenser.scoring.explain.Language;
import fr.pretadepenser.scoring.explain.VariableLabels;
import fr.pretadepenser.scoring.features.FeatureRows;
import fr.pretadepenser.scoring.model.bundle.BundleManifest;
import fr.pretadepenser.scoring.model.bundle.ModelBundle;
import fr.pretadepenser.scoring.model.training.TrainingSet;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import fr.pretadepenser.scoring.score.Scorer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code scoring bench model}: what training costs and what the side tables add, at one size; then the latency of
 * scoring and explaining one application with the trained bundle. Data and features are prepared first and not
 * timed; each training runs in a child JVM of its own so that its peak memory is its own.
 */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = "Training time, memory, CV AUC with/without side tables, latency.")
final class BenchModelCommand implements Callable<Integer> {

    @Mixin
    BenchScratch scratch;

    @Option(names = "--trials", defaultValue = "1", description = "Search trials (default: ${DEFAULT-VALUE}).")
    int trials;

    @Option(names = "--folds", defaultValue = "5", description = "Folds (default: ${DEFAULT-VALUE}).")
    int folds;

    @Option(names = "--calls", defaultValue = "1000",
            description = "Single-application calls timed after warm-up (default: ${DEFAULT-VALUE}).")
    int calls;

    @Option(names = "--peer", paramLabel = "DIR",
            description = "Folder of the Python peer (peer_features.py, peer_train.py): also trains it on the same"
                    + " generated files, in the same run, and prints its figures beside the product's.")
    Path peer;

    @Option(names = "--python", defaultValue = "/usr/bin/python3",
            description = "Python that runs the peer (default: ${DEFAULT-VALUE}).")
    String python;

    /** Training rows kept by the latency run for the TreeSHAP pass. */
    private final List<float[]> sampleRows = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        scratch.empty();
        Path data = scratch.data();
        Path database = scratch.database();
        System.err.printf("preparing %,d clients (not timed)%n", scratch.clients);
        scratch.prepareFeatures();

        PeerRun peerRun = peer == null ? null : peer(data);
        StageRun all = train(database, scratch.dir.resolve("models-all"), false);
        StageRun application = train(database, scratch.dir.resolve("models-application"), true);
        if (all.exitCode() != 0 || application.exitCode() != 0 || (peerRun != null && peerRun.run().exitCode() != 0)) {
            System.err.println("bench: training failed");
            return 1;
        }
        ModelBundle bundle = ModelBundle.load(scratch.dir.resolve("models-all").resolve(ModelBundle.CURRENT));
        BundleManifest withSides = bundle.manifest();
        BundleManifest applicationOnly = ModelBundle.load(scratch.dir.resolve("models-application")
                .resolve(ModelBundle.CURRENT)).manifest();
        double[] latency = latency(database, bundle);
        String treeShap = TreeShapPass.measure(bundle, sampleRows, calls);

        System.out.println();
        System.out.println(Machine.describe());
        System.out.printf(Locale.ROOT, "command: scoring bench model --clients %d --trials %d --folds %d --seed %d%n%n",
                scratch.clients, trials, folds, scratch.seed);
        System.out.println("| features | CV ROC AUC | s per fold (search) | training wall s | peak RSS MiB |");
        System.out.println("|---|---:|---:|---:|---:|");
        row("all tables", withSides, all);
        row("application only", applicationOnly, application);
        if (peerRun != null) {
            System.out.printf(Locale.ROOT, "| Python peer (peer_train.py, 5-fold CV + refit): %d | %.4f (out-of-fold)"
                            + " | %.1f | %.1f | %,d |%n", peerRun.features(), peerRun.outOfFoldAuc(),
                    peerRun.foldSeconds(), peerRun.run().seconds(), peerRun.run().peakRssMiB());
            System.out.printf(Locale.ROOT, "%nproduct / peer, same run: wall %.2fx, peak RSS %.2fx; out-of-fold ROC AUC"
                            + " %.4f against %.4f%n", all.seconds() / peerRun.run().seconds(),
                    all.peakRssMiB() / (double) peerRun.run().peakRssMiB(), withSides.model().rocAuc(),
                    peerRun.outOfFoldAuc());
        }
        System.out.printf(Locale.ROOT, "%nOne application, scored and explained (%d calls after warm-up):"
                + " median %.2f ms, p99 %.2f ms%n%n%s", calls, latency[0], latency[1], treeShap);
        scratch.cleanUp();
        return 0;
    }

    /**
     * The peer's figures: its training's wall time and peak memory, its out-of-fold AUC and mean fold seconds from
     * the meta.json it writes.
     */
    private record PeerRun(StageRun run, int features, double outOfFoldAuc, double foldSeconds) {
    }

    /** Builds the peer's feature table (not timed), then times its training on it. */
    private PeerRun peer(Path data) throws Exception {
        Path table = scratch.dir.resolve("peer-features.pkl");
        Path out = scratch.dir.resolve("peer-model");
        System.err.println("preparing the peer's features (not timed)");
        StageRun features = StageRun.ofProcess("peer features", null, List.of(python,
                peer.resolve("peer_features.py").toString(), "--data", data.toString(), "--out", table.toString()));
        if (features.exitCode() != 0) {
            return new PeerRun(features, 0, Double.NaN, Double.NaN);
        }
        StageRun run = StageRun.ofProcess("peer train", null, List.of(python,
                peer.resolve("peer_train.py").toString(), "--features", table.toString(), "--out", out.toString(),
                "--folds", String.valueOf(folds), "--seed", String.valueOf(scratch.seed)));
        if (run.exitCode() != 0) {
            return new PeerRun(run, 0, Double.NaN, Double.NaN);
        }
        JsonNode meta = new ObjectMapper().readTree(out.resolve("meta.json").toFile());
        double foldSeconds = 0;
        for (JsonNode fold : meta.get("folds")) {
            foldSeconds += fold.get("seconds").asDouble();
        }
        return new PeerRun(run, meta.get("n_features").asInt(), meta.get("oof_auc").asDouble(),
                foldSeconds / meta.get("folds").size());
    }

    /**
     * The training's heap: room for its rows as floats and for what it builds around them (512 MiB and 5 KiB per
     * client: 660 MiB at 30,000 clients, 2 GiB at Kaggle size), so that the peak memory is the data's, not an
     * unused heap's.
     */
    private List<String> heap() {
        return List.of("-Xmx" + (512 + scratch.clients * 5L / 1024) + "m");
    }

    private StageRun train(Path database, Path models, boolean applicationOnly) throws Exception {
        String[] args = {"train", "--db", database.toString(), "--models", models.toString(), "--trials",
                String.valueOf(trials), "--folds", String.valueOf(folds), "--seed", String.valueOf(scratch.seed)};
        if (applicationOnly) {
            args = Arrays.copyOf(args, args.length + 1);
            args[args.length - 1] = "--application-only";
        }
        return StageRun.of(heap(), null, args);
    }

    private void row(String name, BundleManifest m, StageRun run) {
        double foldSeconds = m.search().stream().mapToDouble(BundleManifest.SearchTrial::seconds).sum()
                / (m.search().size() * (double) folds);
        System.out.printf(Locale.ROOT, "| %s: %d | %.4f ± %.4f | %.1f | %.1f | %,d |%n", name, m.featureCount(),
                m.model().rocAuc(), m.model().aucSpread(), foldSeconds, run.seconds(), run.peakRssMiB());
    }

    /** Median and p99 milliseconds of scoring one training application at a time, explanation and reasons. */
    private double[] latency(Path database, ModelBundle bundle) throws Exception {
        TrainingSet rows;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + database.toAbsolutePath())) {
            rows = TrainingSet.read(c, bundle.features());
        }
        Scorer scorer = new Scorer(bundle, new VariableLabels(HomeCreditSchema.load()));
        int width = rows.columns();
        for (int i = 0; i < Math.min(500, rows.rows()); i++) {
            sampleRows.add(Arrays.copyOfRange(rows.values(), i * width, (i + 1) * width));
        }
        float[] one = new float[width];
        int warmUp = Math.min(200, calls);
        double[] millis = new double[calls];
        for (int i = 0; i < warmUp + calls; i++) {
            System.arraycopy(rows.values(), (i % rows.rows()) * width, one, 0, width);
            long start = System.nanoTime();
            scorer.score(FeatureRows.unlabelled(new long[1], one, width), Language.EN);
            if (i >= warmUp) {
                millis[i - warmUp] = (System.nanoTime() - start) / 1e6;
            }
        }
        Arrays.sort(millis);
        return new double[]{millis[calls / 2], millis[(int) Math.min(calls - 1, Math.ceil(calls * 0.99) - 1)]};
    }
}
