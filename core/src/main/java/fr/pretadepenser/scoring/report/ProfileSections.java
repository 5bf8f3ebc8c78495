package fr.pretadepenser.scoring.report;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static fr.pretadepenser.scoring.report.Xhtml.count;
import static fr.pretadepenser.scoring.report.Xhtml.percent;

/**
 * The exploration report's overview and its section per table: size, missing values as a sorted bar chart, every
 * numeric column's quantiles and outliers in one compact table with histograms of the most telling ones, and the
 * frequent categories of every text column.
 */
final class ProfileSections {

    /** Columns shown in a table's missing-values chart, the most missing first. */
    private static final int MISSING_BARS = 25;
    /** Histograms drawn per table. */
    private static final int HISTOGRAMS = 4;

    private final SqlRows sql;

    ProfileSections(SqlRows sql) {
        this.sql = sql;
    }

    void overview(Xhtml page, List<TableProfile> profiles) {
        page.heading(2, "overview", "1. The tables at a glance");
        List<List<String>> rows = new ArrayList<>();
        for (TableProfile p : profiles) {
            double missing = p.missing().values().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            rows.add(List.of(p.table().name(), count(p.rows()), p.clients() < 0 ? "no client column" : count(p.clients()),
                    count(p.table().columns().size()), percent(missing), p.table().description()));
        }
        page.table("Rows, distinct clients (SK_ID_CURR), columns and average missing share per table",
                List.of("Table", "Rows", "Clients", "Columns", "Missing (mean)", "One row is"), rows, true,
                18, 11, 11, 8, 10, 42);
    }

    /**
     * The section of one table; {@code charted} names the numeric columns to draw first (the ones most associated
     * with default, for application_train), the rest being drawn in schema order up to {@value #HISTOGRAMS}.
     */
    void table(Xhtml page, int number, TableProfile p, List<String> charted) throws SQLException {
        String name = p.table().name();
        page.heading(2, "table-" + name, number + ". " + name);
        page.paragraph(p.table().description() + " " + count(p.rows()) + " rows"
                + (p.clients() < 0 ? "" : " about " + count(p.clients()) + " distinct clients") + ", "
                + p.table().columns().size() + " columns (" + p.numeric().size() + " numeric and " + p.text().size()
                + " text attributes, the rest keys or the target).");
        if (p.rows() == 0) {
            page.paragraph("The table is empty in this database (its file was not ingested): nothing more to show.");
            return;
        }
        missing(page, p);
        numbers(page, p, charted);
        categories(page, p);
    }

    private void missing(Xhtml page, TableProfile p) {
        List<Map.Entry<String, Double>> sorted = p.missing().entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).toList();
        String name = p.table().name();
        if (sorted.isEmpty()) {
            page.paragraph("No column of " + name + " has missing values.");
            return;
        }
        List<SvgChart.Bar> bars = sorted.stream().limit(MISSING_BARS)
                .map(e -> new SvgChart.Bar(e.getKey(), 100 * e.getValue(), SvgChart.BLUE)).toList();
        page.figure(SvgChart.bars("Missing values in " + name, "Share of empty values per column of " + name
                        + ", in percent, the most missing first", bars, 1),
                sorted.size() + " of " + p.missing().size() + " columns of " + name + " have empty values"
                        + (sorted.size() > MISSING_BARS ? "; the " + MISSING_BARS + " most missing are drawn" : "")
                        + " (percent of rows). Every column's share is in the tables below.");
    }

    private void numbers(Xhtml page, TableProfile p, List<String> charted) throws SQLException {
        if (p.numeric().isEmpty()) {
            return;
        }
        String name = p.table().name();
        List<List<String>> rows = new ArrayList<>();
        for (TableProfile.Numeric n : p.numeric()) {
            rows.add(List.of(n.name(), percent(p.missing().get(n.name())), shown(n.min()), shown(n.p01()),
                    shown(n.q1()), shown(n.median()), shown(n.q3()), shown(n.p99()), shown(n.max()),
                    n.outliers() < 0 ? "-" : count(n.outliers())));
        }
        page.table("Numeric columns of " + name + ": missing share, quantiles and outliers (beyond 3 IQR)",
                List.of("Column", "Missing", "Min", "1%", "25%", "Median", "75%", "99%", "Max", "Outliers"), rows, true,
                22, 7, 9, 9, 9, 9, 9, 9, 9, 8);
        List<TableProfile.Numeric> drawn = new ArrayList<>();
        for (String wanted : charted) {
            p.numeric().stream().filter(n -> n.name().equals(wanted) && n.present() > 0).findFirst()
                    .ifPresent(drawn::add);
        }
        p.numeric().stream().filter(n -> n.present() > 0 && !drawn.contains(n)).forEach(n -> {
            if (drawn.size() < HISTOGRAMS) {
                drawn.add(n);
            }
        });
        for (TableProfile.Numeric n : drawn.subList(0, Math.min(HISTOGRAMS, drawn.size()))) {
            double[][] h = TableProfile.histogram(sql, p.table(), n);
            List<SvgChart.Bar> bars = new ArrayList<>();
            for (int i = 0; i < h[1].length; i++) {
                String from = i == 0 ? "below " + shown(h[0][1]) : i == h[1].length - 1 ? shown(h[0][i]) + " and above"
                        : shown(h[0][i]) + " to " + shown(h[0][i + 1]);
                bars.add(new SvgChart.Bar(from, h[1][i], SvgChart.BLUE));
            }
            page.figure(SvgChart.bars("Histogram of " + name + "." + n.name(), "Rows of " + name + " per range of "
                            + n.name() + ", ten equal ranges between its 1% and 99% quantiles", bars, 0, 200),
                    "Histogram of " + name + "." + n.name() + ": rows per range; the first and last ranges also hold"
                            + " the values beyond the 1% and 99% quantiles.");
        }
    }

    private void categories(Xhtml page, TableProfile p) {
        if (p.text().isEmpty()) {
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        for (TableProfile.Text t : p.text()) {
            long present = t.top().stream().mapToLong(TableProfile.Category::count).sum() + t.other();
            String top = t.top().stream().map(c -> c.value() + " " + percent(c.count() / (double) present))
                    .collect(Collectors.joining(", "));
            rows.add(List.of(t.name(), percent(p.missing().get(t.name())), top + (t.other() > 0 ? ", other "
                    + percent(t.other() / (double) present) : "")));
        }
        page.table("Text columns of " + p.table().name() + ": missing share and the " + TableProfile.TOP_CATEGORIES
                        + " most frequent categories (share of the filled rows), the rest as other",
                List.of("Column", "Missing", "Categories"), rows, true, 24, 8, 68);
    }

    static String shown(double v) {
        return Double.isNaN(v) ? "n/a" : TargetAssociation.shown(v);
    }
}
