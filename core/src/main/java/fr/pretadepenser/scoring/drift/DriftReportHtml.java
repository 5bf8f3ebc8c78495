package fr.pretadepenser.scoring.drift;

import fr.pretadepenser.scoring.report.SvgChart;
import fr.pretadepenser.scoring.report.Xhtml;

import java.util.ArrayList;
import java.util.List;

/**
 * The drift report as one self-contained XHTML page (inline SVG, no script): the verdict, how it is measured, the
 * score's distribution, the variables sorted by drift weighted by importance, and the distributions of the most
 * drifted ones, training against batch.
 */
final class DriftReportHtml {

    /** Variables listed in the table; the JSON has them all. */
    private static final int LISTED = 40;

    /** Variables whose distributions are drawn. */
    private static final int DRAWN = 6;

    private DriftReportHtml() {
    }

    static String xhtml(DriftReport r) {
        Xhtml page = new Xhtml();
        page.raw("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\" xml:lang=\"en\">\n<head>"
                + "\n<meta charset=\"UTF-8\"/>\n<title>" + Xhtml.escape("Data drift - model " + r.modelVersion())
                + "</title>\n<style>\n" + STYLE + "</style>\n</head>\n<body>\n<main>");
        page.heading(1, "top", "Data drift: " + r.current() + " against model " + r.modelVersion());
        long drifted = r.variables().stream().filter(v -> v.status() == DriftStatus.DRIFTED).count();
        long importantDrifted = r.variables().stream()
                .filter(v -> v.important() && v.status() == DriftStatus.DRIFTED).count();
        page.raw("<p class=\"summary\">" + Xhtml.escape("Status: " + word(r.status()) + ". "
                + Xhtml.count(r.rows()) + " applications compared on " + r.createdAt() + "; score PSI "
                + Xhtml.number(r.scorePsi(), 3) + " (" + word(r.scoreStatus()) + "); " + drifted
                + " variables drifted, " + importantDrifted + " of them among the " + r.importantTop()
                + " most important.") + "</p>");
        if (!r.withHistory()) {
            page.paragraph("The batch came without credit history files: every history feature is missing, which"
                    + " shows up as drift of the history variables.");
        }
        page.heading(2, "method", "Method");
        page.list(List.of(
                "Population stability index (PSI) per feature on the training decile bins stored in the model"
                        + " bundle, missing values counted as a bin of their own: sum of (current - training) x"
                        + " ln(current / training). A share below " + r.epsilon() + " counts as " + r.epsilon()
                        + ", so that an empty bin gives a large but finite index.",
                "Thresholds (credit-risk convention): below 0.10 stable, 0.10 to 0.25 investigate, 0.25 and above"
                        + " drifted.",
                "Per original variable: the largest PSI of its features (one category of a one-hot variable"
                        + " moving is enough), and the test on that feature.",
                "The bundle keeps only binned shares, not the training values: the Kolmogorov-Smirnov statistic"
                        + " (numeric variables) is the largest gap between the binned cumulative distributions"
                        + " (conservative), with the asymptotic Kolmogorov p-value; the chi-square test"
                        + " (categorical variables) compares the batch's bin counts, missing included, with the"
                        + " training shares. With thousands of rows the tests flag tiny shifts: read the PSI first.",
                "Variables are sorted by PSI x importance (their share of the model's mean |SHAP|). The status is"
                        + " drifted when the score or one of the " + r.importantTop() + " most important variables"
                        + " has a PSI of 0.25 or more."));
        page.heading(2, "score", "Score distribution");
        page.figure(distribution("Probability of default", r.scoreBins()), "Share of applications per bin of the"
                + " training out-of-fold probability, training (blue) against this batch (orange). PSI "
                + Xhtml.number(r.scorePsi(), 3) + ".");
        page.heading(2, "variables", "Variables by drift weighted by importance");
        List<List<String>> rows = new ArrayList<>();
        for (DriftReport.VariableDrift v : r.variables().subList(0, Math.min(LISTED, r.variables().size()))) {
            String status = word(v.status());
            rows.add(List.of(v.table() + "." + v.variable(), v.feature(), Xhtml.number(v.psi(), 3),
                    v.status() == DriftStatus.STABLE ? status : Xhtml.FLAG + status,
                    v.test() + " " + Xhtml.number(v.statistic(), 3), pValue(v.pValue()),
                    Xhtml.percent(v.importance()) + (v.important() ? " (top " + r.importantTop() + ")" : ""),
                    Xhtml.number(v.weightedDrift(), 4)));
        }
        page.table("The " + rows.size() + " variables with the largest weighted drift (of " + r.variables().size()
                        + "; drift.json has them all)",
                List.of("Variable", "Most drifted feature", "PSI", "Status", "Test", "p-value", "Importance",
                        "PSI x importance"), rows, true);
        page.heading(2, "categories", "Categories the model scores as none of its own");
        if (r.categories().isEmpty()) {
            page.paragraph("Every text value of the batch is a category the model saw in training.");
        } else {
            List<List<String>> categories = new ArrayList<>();
            for (DriftReport.CategoryCount c : r.categories()) {
                categories.add(List.of(c.table() + "." + c.column(), Xhtml.count(c.unseen()), Xhtml.count(c.unknown()),
                        c.values().entrySet().stream().limit(LISTED).map(e -> e.getKey() + " (" + e.getValue() + ")")
                                .collect(java.util.stream.Collectors.joining(", "))));
            }
            page.table("Rows whose value training never saw (a category of the Kaggle files) or the Kaggle files"
                            + " lack: both are scored as none of the column's categories",
                    List.of("Column", "Rows never seen in training", "Rows of no Kaggle category", "Values (rows)"),
                    categories, true);
        }
        page.heading(2, "distributions", "Distributions of the most drifted variables");
        List<DriftReport.VariableDrift> drawn = r.variables().stream()
                .sorted((a, b) -> Double.compare(b.psi(), a.psi())).limit(DRAWN).toList();
        for (DriftReport.VariableDrift v : drawn) {
            page.heading(3, "d-" + v.feature(), v.table() + "." + v.variable() + " (" + v.feature() + ")");
            page.figure(distribution(v.feature(), v.bins()), "Share per training bin, training (blue) against"
                    + " this batch (orange). PSI " + Xhtml.number(v.psi(), 3) + ", " + word(v.status()) + ".");
        }
        page.raw("</main>\n</body>\n</html>");
        return page.toString();
    }

