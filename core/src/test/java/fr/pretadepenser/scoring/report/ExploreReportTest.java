package fr.pretadepenser.scoring.report;

import fr.pretadepenser.scoring.data.ingest.Ingester;
import fr.pretadepenser.scoring.progress.Progress;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import fr.pretadepenser.scoring.synthetic.GeneratorSettings;
import fr.pretadepenser.scoring.synthetic.SyntheticDataGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import javax.xml.parsers.DocumentBuilderFactory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExploreReportTest {

    @TempDir
    static Path work;
    static Path database;
    static String xhtml;

    @BeforeAll
    static void exploreASmallSyntheticDatabase() throws Exception {
        Path data = work.resolve("data");
        database = work.resolve("homecredit.duckdb");
        new SyntheticDataGenerator(new GeneratorSettings(600, 3)).generate(data, Progress.SILENT);
        new Ingester(HomeCreditSchema.load()).ingest(data, database, Progress.SILENT);
        xhtml = Files.readString(new ExplorationReport(HomeCreditSchema.load(), database)
                .write(work.resolve("reports"), Progress.SILENT));
    }

    @Test
    void isOneWellFormedPageWithChartsAndEveryTable() throws Exception {
        Document page = parse(xhtml);
        assertEquals("html", page.getDocumentElement().getLocalName());
        assertTrue(page.getElementsByTagNameNS("http://www.w3.org/2000/svg", "svg").getLength() > 10);
        for (String table : HomeCreditSchema.load().tableNames()) {
            assertTrue(xhtml.contains("<h2 id=\"table-" + table + "\">"), table);
        }
        assertFalse(xhtml.contains("src=\""), "no external file");
        assertFalse(Files.exists(work.resolve("reports").resolve("." + ExplorationReport.HTML + ".partial")));
    }

    @Test
    void countsRowsAndClientsOfEveryTableAsSqlDoes() throws Exception {
        for (String table : HomeCreditSchema.load().tableNames()) {
            boolean clients = !table.equals(HomeCreditSchema.BUREAU_BALANCE);
            long[] r = longs(database, "SELECT count(*), " + (clients ? "count(DISTINCT SK_ID_CURR)" : "0")
                    + " FROM " + SqlRows.quote(table));
            assertTrue(xhtml.contains("<th scope=\"row\">" + table + "</th><td>" + Xhtml.count(r[0]) + "</td><td>"
                    + (clients ? Xhtml.count(r[1]) : "no client column") + "</td>"), table);
        }
    }

    @Test
    void showsTheMissingShareOfAColumnAsSqlDoes() throws Exception {
        long[] r = longs(database, "SELECT count(*), count(EXT_SOURCE_1) FROM application_train");
        double missing = 1 - r[1] / (double) r[0];
        assertTrue(missing > 0, "the synthetic data leaves EXT_SOURCE_1 empty at times");
        try (Connection c = readOnly()) {
            TableProfile p = TableProfile.of(new SqlRows(c), HomeCreditSchema.load().table("application_train"));
            assertEquals(missing, p.missing().get("EXT_SOURCE_1"), 1e-12);
        }
        assertTrue(xhtml.contains("<th scope=\"row\">EXT_SOURCE_1</th><td>" + Xhtml.percent(missing) + "</td>"));
    }

    @Test
    void givesTheDefaultRateAndWilsonIntervalOfACategory() throws Exception {
        long[] r = longs(database, "SELECT count(*), sum(TARGET) FROM application_train WHERE CODE_GENDER = 'F'");
        double n = r[0];
        double p = r[1] / n;
        double z = 1.959964;
        // Wilson: (p + z²/2n ± z sqrt(p(1-p)/n + z²/4n²)) / (1 + z²/n)
        double lower = (p + z * z / (2 * n) - z * Math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))) / (1 + z * z / n);
        double upper = (p + z * z / (2 * n) + z * Math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))) / (1 + z * z / n);
        assertArrayEquals(new double[]{lower, upper}, TargetAssociation.wilson(r[1], r[0]), 1e-12);
        assertTrue(xhtml.contains("<th scope=\"row\">F</th><td>" + Xhtml.count(r[0]) + "</td><td>" + Xhtml.count(r[1])
                + "</td><td>" + Xhtml.percent(p) + "</td><td>" + Xhtml.percent(lower) + " to " + Xhtml.percent(upper)
                + "</td>"), "CODE_GENDER F row");
        // A textbook case: 10 defaults out of 100 gives 5.52% to 17.44%.
        double[] ci = TargetAssociation.wilson(10, 100);
        assertEquals("5.52% 17.44%", String.format(Locale.ROOT, "%.2f%% %.2f%%", 100 * ci[0], 100 * ci[1]));
    }

    @Test
    void computesTheInformationValueOfAHandMadeTable() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE hand (TARGET INTEGER, GRADE VARCHAR)");
            // A: 4 clients, 1 default; B: 2 clients, 1 default; C: 2 clients, no default (an empty cell).
            s.execute("INSERT INTO hand VALUES (1,'A'),(0,'A'),(0,'A'),(0,'A'),(1,'B'),(0,'B'),(0,'C'),(0,'C')");
            TargetAssociation a = TargetAssociation.of(new SqlRows(c), "hand", "GRADE", true,
                    "SELECT TARGET, GRADE AS x FROM hand");
            // 2 defaulters, 6 others. A: 1/2 against 3/6; B: 1/2 against 1/6; C: 0.5/2 (empty cell) against 2/6.
            double iv = (0.5 - 0.5) * Math.log(0.5 / 0.5)
                    + (0.5 - 1.0 / 6) * Math.log(0.5 / (1.0 / 6))
                    + (0.25 - 2.0 / 6) * Math.log(0.25 / (2.0 / 6));
            assertEquals(0.390178, iv, 1e-6);
            assertEquals(iv, a.iv(), 1e-12);
            assertEquals(List.of("A", "B", "C"), a.bins().stream().map(TargetAssociation.Bin::label).toList());
        }
    }

    @Test
    void countsThe365243PlaceholderAsSqlDoes() throws Exception {
        long sentinels = longs(database, "SELECT count(*) FROM application_train WHERE DAYS_EMPLOYED = 365243")[0];
        try (Connection c = readOnly()) {
            Anomalies found = Anomalies.of(new SqlRows(c), HomeCreditSchema.load());
            long reported = found.sentinels().stream().filter(s -> s.table().equals("application_train")
                    && s.column().equals("DAYS_EMPLOYED")).mapToLong(Anomalies.Count::rows).sum();
            assertEquals(sentinels, reported);
        }
        assertTrue(sentinels > 0, "the synthetic data has pensioners");
        assertTrue(xhtml.contains("<td>application_train</td><td>DAYS_EMPLOYED</td><td>" + Xhtml.count(sentinels)
                + "</td>"));
    }

    @Test
    void countsOrphanKeysOnceOrphanRowsAreAdded() throws Exception {
        Path copy = work.resolve("orphans.duckdb");
        Files.copy(database, copy);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + copy); Statement s = c.createStatement()) {
            s.execute("INSERT INTO bureau (SK_ID_CURR, SK_ID_BUREAU) VALUES (999999991, 999999991)");
            s.execute("INSERT INTO bureau_balance (SK_ID_BUREAU, MONTHS_BALANCE) VALUES (999999992, -1),"
                    + " (999999992, -2)");
            s.execute("INSERT INTO installments_payments (SK_ID_PREV, SK_ID_CURR) SELECT 999999993, SK_ID_CURR"
                    + " FROM application_train LIMIT 1");
        }
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + copy)) {
            Anomalies found = Anomalies.of(new SqlRows(c), HomeCreditSchema.load());
            assertEquals(1, orphans(found, "bureau", "SK_ID_CURR"));
            assertEquals(2, orphans(found, "bureau_balance", "SK_ID_BUREAU"));
            assertEquals(1, orphans(found, "installments_payments", "SK_ID_PREV"));
            assertEquals(0, orphans(found, "installments_payments", "SK_ID_CURR"));
            assertEquals(0, orphans(found, "previous_application", "SK_ID_CURR"));
        }
    }

    @Test
    void showsTheTargetBalanceAndCategoryChartsWithTheirRates() throws Exception {
        long[] r = longs(database, "SELECT count(*), sum(TARGET) FROM application_train WHERE TARGET IS NOT NULL");
        assertTrue(xhtml.contains("<title id=\"c" + Integer.toHexString("Target balance".hashCode())
                + "t\">Target balance</title>"), "the target balance chart");
        assertTrue(xhtml.contains("payment difficulties (TARGET = 1), " + Xhtml.percent(r[1] / (double) r[0])),
                "its share of defaults");
        // The first category chart: its largest category's bar, with the count and rate SQL gives.
        java.util.regex.Matcher chart = java.util.regex.Pattern.compile(">Default rate by ([A-Z_]+)</title>")
                .matcher(xhtml);
        assertTrue(chart.find(), "category charts");
        String variable = chart.group(1);
        String svg = xhtml.substring(chart.start(), xhtml.indexOf("</svg>", chart.start()));
        try (Connection c = readOnly(); Statement st = c.createStatement();
             var largest = st.executeQuery("SELECT count(*), avg(TARGET) FROM application_train WHERE TARGET IS NOT"
                     + " NULL AND " + variable + " IS NOT NULL GROUP BY " + variable + " ORDER BY 1 DESC LIMIT 1")) {
            largest.next();
            assertTrue(svg.contains(" (" + Xhtml.count(largest.getLong(1)) + ")</text>"), svg);
            assertTrue(svg.contains(">" + Xhtml.number(largest.getDouble(2) * 100, 1) + "</text>"), svg);
        }
    }

    @Test
    void drawsTheCorrelationHeatMapWithTheCorrelationsSqlGives() throws Exception {
        Document page = parse(xhtml);
        assertTrue(xhtml.contains(">Correlation heat map</title>"), "the heat map");
        // Every cell's tooltip names its pair and value: check one against DuckDB's own corr().
        java.util.regex.Matcher cell = java.util.regex.Pattern.compile("<title>([A-Z0-9_]+) x ([A-Z0-9_]+): ([-0-9.]+)"
                + "</title></rect>").matcher(xhtml);
        int checked = 0;
        while (cell.find() && checked < 5) {
            if (cell.group(1).equals(cell.group(2))) {
                assertEquals("1.00", cell.group(3));
                continue;
            }
            try (Connection c = readOnly(); Statement s = c.createStatement();
                 var result = s.executeQuery("SELECT corr(CAST(" + cell.group(1) + " AS DOUBLE), CAST("
                         + cell.group(2) + " AS DOUBLE)) FROM application_train WHERE TARGET IS NOT NULL")) {
                result.next();
                assertEquals(result.getDouble(1), Double.parseDouble(cell.group(3)), 0.005, cell.group());
            }
            checked++;
        }
        assertEquals(5, checked);
        assertEquals(30 * 30, page.getElementsByTagNameNS("http://www.w3.org/2000/svg", "rect").getLength()
                - nonCellRects(page), "a 30 x 30 grid");
    }

    /** The rectangles of the page that are not heat map cells (those have a tooltip title as their child). */
    private static int nonCellRects(Document page) {
        var rects = page.getElementsByTagNameNS("http://www.w3.org/2000/svg", "rect");
        int others = 0;
        for (int i = 0; i < rects.getLength(); i++) {
            if (rects.item(i).getFirstChild() == null) {
                others++;
            }
        }
        return others;
    }

    private static long orphans(Anomalies found, String table, String column) {
        return found.orphans().stream().filter(o -> o.table().equals(table) && o.column().equals(column))
                .mapToLong(Anomalies.Count::rows).sum();
    }

    private static Connection readOnly() throws Exception {
        java.util.Properties p = new java.util.Properties();
        p.setProperty("duckdb.read_only", "true");
        return DriverManager.getConnection("jdbc:duckdb:" + database, p);
    }

    private static long[] longs(Path db, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db); Statement s = c.createStatement();
             var r = s.executeQuery(sql)) {
            r.next();
            long[] out = new long[r.getMetaData().getColumnCount()];
            for (int i = 0; i < out.length; i++) {
                out[i] = r.getLong(i + 1);
            }
            return out;
        }
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }
}
