package fr.pretadepenser.scoring.cli;

import fr.pretadepenser.scoring.auth.AccountException;
import fr.pretadepenser.scoring.auth.UsersFileException;
import fr.pretadepenser.scoring.bench.BenchCommand;
import fr.pretadepenser.scoring.data.InvalidDataException;
import fr.pretadepenser.scoring.logging.LibraryLogs;
import fr.pretadepenser.scoring.model.bundle.BundleIntegrityException;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The {@code scoring} command: entry point of the runnable jar; each job is a subcommand. */
@Command(name = "scoring",
        mixinStandardHelpOptions = true,
        version = "scoring 0.1.0",
        description = "Prêt à dépenser credit scoring: data, features, model, API and dashboard.",
        subcommands = {GenerateCommand.class, IngestCommand.class, FeaturesCommand.class, SelectCommand.class,
                TrainCommand.class,
                PredictCommand.class, DriftCommand.class, ReportCommand.class, ServeCommand.class, HealthCommand.class,
                UsersCommand.class, AuditCommand.class, DemoCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class ScoringCommand implements Runnable {

    /** Exit code for input the user must fix (bad file or value, damaged model bundle, bad account or password). */
    static final int EXIT_BAD_INPUT = 2;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Routes the libraries' logs to the one backend, runs the command line and exits with its code. */
    public static void main(String[] args) {
        LibraryLogs.route();
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, shared by {@link #main} and the tests. */
    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new ScoringCommand());
        commandLine.setExecutionExceptionHandler((error, line, parsed) -> {
            if (error instanceof InvalidDataException || error instanceof BundleIntegrityException
                    || error instanceof AccountException || error instanceof UsersFileException) {
                line.getErr().println("error: " + error.getMessage());
                return EXIT_BAD_INPUT;
            }
            throw error;
        });
        return commandLine;
    }
}
