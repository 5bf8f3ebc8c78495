package fr.pretadepenser.scoring.bench;

import fr.pretadepenser.scoring.model.selection.SelectionResult;
import fr.pretadepenser.scoring.report.SelectionReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code scoring bench select}: the time and peak memory of {@code scoring select} at one size, in a child JVM of
 * its own, with what it found (AUC against features kept, each method's time, the vote's top 30). The data and
 * features are prepared first and not timed, or taken from an existing feature database.
 */
@Command(name = "select", mixinStandardHelpOptions = true,
        description = "Feature selection's time, memory and findings at one size.")
final class BenchSelectCommand implements Callable<Integer> {

    @Mixin
    BenchScratch scratch;

    @Option(names = "--db", paramLabel = "FILE",
            description = "Select on this feature database instead of generating --clients (e.g. Kaggle's).")
    Path existing;

    @Option(names = "--sample", paramLabel = "ROWS", description = "Passed to 'scoring select --sample'.")
    Integer sample;

    @Option(names = "--shuffles", paramLabel = "N", description = "Passed to 'scoring select --shuffles'.")
    Integer shuffles;

    @Override
    public Integer call() throws Exception {
        scratch.empty();
        Path database = existing != null ? existing : scratch.database();
        if (existing == null) {
            System.err.printf("preparing %,d clients (not timed)%n", scratch.clients);
            for (String[] stage : List.of(
                    new String[]{"generate", "--out", scratch.data().toString(), "--clients",
                            String.valueOf(scratch.clients), "--seed", String.valueOf(scratch.seed)},
                    new String[]{"ingest", "--data", scratch.data().toString(), "--db", database.toString()},
                    new String[]{"features", "--db", database.toString()})) {
                StageRun run = StageRun.of(stage);
                if (run.exitCode() != 0) {
                    System.err.println("bench: " + stage[0] + " failed with exit code " + run.exitCode());
                    return run.exitCode();
                }
            }
        }
        Path reports = scratch.dir.resolve("reports");
        List<String> args = new ArrayList<>(List.of("select", "--db", database.toString(), "--out",
                reports.toString(), "--seed", String.valueOf(scratch.seed)));
        if (sample != null) {
            args.addAll(List.of("--sample", String.valueOf(sample)));
        }
        if (shuffles != null) {
            args.addAll(List.of("--shuffles", String.valueOf(shuffles)));
        }
        String loadBefore = Machine.loadAverage();
        // The rows as floats (3.4 KiB a client at 837 features), a fold's copy of the kept columns, the sampled rows
        // and the column blocks of the filters.
        StageRun select = StageRun.of(List.of("-Xmx" + (512 + scratch.clients * 7L / 1024) + "m"), null,
                args.toArray(String[]::new));
        if (select.exitCode() != 0) {
            System.err.println("bench: select failed with exit code " + select.exitCode());
            return select.exitCode();
        }
        SelectionResult r = SelectionResult.read(reports.resolve(SelectionReport.JSON));

        System.out.println();
        System.out.println(Machine.describe());
        System.out.printf(Locale.ROOT, "command: scoring bench select %s--seed %d%s%s; load average %s before, %s"
                        + " after%n%n", existing != null ? "--db " + existing + " " : "--clients " + scratch.clients
                        + " ", scratch.seed, sample == null ? "" : " --sample " + sample,
                shuffles == null ? "" : " --shuffles " + shuffles, loadBefore, Machine.loadAverage());
        System.out.printf(Locale.ROOT, "scoring select: %,d applications, %d features, %d folds, sample %,d rows,"
                        + " %d shuffles: wall %.1f s, peak RSS %,d MiB%n%n", r.rows(), r.candidates(), r.folds(),
                r.sampleRows(), r.nullShuffles(), select.seconds(), select.peakRssMiB());
        System.out.println("| features kept | out-of-fold AUC | fold spread | s per fold | ms per application |");
        System.out.println("|---:|---:|---:|---:|---:|");
        for (SelectionResult.SizeResult s : r.sizes()) {
            System.out.printf(Locale.ROOT, "| %s | %.4f | %.4f | %.1f | %.3f |%n",
                    s.size() == r.candidates() ? s.size() + " (all)" : String.valueOf(s.size()), s.auc(), s.spread(),
                    s.trainSeconds(), s.oneRowMillis());
        }
        System.out.printf(Locale.ROOT, "%nrecommended %d features; null importance passes %.0f%% of them%n",
                r.recommended(), 100 * r.nullAgreement());
        System.out.print("\nmethods' seconds on every row (the last vote):");
        for (String m : r.methods()) {
            System.out.printf(Locale.ROOT, " %s %.1f", m, r.methodSeconds().getOrDefault(m, Double.NaN));
        }
        System.out.println("\n\n| rank | feature | votes | stability | null importance |");
        System.out.println("|---:|---|---:|---:|---|");
        for (SelectionResult.FeatureVerdict f : r.features().subList(0, Math.min(30, r.features().size()))) {
            Boolean passes = f.verdicts().get("null");
            System.out.printf(Locale.ROOT, "| %d | %s | %d | %.0f%% | %s |%n", f.rank(), f.name(), f.votes(),
                    100 * f.stability(), passes == null ? "-" : passes ? "passes" : "fails");
        }
        scratch.cleanUp();
        return 0;
    }
}
