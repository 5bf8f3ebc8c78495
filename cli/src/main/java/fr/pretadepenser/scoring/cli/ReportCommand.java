package fr.pretadepenser.scoring.cli;

import fr.pretadepenser.scoring.model.bundle.ModelBundle;
import fr.pretadepenser.scoring.progress.ConsoleProgress;
import fr.pretadepenser.scoring.report.ExplorationReport;
import fr.pretadepenser.scoring.report.MethodologyReport;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import fr.pretadepenser.scoring.score.Scorer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code scoring report}: documents for the risk committee; {@code report model} is the methodology note,
 * {@code report explore} the exploration report of the ingested data.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write reports for the risk committee.",
        subcommands = {ReportCommand.Model.class, ReportCommand.Explore.class})
final class ReportCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** {@code scoring report model}: the methodology note of a model bundle, as HTML and PDF. */
    @Command(name = "model", mixinStandardHelpOptions = true,
            description = "Methodology note of a model bundle: methodology.html and methodology.pdf.")
    static final class Model implements Callable<Integer> {

        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Option(names = "--model", paramLabel = "DIR", defaultValue = Defaults.MODELS + "/" + ModelBundle.CURRENT,
                description = "The model bundle (default: ${DEFAULT-VALUE}).")
        Path model;

        @Option(names = "--out", paramLabel = "DIR", defaultValue = Defaults.REPORTS,
                description = "Where the note goes (default: ${DEFAULT-VALUE}).")
        Path out;

        @Option(names = "--db", paramLabel = "FILE", defaultValue = Defaults.DATABASE,
                description = "Database with the feature table, for the worked client (default: ${DEFAULT-VALUE}).")
        Path database;

        @Override
        public Integer call() throws Exception {
            // A missing or damaged bundle ends with exit 2 in ScoringCommand's handler, as in every command.
            Scorer scorer = Scorer.load(model);
            if (!Files.isRegularFile(database)) {
                spec.commandLine().getErr().println("note: " + database + " does not exist; the note will have no"
                        + " worked client");
            }
            MethodologyReport.Output written = new MethodologyReport(scorer, HomeCreditSchema.load(), database)
                    .write(out);
            System.out.println("wrote " + written.html() + " and " + written.pdf());
            return 0;
        }
    }

    /** {@code scoring report explore}: the exploration report of the ingested data, as one HTML page. */
    @Command(name = "explore", mixinStandardHelpOptions = true,
            description = "Exploration report of the ingested data: exploration.html (tables, default, anomalies).")
    static final class Explore implements Callable<Integer> {

        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Option(names = "--db", paramLabel = "FILE", defaultValue = Defaults.DATABASE,
                description = "The database written by 'scoring ingest' (default: ${DEFAULT-VALUE}).")
        Path database;

        @Option(names = "--out", paramLabel = "DIR", defaultValue = Defaults.REPORTS,
                description = "Where the report goes (default: ${DEFAULT-VALUE}).")
        Path out;

        @Override
        public Integer call() throws Exception {
            if (!Files.isRegularFile(database)) {
                spec.commandLine().getErr().println("error: " + database + " does not exist; run 'scoring ingest'"
                        + " first or name the database with --db");
                return ScoringCommand.EXIT_BAD_INPUT;
            }
            long start = System.nanoTime();
            Path written = new ExplorationReport(HomeCreditSchema.load(), database)
                    .write(out, new ConsoleProgress(System.err));
            System.out.printf("wrote %s in %.1f s%n", written, (System.nanoTime() - start) / 1e9);
            return 0;
        }
    }
}
