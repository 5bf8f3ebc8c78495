package fr.pretadepenser.scoring.cli;

import fr.pretadepenser.scoring.data.DuckDbBudget;
import fr.pretadepenser.scoring.data.ingest.IngestSummary;
import fr.pretadepenser.scoring.data.ingest.Ingester;
import fr.pretadepenser.scoring.data.ingest.TableReport;
import fr.pretadepenser.scoring.progress.ConsoleProgress;
import fr.pretadepenser.scoring.progress.ResidentMemory;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code scoring ingest}: loads the Kaggle files into the DuckDB database, validated, all or nothing. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "Load Kaggle CSV files (folder, .gz or zip) into DuckDB, validated.")
final class IngestCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, paramLabel = "DIR",
            description = "Folder with the Kaggle files (.csv or .csv.gz), or home-credit-default-risk.zip.")
    Path data;

    @Option(names = "--db", paramLabel = "FILE", defaultValue = Defaults.DATABASE,
            description = "DuckDB database to (re)create (default: ${DEFAULT-VALUE}).")
    Path database;

    @Mixin
    MemoryOption memory;

    @Override
    public Integer call() throws Exception {
        DuckDbBudget budget = memory.budget();
        System.err.println("Ingesting " + data + " into " + database + " (memory budget " + budget + ")");
        IngestSummary summary = new Ingester(HomeCreditSchema.load(), budget)
                .ingest(data, database, new ConsoleProgress(System.err));
        print(summary);
        return 0;
    }

    static void print(IngestSummary summary) {
        System.out.println();
        System.out.printf(Locale.ROOT, "%-24s %12s %9s %8s %8s %9s %9s %8s%n",
                "table", "rows", "clients", "default", "missing", "orphans", "MB", "MB/s");
        for (TableReport t : summary.tables()) {
            if (!t.present()) {
                System.out.printf(Locale.ROOT, "%-24s %12s%n", t.table(), "absent: empty table, features missing");
                continue;
            }
            System.out.printf(Locale.ROOT, "%-24s %,12d %9s %8s %7.1f%% %,9d %9.1f %8.1f%n",
                    t.table(), t.rows(), t.clients() > 0 ? String.format(Locale.ROOT, "%,d", t.clients()) : "",
                    t.defaultRate().isPresent() ? String.format(Locale.ROOT, "%.2f%%", 100 * t.defaultRate().getAsDouble()) : "",
                    100 * t.missingShare(), t.orphanRows(), t.bytes() / 1e6,
                    t.bytes() / 1e6 / Math.max(t.seconds(), 1e-3));
        }
        for (TableReport t : summary.tables()) {
            if (!t.extraColumns().isEmpty()) {
                System.out.println("note: " + t.source() + " has columns the schema does not know, ignored: "
                        + String.join(", ", t.extraColumns()));
            }
            if (t.orphanRows() > 0) {
                System.out.printf(Locale.ROOT, "note: %s has %,d rows whose key points at no known client or credit;"
                        + " kept, never joined to a client%n", t.source(), t.orphanRows());
            }
            for (String warning : t.valueWarnings()) {
                System.out.println("note: " + t.source() + ", " + warning + "; kept and scored");
            }
        }
        System.out.printf(Locale.ROOT, "%nIngested %,d rows into %s in %.1f s%n",
                summary.totalRows(), summary.database(), summary.seconds());
        ResidentMemory.peakLine().ifPresent(System.out::println);
    }
}
