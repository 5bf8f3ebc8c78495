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
    private static final int CATEGORY_CHARTS = 8;
    private static final int CATEGORIES_CHARTED = 15;

    private ExplorationSections() {
    }

    static void association(Xhtml page, int number, List<TargetAssociation> all, long clients, long defaults) {
        page.heading(2, "default", number + ". Which variables go with default");
        page.paragraph("Of the " + count(clients) + " labelled applications of application_train, " + count(defaults)
                + " had payment difficulties (TARGET = 1): a default rate of "
                + percent(clients == 0 ? Double.NaN : defaults / (double) clients) + ". Each application variable, and"
                + " a few per-client aggregates of the credit history, is cut into its categories or deciles; the"
                + " information value (IV) sums over those bins how differently defaulters and the others spread.");
        if (clients > 0) {
            page.figure(SvgChart.bars("Target balance", "Labelled applications by outcome", List.of(
                            new SvgChart.Bar("repaid (TARGET = 0), " + percent((clients - defaults) / (double) clients),
                                    clients - defaults, SvgChart.BLUE),
                            new SvgChart.Bar("payment difficulties (TARGET = 1), " + percent(defaults
                                    / (double) clients), defaults, SvgChart.RED)), 0, 330),
                    "Target balance: the classes are unbalanced, which is why the model is judged by AUC and by a"
                            + " business cost rather than by accuracy (refusing nobody would be right "
                            + percent((clients - defaults) / (double) clients) + " of the time).");
        }
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
        categoryRates(page, all, byIv, clients == 0 ? Double.NaN : defaults / (double) clients);
        decileRates(page, byIv);
    }

    /**
     * The heat map of the Pearson correlations among the numeric application variables most associated with
     * default, and the most correlated pairs: which variables say the same thing.
     */
    static void correlations(Xhtml page, List<String> variables, double[][] r) {
        if (variables.size() < 2) {
            return;
        }
        page.heading(3, "correlations", "Correlations among the " + variables.size() + " variables most associated"
                + " with default");
        page.paragraph("Pearson correlation of every pair of the " + variables.size() + " numeric variables of"
                + " application_train with the highest information value, over the labelled applications (pairs"
                + " computed on the rows where both are present). Strongly correlated variables carry the same"
                + " information: the trees cope with that, but their contributions then share the effect.");
        page.figure(SvgChart.heatmap("Correlation heat map", "Pearson correlations among the " + variables.size()
                        + " numeric application variables with the highest information value", variables, r),
                "Correlations among the " + variables.size() + " numeric application variables most associated"
                        + " with default (red positive, blue negative).");
        List<int[]> pairs = new ArrayList<>();
        for (int i = 0; i < variables.size(); i++) {
            for (int j = i + 1; j < variables.size(); j++) {
                if (!Double.isNaN(r[i][j])) {
                    pairs.add(new int[]{i, j});
                }
            }
        }
        pairs.sort(Comparator.comparingDouble((int[] p) -> -Math.abs(r[p[0]][p[1]])));
        List<List<String>> rows = new ArrayList<>();
        for (int[] p : pairs.subList(0, Math.min(10, pairs.size()))) {
            rows.add(List.of(variables.get(p[0]), variables.get(p[1]), number(r[p[0]][p[1]], 3)));
        }
        page.table("The ten most correlated pairs", List.of("Variable", "Variable", "r"), rows, false, 42, 42, 16);
    }

    private static void categoryRates(Xhtml page, List<TargetAssociation> all, List<TargetAssociation> byIv,
                                      double overall) {
        page.heading(3, "default-categories", "Default rate by category");
        page.paragraph("For each text column of application_train: clients and defaults per category, the default"
                + " rate and its 95% Wilson interval (narrow for large categories, wide for small ones). The charts"
                + " show the " + CATEGORY_CHARTS + " text columns with the highest information value, their "
                + CATEGORIES_CHARTED + " largest categories at most; red above the overall rate of "
                + percent(overall) + ", green below.");
        for (TargetAssociation a : byIv.stream().filter(TargetAssociation::text).limit(CATEGORY_CHARTS).toList()) {
            List<SvgChart.Bar> bars = a.bins().stream()
                    .sorted(Comparator.comparingLong(TargetAssociation.Bin::clients).reversed())
                    .limit(CATEGORIES_CHARTED)
                    .sorted(Comparator.comparingDouble(TargetAssociation.Bin::rate).reversed())
                    .map(b -> new SvgChart.Bar(b.label() + " (" + count(b.clients()) + ")", b.rate() * 100,
                            b.rate() > overall ? SvgChart.RED : SvgChart.GREEN)).toList();
            page.figure(SvgChart.bars("Default rate by " + a.variable(), "Default rate in percent for each category"
                    + " of " + a.variable() + ", with its number of clients", bars, 1, 300),
                    "Default rate (%) by " + a.variable() + " (IV " + number(a.iv(), 3) + "), clients in brackets.");
        }
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
