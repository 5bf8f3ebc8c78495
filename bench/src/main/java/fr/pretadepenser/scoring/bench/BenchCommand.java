package fr.pretadepenser.scoring.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code scoring bench}: measures the product's stages; each benchmark is a subcommand. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure speed and memory: bench data, bench features, bench model.",
        subcommands = {BenchDataCommand.class, BenchFeaturesCommand.class, BenchModelCommand.class, BenchApiCommand.class})
final class BenchCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
