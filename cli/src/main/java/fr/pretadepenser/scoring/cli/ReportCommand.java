package fr.pretadepenser.scoring.cli;

import fr.pretadepenser.scoring.drift.DriftAnalysis;
import fr.pretadepenser.scoring.drift.DriftReport;
import fr.pretadepenser.scoring.drift.DriftStatus;
import fr.pretadepenser.scoring.explain.Language;
import fr.pretadepenser.scoring.model.bundle.ModelBundle;
import fr.pretadepenser.scoring.progress.ConsoleProgress;
import fr.pretadepenser.scoring.report.DeckInputs;
import fr.pretadepenser.scoring.report.DeckReport;
import fr.pretadepenser.scoring.report.ExplorationReport;
import fr.pretadepenser.scoring.report.MethodologyReport;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import fr.pretadepenser.scoring.score.Scorer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code scoring report}: documents for the risk committee; {@code report model} is the methodology note,
 * {@code report explore} the exploration report of the ingested data, {@code report deck} the presentation deck.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write reports for the risk committee.",
        subcommands = {ReportCommand.Model.class, ReportCommand.Explore.class, ReportCommand.Deck.class})
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
    /** {@code scoring report deck}: the committee's presentation deck of a model bundle, as HTML and PDF. */
    @Command(name = "deck", mixinStandardHelpOptions = true,
            description = "Presentation deck for the risk committee: deck.html (slides) and deck.pdf (one slide a"
                    + " page), from the model bundle, the database, the latest drift report and the dashboard's"
                    + " screenshots.")
    static final class Deck implements Callable<Integer> {

        /** Variables of the drift report shown on its slide. */
        private static final int DRIFT_ROWS = 5;

        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Option(names = "--model", paramLabel = "DIR", defaultValue = Defaults.MODELS + "/" + ModelBundle.CURRENT,
                description = "The model bundle (default: ${DEFAULT-VALUE}).")
        Path model;

        @Option(names = "--db", paramLabel = "FILE", defaultValue = Defaults.DATABASE,
                description = "The database the model was trained on: volumes, findings, example clients"
                        + " (default: ${DEFAULT-VALUE}).")
        Path database;

        @Option(names = "--out", paramLabel = "DIR", defaultValue = Defaults.REPORTS,
                description = "Where the deck goes; its drift.json, if any, is the drift slide's (default:"
                        + " ${DEFAULT-VALUE}).")
        Path out;

        @Option(names = "--lang", paramLabel = "fr|en", defaultValue = "fr",
                description = "The deck's language (default: ${DEFAULT-VALUE}).")
        String lang;

        @Option(names = "--screenshots", paramLabel = "DIR", defaultValue = Defaults.SCREENSHOTS,
                description = "The dashboard's screenshots written by the browser tests; the slide says so when"
                        + " they are absent (default: ${DEFAULT-VALUE}).")
        Path screenshots;

        @Override
        public Integer call() throws Exception {
            if (!lang.equals("fr") && !lang.equals("en")) {
                spec.commandLine().getErr().println("error: --lang: expected fr or en, got '" + lang + "'");
                return ScoringCommand.EXIT_BAD_INPUT;
            }
            // A missing or damaged bundle ends with exit 2 in ScoringCommand's handler, as in every command.
            Scorer scorer = Scorer.load(model);
            if (!Files.isRegularFile(database)) {
                spec.commandLine().getErr().println("note: " + database + " does not exist; the deck will have no"
                        + " volumes, findings or example clients");
            }
            Optional<DeckInputs.Drift> drift;
            try {
                drift = drift(out);
            } catch (IOException e) {
                spec.commandLine().getErr().println("error: " + out.resolve(DriftAnalysis.JSON) + " is not a drift"
                        + " report this version can read ("
                        + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + ");"
                        + " write it again with 'scoring drift' or move it away");
                return ScoringCommand.EXIT_BAD_INPUT;
            }
            long start = System.nanoTime();
            DeckReport.Output written = new DeckReport(scorer, HomeCreditSchema.load(), new DeckInputs(database,
                    drift, screenshots, Language.of(lang))).write(out);
            if (!written.unreadable().isEmpty()) {
                spec.commandLine().getErr().println("note: " + database + " could not be read (" + written.unreadable()
                        + "); the deck has no volumes, findings or example clients");
            }
            System.out.printf(Locale.ROOT, "wrote %s and %s (%d slides) in %.1f s%n", written.html(), written.pdf(),
                    written.slides().size(), (System.nanoTime() - start) / 1e9);
            return 0;
        }

        /** Writes the deck of {@code scorer}'s bundle into {@code out}, reading its drift.json when there is one. */
        static DeckReport.Output write(Scorer scorer, Path database, Path out, Language language, Path screenshots)
                throws IOException {
            return new DeckReport(scorer, HomeCreditSchema.load(), new DeckInputs(database, drift(out), screenshots,
                    language)).write(out);
        }

        /** The figures of {@code out}'s drift.json, if there is one. */
        private static Optional<DeckInputs.Drift> drift(Path out) throws IOException {
            Path driftJson = out.resolve(DriftAnalysis.JSON);
            Optional<DeckInputs.Drift> drift = Optional.empty();
            if (Files.isRegularFile(driftJson)) {
                DriftReport report = DriftAnalysis.read(driftJson);
                List<DeckInputs.Moved> moved = report.variables().stream()
                        .sorted(Comparator.comparingDouble(DriftReport.VariableDrift::psi).reversed())
                        .limit(DRIFT_ROWS).map(v -> new DeckInputs.Moved(v.table(), v.variable(), v.psi(),
                                v.status().name())).toList();
                long drifted = report.variables().stream().filter(v -> v.status() == DriftStatus.DRIFTED).count();
                drift = Optional.of(new DeckInputs.Drift(report.current(), report.rows(), report.scorePsi(),
                        report.scoreStatus().name(), drifted, moved));
            }
            return drift;
        }
    }
}
