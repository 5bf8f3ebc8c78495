package fr.pretadepenser.scoring.report;

import fr.pretadepenser.scoring.progress.Progress;
import fr.pretadepenser.scoring.schema.Column;
import fr.pretadepenser.scoring.schema.ColumnType;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import fr.pretadepenser.scoring.schema.KeyRole;
import fr.pretadepenser.scoring.schema.Table;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import static fr.pretadepenser.scoring.report.SqlRows.quote;

/**
 * The exploration report of the ingested Home Credit data: each table's size, missing values, distributions and
 * categories; default rates by category and decile and the variables most associated with default; the anomalies
 * found (365243 placeholder, impossible values, outliers, duplicated rows, orphan keys). One self-contained XHTML
 * page, charts as inline SVG.
 *
 * <p>Every figure is an aggregate computed by SQL in the database (DuckDB): no table is read into Java.
 */
public final class ExplorationReport {

    /** The file name of the report. */
    public static final String HTML = "exploration.html";

    private static final String TRAIN = HomeCreditSchema.APPLICATION_TRAIN;

    /** How many of the variables most associated with default the correlation heat map shows. */
    private static final int CORRELATED = 30;

    /** Per-client aggregates of the side tables set against TARGET: table, name, SQL per SK_ID_CURR, count-like. */
    private static final List<String[]> AGGREGATES = List.of(
            new String[]{"bureau", "BUREAU_CREDITS", "count(*)", "0"},
            new String[]{"bureau", "BUREAU_ACTIVE_CREDITS", "sum(CASE WHEN CREDIT_ACTIVE = 'Active' THEN 1 ELSE 0 END)",
                    "0"},
            new String[]{"bureau", "BUREAU_DEBT_TOTAL", "sum(AMT_CREDIT_SUM_DEBT)", ""},
            new String[]{"previous_application", "PREVIOUS_APPLICATIONS", "count(*)", "0"},
            new String[]{"previous_application", "PREVIOUS_REFUSED_SHARE",
                    "avg(CASE WHEN NAME_CONTRACT_STATUS = 'Refused' THEN 1.0 ELSE 0.0 END)", ""},
            new String[]{"installments_payments", "INSTALMENTS_LATE_SHARE",
                    "avg(CASE WHEN DAYS_ENTRY_PAYMENT > DAYS_INSTALMENT THEN 1.0 ELSE 0.0 END)", ""},
            new String[]{"POS_CASH_balance", "POS_MAX_DAYS_PAST_DUE", "max(SK_DPD)", ""},
            new String[]{"credit_card_balance", "CARD_MEAN_BALANCE", "avg(AMT_BALANCE)", ""});

    private final HomeCreditSchema schema;
    private final Path database;

    /**
     * A report of that database.
     *
     * @param schema   the Home Credit schema: the tables and columns explored
     * @param database the DuckDB file written by {@code scoring ingest}
     */
    public ExplorationReport(HomeCreditSchema schema, Path database) {
        this.schema = schema;
        this.database = database;
    }

