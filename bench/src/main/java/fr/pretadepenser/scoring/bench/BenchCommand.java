package fr.pretadepenser.scoring.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine;

/** {@code scoring bench}: measures the product's stages; each benchmark is a subcommand. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure speed and memory: bench data, bench features, bench model, bench baseline, bench api.",
        subcommands = {BenchDataCommand.class, BenchFeaturesCommand.class, BenchModelCommand.class,
                BenchBaselineCommand.class, BenchApiCommand.class, BenchSelectCommand.class,
                BenchGroupsCommand.class, BenchTransferCommand.class})
public final class BenchCommand implements Runnable {

    /**
     * The {@code scoring} command's main class, which the benchmarks start in child JVMs, by name: the runnable jar
     * (module cli) carries the benchmarks, so this module cannot refer to the class. A cli test checks the name.
     */
    public static final String SCORING_MAIN = "fr.pretadepenser.scoring.cli.ScoringCommand";

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
