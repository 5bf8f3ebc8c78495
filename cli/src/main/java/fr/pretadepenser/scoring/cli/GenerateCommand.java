package fr.pretadepenser.scoring.cli;

import fr.pretadepenser.scoring.progress.ConsoleProgress;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import fr.pretadepenser.scoring.synthetic.GenerationSummary;
import fr.pretadepenser.scoring.synthetic.GeneratorSettings;
import fr.pretadepenser.scoring.synthetic.SyntheticDataGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code scoring generate}: writes the eight synthetic Home Credit files into a directory. */
@Command(name = "generate",
        mixinStandardHelpOptions = true,
        description = "Write synthetic Kaggle-layout files for N clients (seeded).")
final class GenerateCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory to write the CSV files into.")
    private Path out;

    @Option(names = "--clients", defaultValue = "30000", paramLabel = "N",
            description = "Rows of application_train (application_test gets about 16%% more). Default: ${DEFAULT-VALUE}.")
    private int clients;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "S",
            description = "Random seed; the same seed and N give identical files. Default: ${DEFAULT-VALUE}.")
    private long seed;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (clients < 1) {
            // A usage error, so picocli prints the usage and exits with 2 like any other bad option.
            throw new CommandLine.ParameterException(spec.commandLine(), "--clients must be at least 1, was " + clients);
        }
        GeneratorSettings settings = new GeneratorSettings(clients, seed);
        long start = System.nanoTime();
        GenerationSummary summary = new SyntheticDataGenerator(settings).generate(out, new ConsoleProgress(System.err));
        print(summary, out, (System.nanoTime() - start) / 1e9);
        return 0;
    }

    /** Prints rows and size per table, then the total. */
    static void print(GenerationSummary summary, Path out, double seconds) throws java.io.IOException {
        HomeCreditSchema schema = HomeCreditSchema.load();
        System.out.printf(Locale.ROOT, "%-24s %14s %12s%n", "table", "rows", "MB");
        for (Map.Entry<String, Long> e : summary.rowsPerTable().entrySet()) {
            long size = Files.size(out.resolve(schema.table(e.getKey()).file()));
            System.out.printf(Locale.ROOT, "%-24s %,14d %,12.1f%n", e.getKey(), e.getValue(), size / 1e6);
        }
        System.out.printf(Locale.ROOT, "%-24s %,14d %,12.1f%n", "total", summary.totalRows(),
                summary.bytesWritten() / 1e6);
        System.out.printf(Locale.ROOT, "wrote %s in %.1f s%n", out, seconds);
    }
}
