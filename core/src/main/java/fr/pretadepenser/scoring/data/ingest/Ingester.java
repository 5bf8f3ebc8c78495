package fr.pretadepenser.scoring.data.ingest;

import fr.pretadepenser.scoring.data.DuckDbBudget;
import fr.pretadepenser.scoring.data.InvalidDataException;
import fr.pretadepenser.scoring.progress.Progress;
import fr.pretadepenser.scoring.schema.Column;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import fr.pretadepenser.scoring.schema.KeyRole;
import fr.pretadepenser.scoring.schema.Table;
import org.apache.commons.io.FileUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * Ingests the Kaggle Home Credit files into a DuckDB database.
 *
 * <p>application_train is required, every other file optional (an absent one becomes an empty table, so that
 * later SQL runs unchanged and yields missing features). The database is built in a temporary file beside the
 * target and renamed over it only once every file has loaded and passed its checks: a failed ingest leaves the
 * previous database untouched and no temporary file behind.
 */
public final class Ingester {

    /** The table recording what was ingested from where, read by later stages and reports. */
    public static final String INGEST_LOG = "ingest_log";

    private final HomeCreditSchema schema;
    private final DuckDbBudget budget;
    private final boolean scoring;

    /** An ingester for the given schema (normally {@link HomeCreditSchema#load()}), in the default memory budget. */
    public Ingester(HomeCreditSchema schema) {
        this(schema, DuckDbBudget.DEFAULT);
    }

    /** An ingester for the given schema whose process stays within {@code budget}, DuckDB spilling beyond it. */
    public Ingester(HomeCreditSchema schema, DuckDbBudget budget) {
        this(schema, budget, false);
    }

    private Ingester(HomeCreditSchema schema, DuckDbBudget budget, boolean scoring) {
        this.schema = schema;
        this.budget = budget;
        this.scoring = scoring;
    }

    /**
     * An ingester of applications to score rather than to train on: application_test is the required file and
     * application_train may be absent (it then becomes an empty table, like any absent file).
     */
    public static Ingester forScoring(HomeCreditSchema schema) {
        return new Ingester(schema, DuckDbBudget.DEFAULT, true);
    }

