package fr.pretadepenser.scoring.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static fr.pretadepenser.scoring.report.Xhtml.count;
import static fr.pretadepenser.scoring.report.Xhtml.number;
import static fr.pretadepenser.scoring.report.Xhtml.percent;

/**
 * The exploration report's sections about default (rates per category and decile, the variables most associated
 * with it) and about the anomalies found.
 */
final class ExplorationSections {

    private static final int TOP = 20;
    private static final int DECILE_CHARTS = 6;

    private ExplorationSections() {
    }

    static void association(Xhtml page, int number, List<TargetAssociation> all, long clients, long defaults) {
        page.heading(2, "default", number + ". Which variables go with default");
        page.paragraph("Of the " + count(clients) + " labelled applications of application_train, " + count(defaults)
                + " had payment difficulties (TARGET = 1): a default rate of "
                + percent(clients == 0 ? Double.NaN : defaults / (double) clients) + ". Each application variable, and"
                + " a few per-client aggregates of the credit history, is cut into its categories or deciles; the"
                + " information value (IV) sums over those bins how differently defaulters and the others spread.");
        List<TargetAssociation> byIv = all.stream()
                .sorted(Comparator.comparingDouble(TargetAssociation::iv).reversed()).toList();
        page.figure(SvgChart.bars("Information value, top " + TOP, "Information value of the " + TOP
                        + " variables most associated with default", byIv.stream().limit(TOP)
                        .map(a -> new SvgChart.Bar(a.variable(), a.iv(), SvgChart.BLUE)).toList(), 3),
                "Information value of the " + TOP + " variables most associated with default (0.02 to 0.1 weak, 0.1"
                        + " to 0.3 medium, above 0.3 strong).");
        List<TargetAssociation> byCorrelation = all.stream().filter(a -> !Double.isNaN(a.pearson()))
                .sorted(Comparator.comparingDouble((TargetAssociation a) -> Math.abs(a.pearson())).reversed()).toList();
        page.figure(SvgChart.bars("Correlation with TARGET, top " + TOP, "Absolute Pearson correlation with TARGET of"
                        + " the " + TOP + " most correlated numeric variables", byCorrelation.stream().limit(TOP)
                        .map(a -> new SvgChart.Bar(a.variable(), Math.abs(a.pearson()),
                                a.pearson() > 0 ? SvgChart.RED : SvgChart.GREEN)).toList(), 3),
                "|Pearson correlation| with TARGET of the " + TOP + " most correlated numeric variables: red when"
                        + " higher values go with more default, green when with less.");
        List<List<String>> rows = new ArrayList<>();
        int rank = 1;
        for (TargetAssociation a : byIv) {
            rows.add(List.of(Integer.toString(rank++), a.variable(), a.table(), a.text() ? "category" : "number",
                    number(a.iv(), 3), TargetAssociation.strength(a.iv()),
                    Double.isNaN(a.pearson()) ? "-" : number(Math.abs(a.pearson()), 3)
                            + (a.pearson() < 0 ? " (-)" : " (+)")));
        }
        page.table("Every variable by information value, with |Pearson correlation| with TARGET (sign in brackets)",
                List.of("Rank", "Variable", "Table", "Kind", "IV", "Strength", "|r|"), rows, false,
                7, 33, 18, 10, 8, 14, 10);
        categoryRates(page, all);
        decileRates(page, byIv);
    }

    private static void categoryRates(Xhtml page, List<TargetAssociation> all) {
        page.heading(3, "default-categories", "Default rate by category");
        page.paragraph("For each text column of application_train: clients and defaults per category, the default"
                + " rate and its 95% Wilson interval (narrow for large categories, wide for small ones).");
        for (TargetAssociation a : all) {
            if (!a.text()) {
                continue;
            }
            List<List<String>> rows = new ArrayList<>();
            for (TargetAssociation.Bin b : a.bins()) {
                double[] ci = b.interval();
                rows.add(List.of(b.label(), count(b.clients()), count(b.defaults()), percent(b.rate()),
                        percent(ci[0]) + " to " + percent(ci[1])));
            }
            page.table("Default rate by " + a.variable() + " (IV " + number(a.iv(), 3) + ")",
                    List.of("Category", "Clients", "Defaults", "Default rate", "95% interval"), rows, true,
                    36, 14, 14, 14, 22);
        }
    }

