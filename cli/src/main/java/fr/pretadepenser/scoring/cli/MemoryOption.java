package fr.pretadepenser.scoring.cli;

import fr.pretadepenser.scoring.data.DuckDbBudget;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The {@code --memory} option of the commands that run DuckDB over the whole data set (a picocli mixin). */
final class MemoryOption {

    @Option(names = "--memory", paramLabel = "SIZE", defaultValue = "3GiB",
            description = "Memory budget of the whole process, e.g. 3GiB or 2500MiB; DuckDB spills to disk"
                    + " beyond it (default: ${DEFAULT-VALUE}, at least 2GiB).")
    String memory;

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    private CommandLine.Model.CommandSpec spec;

    /** The budget, or a usage error naming the option. */
    DuckDbBudget budget() {
        try {
            return DuckDbBudget.parse(memory);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--memory: " + e.getMessage());
        }
    }
}