    private static String distribution(String name, List<DriftReport.Bin> bins) {
        List<SvgChart.Bar> bars = new ArrayList<>();
        for (DriftReport.Bin bin : bins) {
            if (bin.label().equals("missing") && bin.reference() == 0 && bin.current() == 0) {
                continue;
            }
            bars.add(new SvgChart.Bar(bin.label() + " training", bin.reference(), SvgChart.BLUE));
            bars.add(new SvgChart.Bar(bin.label() + " batch", bin.current(), SvgChart.ORANGE));
        }
        return SvgChart.bars(name + ": training against batch", "Share of values per bin of " + name
                + ", training then batch for each bin.", bars, 3);
    }

    private static String pValue(double p) {
        return p < 1e-4 ? "< 0.0001" : Xhtml.number(p, 4);
    }

    private static String word(DriftStatus status) {
        return switch (status) {
            case STABLE -> "stable";
            case INVESTIGATE -> "investigate";
            case DRIFTED -> "DRIFTED";
        };
    }

    // Black text on white, dark accents: contrast well above 4.5:1. Flags say their status in words too.
    private static final String STYLE = """
            body { font-family: Helvetica, Arial, sans-serif; color: #000000; background: #ffffff; font-size: 10.5pt;
                   line-height: 1.35; }
            main { max-width: 760px; margin: 0 auto; }
            h1 { font-size: 17pt; color: #1f4e79; }
            h2 { font-size: 14pt; color: #1f4e79; border-bottom: 1px solid #1f4e79; margin-top: 22px; }
            h3 { font-size: 11.5pt; }
            p.summary { border: 1px solid #1f4e79; padding: 6px 8px; background: #eef3f8; }
            table { border-collapse: collapse; margin: 8px 0 14px 0; font-size: 8.5pt; width: 100%; }
            caption { text-align: left; font-weight: bold; padding-bottom: 4px; }
            th, td { border: 1px solid #8c8c8c; padding: 2px 4px; text-align: left; vertical-align: top; }
            thead th { background: #dde6ef; }
            td.flag { color: #b00020; font-weight: bold; }
            figure { margin: 10px 0; }
            figcaption { font-size: 9pt; font-style: italic; }
            svg { display: block; }
            """;
}