    private static void decileRates(Xhtml page, List<TargetAssociation> byIv) {
        page.heading(3, "default-deciles", "Default rate by decile");
        List<TargetAssociation> numbers = byIv.stream().filter(a -> !a.text()).toList();
        for (TargetAssociation a : numbers.stream().limit(DECILE_CHARTS).toList()) {
            List<TargetAssociation.Bin> bins = a.bins().stream().filter(b -> !b.label().equals("(empty)")).toList();
            double[] x = new double[bins.size()];
            double[] rate = new double[bins.size()];
            double[] lo = new double[bins.size()];
            double[] hi = new double[bins.size()];
            double top = 0;
            for (int i = 0; i < bins.size(); i++) {
                x[i] = i + 1;
                rate[i] = bins.get(i).rate();
                double[] ci = bins.get(i).interval();
                lo[i] = ci[0];
                hi[i] = ci[1];
                top = Math.max(top, hi[i]);
            }
            page.figure(SvgChart.line("Default rate by decile of " + a.variable(), "Default rate and its 95% Wilson"
                            + " interval in each decile of " + a.variable() + ", lowest values first", "decile (1 = lowest"
                            + " values)", "default rate", List.of(
                            new SvgChart.Series("default rate", x, rate, SvgChart.BLUE, false),
                            new SvgChart.Series("95% interval", x, lo, SvgChart.GREY, true),
                            new SvgChart.Series("95% interval (upper)", x, hi, SvgChart.GREY, true)),
                            1, Math.max(2, bins.size()), 0, Math.max(0.05, Math.ceil(top * 20) / 20), Double.NaN, "", false),
                    "Default rate by decile of " + a.table() + "." + a.variable() + " (IV " + number(a.iv(), 3)
                            + "); equal values stay in one bin, so a variable with few values has fewer than ten.");
        }
        List<List<String>> rows = new ArrayList<>();
        for (TargetAssociation a : numbers) {
            List<String> row = new ArrayList<>();
            row.add(a.variable());
            String empty = "-";
            int shown = 0;
            for (TargetAssociation.Bin b : a.bins()) {
                if (b.label().equals("(empty)")) {
                    empty = percent(b.rate());
                } else if (shown++ < 10) {
                    row.add(percent(b.rate()));
                }
            }
            while (row.size() < 11) {
                row.add("");
            }
            row.add(empty);
            rows.add(row);
        }
        page.table("Default rate in each decile of every numeric variable (1 = lowest values), and among the empty"
                        + " values", List.of("Variable", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "Empty"),
                rows, true, 23, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7);
    }

    static void anomalies(Xhtml page, int number, Anomalies found, List<TableProfile> profiles) {
        page.heading(2, "anomalies", number + ". Anomalies found");
        page.heading(3, "sentinel", "The 365243 placeholder");
        page.paragraph("Kaggle writes 365243 days (a thousand years after the application) for \"no such date\":"
                + " pensioners' DAYS_EMPLOYED, loans without a due date in previous_application. It must be read as"
                + " missing, not as a number.");
        page.table("Rows holding 365243, per column", List.of("Table", "Column", "Rows"),
                found.sentinels().stream().map(c -> List.of(c.table(), c.column(), count(c.rows()))).toList(), false);
        page.heading(3, "impossible", "Impossible values");
        page.paragraph("Values no real application can have: negative amounts and counts, ages outside 18 to 120"
                + " years, dates after the application, EXT_SOURCE scores outside [0, 1]. The rules are a short list"
                + " kept with this report (the request checks' range table is private to its package).");
        if (found.impossible().isEmpty()) {
            page.paragraph("No impossible value was found.");
        } else {
            page.table("Rows breaking a rule, per column", List.of("Table", "Column", "Rule", "Rows"),
                    found.impossible().stream().map(c -> List.of(c.table(), c.column(), c.what(), count(c.rows())))
                            .toList(), false);
        }
        page.heading(3, "outliers", "Outliers");
        List<List<String>> rows = new ArrayList<>();
        profiles.forEach(p -> p.numeric().stream().filter(n -> n.outliers() > 0)
                .forEach(n -> rows.add(List.of(p.table().name(), n.name(), count(n.outliers()),
                        percent(n.outliers() / (double) n.present())))));
        rows.sort(Comparator.comparing((List<String> r) -> Double.parseDouble(r.get(3).replace("%", ""))).reversed());
        page.paragraph("Values below Q1 - 3 IQR or above Q3 + 3 IQR (IQR = Q3 - Q1), counted per column; columns whose"
                + " IQR is zero (flags, mostly) are left out. " + rows.size() + " columns have some.");
        page.table("Columns with outliers, the largest share first", List.of("Table", "Column", "Outliers",
                "Share of filled rows"), rows, false);
        page.heading(3, "duplicates", "Duplicated rows and orphan keys");
        page.table("Fully duplicated rows (extra copies) per table", List.of("Table", "Duplicated rows"),
                found.duplicates().stream().map(c -> List.of(c.table(), count(c.rows()))).toList(), true);
        page.table("Rows whose key matches no row of the table it refers to", List.of("Table", "Key", "Checked against",
                "Orphan rows"), found.orphans().stream().map(c -> List.of(c.table(), c.column(), c.what(),
                count(c.rows()))).toList(), false);
    }
}