    /**
     * Reads every Home Credit file found at {@code data} into {@code database}.
     *
     * @param data     a folder of {@code .csv} / {@code .csv.gz} files, a folder with the Kaggle zip, or the zip
     * @param database the DuckDB file to (re)create; its folder is created if needed
     * @throws InvalidDataException when a file is missing or does not match the schema (nothing is written)
     */
    public IngestSummary ingest(Path data, Path database, Progress progress) throws IOException, SQLException {
        long start = System.nanoTime();
        Path target = database.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        Path scratch = Files.createTempDirectory(target.getParent(), ".ingest-");
        deleteDatabase(temporary);
        boolean done = false;
        try {
            List<TableReport> reports;
            try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + temporary);
                 Fingerprints fingerprints = new Fingerprints()) {
                SourceLocator locator = new SourceLocator(data, scratch);
                locator.checkExists();
                budget.apply(connection);
                try (Statement statement = connection.createStatement()) {
                    // DuckDB tracks a query's progress only with its progress bar on; we show it ourselves.
                    statement.execute("SET enable_progress_bar = true");
                    statement.execute("SET enable_progress_bar_print = false");
                }
                reports = loadAll(connection, locator, fingerprints, progress);
                checkClientsUniqueAcrossApplications(connection, locator);
                reports = withOrphans(connection, reports);
                writeLog(connection, reports, fingerprints);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("CHECKPOINT");
                }
            }
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.deleteIfExists(target.resolveSibling(target.getFileName() + ".wal"));
            done = true;
            return new IngestSummary(target, reports, (System.nanoTime() - start) / 1e9);
        } finally {
            if (!done) {
                deleteDatabase(temporary);
            }
            FileUtils.deleteDirectory(scratch.toFile());
        }
    }

    private List<TableReport> loadAll(Connection connection, SourceLocator locator, Fingerprints fingerprints,
                                      Progress progress) throws IOException, SQLException {
        TableLoader loader = new TableLoader(connection);
        List<TableReport> reports = new ArrayList<>();
        for (Table table : schema.tables()) {
            long tableStart = System.nanoTime();
            Optional<SourceFile> found = locator.find(table);
            if (found.isEmpty()) {
                boolean required = scoring ? table.name().equals(HomeCreditSchema.APPLICATION_TEST) : table.required();
                if (required) {
                    throw InvalidDataException.forFile(table.file(), locator.searched(table));
                }
                loader.createEmpty(table);
                reports.add(new TableReport(table.name(), null, 0, 0, OptionalDouble.empty(), 0, 0, List.of(),
                        List.of(), 0, 0));
                continue;
            }
            SourceFile source = found.get();
            fingerprints.start(source);
            progress.begin("ingest " + source.displayName(), Math.round(source.bytes() / 1e6), "MB");
            List<String> extras = loader.load(source, progress);
            TableReport report = describe(connection, source, extras, loader.valueWarnings(table),
                    (System.nanoTime() - tableStart) / 1e9);
            progress.end(String.format(Locale.ROOT, "%,d rows, %.0f MB", report.rows(), source.bytes() / 1e6));
            reports.add(report);
        }
        return reports;
    }

    /** Rows, clients, default rate and missing share of a loaded table, in one scan. */
    private TableReport describe(Connection connection, SourceFile source, List<String> extras,
                                 List<String> valueWarnings, double seconds) throws SQLException {
        Table table = source.table();
        List<String> parts = new ArrayList<>();
        parts.add("count(*)");
        parts.add(table.findColumn("SK_ID_CURR").isPresent() ? "count(DISTINCT \"SK_ID_CURR\")" : "0");
        parts.add(table.findColumn("TARGET").isPresent() ? "avg(\"TARGET\")" : "NULL");
        parts.add(table.columns().stream()
                .map(c -> "sum(CASE WHEN " + Sql.quote(c.name()) + " IS NULL THEN 1 ELSE 0 END)")
                .collect(Collectors.joining(" + ")));
        try (Statement statement = connection.createStatement();
             ResultSet r = statement.executeQuery("SELECT " + String.join(", ", parts) + " FROM "
                     + Sql.quote(table.name()))) {
            r.next();
            long rows = r.getLong(1);
            double rate = r.getDouble(3);
            OptionalDouble defaultRate = r.wasNull() ? OptionalDouble.empty() : OptionalDouble.of(rate);
            double missing = rows == 0 ? 0 : r.getLong(4) / ((double) rows * table.columns().size());
            return new TableReport(table.name(), source.displayName(), rows, r.getLong(2), defaultRate, missing, 0,
                    extras, valueWarnings, source.bytes(), seconds);
        }
    }

    /** A client may appear in application_train or application_test, not in both. */
    private void checkClientsUniqueAcrossApplications(Connection connection, SourceLocator locator)
            throws SQLException, IOException {
        Long shared = null;
        try (Statement statement = connection.createStatement();
             ResultSet r = statement.executeQuery("SELECT t.SK_ID_CURR FROM " + HomeCreditSchema.APPLICATION_TEST
                     + " t JOIN " + HomeCreditSchema.APPLICATION_TRAIN + " a ON a.SK_ID_CURR = t.SK_ID_CURR"
                     + " ORDER BY 1 LIMIT 1")) {
            if (r.next()) {
                shared = r.getLong(1);
            }
        }
        if (shared != null) {
            Table test = schema.table(HomeCreditSchema.APPLICATION_TEST);
            SourceFile source = locator.find(test).orElseThrow();
            throw TableLoader.duplicateKey(source, CsvText.header(source).indexOf("SK_ID_CURR"), "SK_ID_CURR",
                    shared);
        }
    }

    /**
     * Counts, per table, the rows whose foreign keys point at nothing. They stay in the table (a feature query
     * simply never joins them) but the user sees how many there are.
     */
    private List<TableReport> withOrphans(Connection connection, List<TableReport> reports) throws SQLException {
        List<TableReport> result = new ArrayList<>();
        for (TableReport report : reports) {
            Table table = schema.table(report.table());
            List<String> missingParents = new ArrayList<>();
            for (Column column : table.columns()) {
                if (column.role() != KeyRole.FOREIGN_KEY) {
                    continue;
                }
                missingParents.add(parentsOf(column).stream()
                        .map(parent -> "NOT EXISTS (SELECT 1 FROM " + Sql.quote(parent) + " p WHERE p."
                                + Sql.quote(referencedColumn(column)) + " = c." + Sql.quote(column.name()) + ")")
                        .collect(Collectors.joining(" AND ", "(", ")")));
            }
            long orphans = 0;
            if (report.present() && !missingParents.isEmpty()) {
                try (Statement statement = connection.createStatement();
                     ResultSet r = statement.executeQuery("SELECT count(*) FROM " + Sql.quote(table.name())
                             + " c WHERE " + String.join(" OR ", missingParents))) {
                    r.next();
                    orphans = r.getLong(1);
                }
            }
            result.add(new TableReport(report.table(), report.source(), report.rows(), report.clients(),
                    report.defaultRate(), report.missingShare(), orphans, report.extraColumns(),
                    report.valueWarnings(), report.bytes(), report.seconds()));
        }
        return result;
    }

    /** The tables a foreign key may point into: "application" means either application file. */
    private static List<String> parentsOf(Column column) {
        String table = column.references().substring(0, column.references().indexOf('.'));
        return table.equals("application")
                ? List.of(HomeCreditSchema.APPLICATION_TRAIN, HomeCreditSchema.APPLICATION_TEST)
                : List.of(table);
    }

    private static String referencedColumn(Column column) {
        return column.references().substring(column.references().indexOf('.') + 1);
    }

    private void writeLog(Connection connection, List<TableReport> reports, Fingerprints fingerprints)
            throws SQLException, IOException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE " + INGEST_LOG + " (table_name VARCHAR, source VARCHAR, present BOOLEAN,"
                    + " row_count BIGINT, bytes BIGINT, sha256 VARCHAR, orphan_rows BIGINT, extra_columns VARCHAR,"
                    + " seconds DOUBLE, ingested_at TIMESTAMP)");
        }
        try (var insert = connection.prepareStatement("INSERT INTO " + INGEST_LOG
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, current_timestamp)")) {
            for (TableReport report : reports) {
                insert.setString(1, report.table());
                insert.setString(2, report.source());
                insert.setBoolean(3, report.present());
                insert.setLong(4, report.rows());
                insert.setLong(5, report.bytes());
                insert.setString(6, report.present() ? fingerprints.sha256(report.table()) : null);
                insert.setLong(7, report.orphanRows());
                insert.setString(8, String.join(",", report.extraColumns()));
                insert.setDouble(9, report.seconds());
                insert.executeUpdate();
            }
        }
    }

    private static void deleteDatabase(Path file) throws IOException {
        Files.deleteIfExists(file);
        Files.deleteIfExists(file.resolveSibling(file.getFileName() + ".wal"));
    }
}