    /**
     * The report as a well-formed XHTML document; {@code progress} hears of each section.
     *
     * @throws NoSuchFileException when the database does not exist
     */
    public String xhtml(Progress progress) throws IOException, SQLException {
        if (!Files.isRegularFile(database)) {
            throw new NoSuchFileException(database.toString(), null, "no database here; run 'scoring ingest' first");
        }
        Properties readOnly = new Properties();
        readOnly.setProperty("duckdb.read_only", "true");
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + database.toAbsolutePath(),
                readOnly)) {
            return xhtml(new SqlRows(connection), progress);
        }
    }

    private String xhtml(SqlRows sql, Progress progress) throws SQLException {
        Set<String> present = new HashSet<>();
        for (Object[] r : sql.all("SELECT table_name FROM information_schema.tables")) {
            present.add(String.valueOf(r[0]));
        }
        List<Table> tables = schema.tables().stream().filter(t -> present.contains(t.name())).toList();

        progress.begin("explore: tables", tables.size(), "tables");
        List<TableProfile> profiles = new ArrayList<>();
        for (Table table : tables) {
            profiles.add(TableProfile.of(sql, table));
            progress.update(profiles.size(), table.name());
        }
        progress.end(profiles.size() + " tables profiled");

        List<TargetAssociation> associations = new ArrayList<>();
        long clients = 0;
        long defaults = 0;
        if (present.contains(TRAIN)) {
            List<String[]> sources = sources(present);
            progress.begin("explore: target", sources.size(), "variables");
            for (String[] s : sources) {
                associations.add(TargetAssociation.of(sql, s[0], s[1], s[2].equals("text"), s[3]));
                progress.update(associations.size());
            }
            Object[] r = sql.one("SELECT count(*), sum(TARGET) FROM " + quote(TRAIN) + " WHERE TARGET IS NOT NULL");
            clients = SqlRows.asLong(r[0]);
            defaults = SqlRows.asLong(r[1]);
            progress.end(associations.size() + " variables set against TARGET");
        }

        progress.begin("explore: anomalies", tables.size(), "tables");
        Anomalies anomalies = Anomalies.of(sql, new HomeCreditSchema(tables));
        progress.end(anomalies.impossible().size() + " columns with impossible values, "
                + anomalies.sentinels().size() + " with 365243");

        progress.begin("explore: page", tables.size(), "tables");
        Xhtml page = new Xhtml();
        page.raw("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\" xml:lang=\"en\">\n<head>"
                + "\n<meta charset=\"UTF-8\"/>\n<title>Data exploration - Home Credit data</title>\n<style>\n"
                + MethodologyReport.STYLE + "</style>\n</head>\n<body>\n<main>");
        page.heading(1, "top", "Credit scoring data: exploration report");
        page.paragraph("Prêt à dépenser - what the ingested Home Credit data holds, how each variable goes with"
                + " default, and what looks wrong in it. Generated " + Instant.now().truncatedTo(ChronoUnit.SECONDS)
                + " from the database " + database.getFileName() + "; every figure is computed there by SQL.");
        ProfileSections tableSections = new ProfileSections(sql);
        tableSections.overview(page, profiles);
        List<String> charted = associations.stream().filter(a -> a.table().equals(TRAIN) && !a.text())
                .sorted(Comparator.comparingDouble(TargetAssociation::iv).reversed())
                .map(TargetAssociation::variable).toList();
        int number = 2;
        for (TableProfile p : profiles) {
            tableSections.table(page, number++, p, p.table().name().startsWith("application_") ? charted : List.of());
            progress.update(number - 2);
        }
        if (!associations.isEmpty()) {
            ExplorationSections.association(page, number++, associations, clients, defaults);
            List<String> top = charted.stream().limit(CORRELATED).toList();
            ExplorationSections.correlations(page, top, correlations(sql, top));
        }
        ExplorationSections.anomalies(page, number, anomalies, profiles);
        page.raw("</main>\n</body>\n</html>");
        progress.end("page written");
        return page.toString();
    }

    /** Pearson correlations of every pair of {@code variables} over the labelled applications, in one query. */
    private static double[][] correlations(SqlRows sql, List<String> variables) throws SQLException {
        int n = variables.size();
        double[][] r = new double[n][n];
        if (n < 2) {
            return r;
        }
        StringBuilder select = new StringBuilder("SELECT 0");
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                select.append(", corr(CAST(").append(quote(variables.get(i))).append(" AS DOUBLE), CAST(")
                        .append(quote(variables.get(j))).append(" AS DOUBLE))");
            }
        }
        Object[] row = sql.one(select + " FROM " + quote(TRAIN) + " WHERE TARGET IS NOT NULL");
        int k = 1;
        for (int i = 0; i < n; i++) {
            r[i][i] = 1;
            for (int j = i + 1; j < n; j++) {
                double value = row[k] == null ? Double.NaN : SqlRows.asDouble(row[k]);
                r[i][j] = value;
                r[j][i] = value;
                k++;
            }
        }
        return r;
    }

    /** The variables set against TARGET: {table, name, "text"|"number", SQL returning TARGET and x}. */
    private List<String[]> sources(Set<String> present) {
        List<String[]> sources = new ArrayList<>();
        String labelled = " FROM " + quote(TRAIN) + " WHERE TARGET IS NOT NULL";
        for (Column c : schema.table(TRAIN).columns()) {
            if (c.role() == KeyRole.ATTRIBUTE) {
                sources.add(new String[]{TRAIN, c.name(), c.type() == ColumnType.TEXT ? "text" : "number",
                        "SELECT TARGET, " + quote(c.name()) + " AS x" + labelled});
            }
        }
        for (String[] a : AGGREGATES) {
            if (!present.contains(a[0])) {
                continue;
            }
            String x = a[3].isEmpty() ? "s.x" : "coalesce(s.x, " + a[3] + ")";
            sources.add(new String[]{a[0], a[1], "number", "SELECT t.TARGET, " + x + " AS x FROM " + quote(TRAIN)
                    + " t LEFT JOIN (SELECT SK_ID_CURR, " + a[2] + " AS x FROM " + quote(a[0])
                    + " GROUP BY SK_ID_CURR) s ON s.SK_ID_CURR = t.SK_ID_CURR WHERE t.TARGET IS NOT NULL"});
        }
        return sources;
    }

    /**
     * Writes {@value #HTML} into {@code folder} (created if needed) through a temporary file renamed at the end, so
     * that a reader never sees half a report.
     *
     * @return the report's path
     */
    public Path write(Path folder, Progress progress) throws IOException, SQLException {
        Files.createDirectories(folder);
        String xhtml = xhtml(progress);
        Path html = folder.resolve(HTML);
        Path temporary = folder.resolve("." + HTML + ".partial");
        try {
            Files.writeString(temporary, xhtml, StandardCharsets.UTF_8);
            Files.move(temporary, html, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
        return html;
    }
}
