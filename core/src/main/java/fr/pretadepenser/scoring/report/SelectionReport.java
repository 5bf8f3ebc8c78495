package fr.pretadepenser.scoring.report;

import fr.pretadepenser.scoring.model.selection.SelectionMethod;
import fr.pretadepenser.scoring.model.selection.SelectionResult;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The feature-selection report: the vote of the methods, the out-of-fold AUC of "select, then train" against the
 * number of features kept, what each size costs to train and to score, and the features every method rejects. One
 * self-contained XHTML page, charts as inline SVG, from a {@link SelectionResult}.
 */
public final class SelectionReport {

    /** The file name of the report. */
    public static final String HTML = "selection.html";

    /** The file name of the result it is made from, beside it. */
    public static final String JSON = "selection.json";

    /** Features shown in the vote table. */
    private static final int VOTE_ROWS = 60;

    /** Names listed of the features every method rejects. */
    private static final int REJECTED_NAMES = 300;

    private SelectionReport() {
    }

    /** Writes {@link #HTML} and {@link #JSON} into {@code folder}, each through a temporary file renamed. */
    public static Path write(SelectionResult result, Path folder) throws IOException {
        Files.createDirectories(folder);
        result.write(folder.resolve(JSON));
        Path html = folder.resolve(HTML);
        Path temporary = Files.createTempFile(folder, "." + HTML, ".partial");
        try {
            Files.writeString(temporary, xhtml(result), StandardCharsets.UTF_8);
            Files.move(temporary, html, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
        return html;
    }

    /** The report as a well-formed XHTML document. */
    public static String xhtml(SelectionResult r) {
        Xhtml page = new Xhtml();
        page.raw("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\" xml:lang=\"en\">\n<head>"
                + "\n<meta charset=\"UTF-8\"/>\n<title>Feature selection</title>\n<style>\n"
                + MethodologyReport.STYLE + "</style>\n</head>\n<body>\n<main>");
        page.heading(1, "top", "Feature selection inside cross-validation");
        SelectionResult.SizeResult all = r.sizes().get(r.sizes().size() - 1);
        SelectionResult.SizeResult best = r.sizes().stream().filter(s -> s.size() == r.recommended()).findFirst()
                .orElse(all);
        page.paragraph(String.format(Locale.ROOT, "Prêt à dépenser - which of the %d features matter. Generated %s"
                        + " from %s labelled applications in %d outer folds, in %s. For each fold, every method saw"
                        + " only that fold's training rows, the vote was taken there, and a model on the vote's top K"
                        + " features was trained there and judged on the fold's held-out rows: the AUCs below are"
                        + " honest, unlike a selection made on every row before validating.", r.candidates(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS), Xhtml.count(r.rows()), r.folds(),
                duration(r.seconds())));
        page.paragraph(String.format(Locale.ROOT, "Recommended: %d features, the fewest within %.3f of the best"
                        + " out-of-fold AUC: %.4f (fold spread %.4f) against %.4f with all %d; one application scored"
                        + " and explained in %.3f ms instead of %.3f ms.", r.recommended(),
                SelectionResult.AUC_TOLERANCE, best.auc(), best.spread(), all.auc(), all.size(),
                best.oneRowMillis(), all.oneRowMillis()));

        page.heading(2, "size", "1. Out-of-fold AUC against the number of features kept");
        page.figure(aucChart(r), "Out-of-fold ROC AUC of select-then-train (solid) with one fold standard"
                + " deviation either side (dashed); the last point uses every feature.");
        List<List<String>> rows = new ArrayList<>();
        for (SelectionResult.SizeResult s : r.sizes()) {
            rows.add(List.of(s.size() == r.candidates() ? s.size() + " (all)" : String.valueOf(s.size()),
                    Xhtml.number(s.auc(), 4), Xhtml.number(s.spread(), 4),
                    String.join(" ", s.foldAuc().stream().map(a -> Xhtml.number(a, 4)).toList()),
                    String.valueOf(s.rounds()), Xhtml.number(s.trainSeconds(), 1), Xhtml.number(s.oneRowMillis(), 3)));
        }
        page.table("Select, then train, at each size", List.of("features", "out-of-fold AUC", "fold spread",
                "fold AUCs", "trees", "training s per fold", "one application ms"), rows, true);
        page.paragraph("Training time is one fold's fit with early stopping on the fold's held-out rows, as the"
                + " product's own cross-validation; one application is its probability and exact TreeSHAP"
                + " explanation by one XGBoost thread, as the server computes it (median of 200 applications),"
                + " without the feature SQL, which a smaller model also shortens (a table none of its features come"
                + " from is not queried).");

        page.heading(2, "vote", "2. The vote");
        page.paragraph(String.format(Locale.ROOT, "Each method votes for its top %d features among those it does not"
                        + " reject (score above zero); the features are ranked by votes, then by their mean rank over"
                        + " the methods. Stability is the share of the %d outer folds whose own vote put the feature"
                        + " in its top %d. Null importance does not vote: it tells whether a feature's boosting gain"
                        + " beats nine in ten of its gains when the target is shuffled (%d shuffles).", r.voteTop(),
                r.folds(), r.voteTop(), r.nullShuffles()));
        List<String> methods = r.methods();
        page.paragraph("Method columns of the vote table, by short name: " + String.join("; ", methods.stream()
                .map(m -> m + " = " + SelectionMethod.of(m).label()).toList()) + ".");
        List<String> headers = new ArrayList<>(List.of("rank", "feature", "original variable"));
        headers.addAll(methods);
        headers.addAll(List.of("votes", "stability"));
        // Fixed widths, so that the seven verdict columns fit beside the two long names.
        int[] widths = new int[headers.size()];
        Arrays.fill(widths, 5);
        widths[1] = 26;
        widths[2] = 22;
        // The last column (stability) takes what is left of the page.
        widths[widths.length - 1] = Math.max(5, 100 - (Arrays.stream(widths).sum() - 5));
        List<List<String>> vote = new ArrayList<>();
        for (SelectionResult.FeatureVerdict f : r.features().subList(0, Math.min(VOTE_ROWS, r.features().size()))) {
            List<String> row = new ArrayList<>(List.of(String.valueOf(f.rank()), f.name(),
                    f.table().equals("application") ? f.variable() : f.table() + "." + f.variable()));
            for (String m : methods) {
                boolean yes = Boolean.TRUE.equals(f.verdicts().get(m));
                row.add(m.equals("null") && !yes ? Xhtml.FLAG + "fails" : yes ? "yes" : "-");
            }
            row.add(String.valueOf(f.votes()));
            row.add(Xhtml.percent(f.stability()));
            vote.add(row);
        }
        page.table("The vote on every labelled row, top " + vote.size(), headers, vote, false, widths);
        page.figure(SvgChart.bars("Votes of the top 30", "Votes per feature, best first", r.features().stream()
                        .limit(30).map(f -> new SvgChart.Bar(f.name(), f.votes(), SvgChart.BLUE)).toList(), 0, 300),
                "Votes of the 30 best-ranked features (six methods vote).");

        page.heading(2, "null", "3. Null importance against the vote");
        page.paragraph(Double.isNaN(r.nullAgreement()) ? "Null importance was not run."
                : String.format(Locale.ROOT, "Of the %d recommended features, null importance passes %s; of all"
                        + " the features it passes, the vote ranks %d in the recommended %d.", r.recommended(),
                Xhtml.percent(r.nullAgreement()), passedInTop(r), r.recommended()));
        List<String> failing = r.features().stream().limit(r.recommended())
                .filter(f -> Boolean.FALSE.equals(f.verdicts().get("null"))).map(SelectionResult.FeatureVerdict::name)
                .toList();
        if (!failing.isEmpty()) {
            page.paragraph("Recommended features that null importance fails (their gain is no better than on a"
                    + " shuffled target: worth a look before they are kept): " + String.join(", ", failing) + ".");
        }

        page.heading(2, "rejected", "4. Features every method rejects");
        List<String> rejected = r.features().stream().filter(f -> f.votes() == 0
                && f.verdicts().entrySet().stream().noneMatch(Map.Entry::getValue)).map(SelectionResult.FeatureVerdict::name)
                .toList();
        page.paragraph(rejected.isEmpty() ? "None: every feature has a vote or passes null importance."
                : rejected.size() + " features have no vote and fail null importance"
                + (rejected.size() > REJECTED_NAMES ? " (the first " + REJECTED_NAMES + " listed)" : "") + ": "
                + String.join(", ", rejected.subList(0, Math.min(REJECTED_NAMES, rejected.size()))) + ".");

        page.heading(2, "methods", "5. The methods");
        List<List<String>> how = new ArrayList<>();
        for (String m : methods) {
            how.add(List.of(SelectionMethod.of(m).label(), HOW.getOrDefault(m, ""),
                    Xhtml.number(r.methodSeconds().getOrDefault(m, Double.NaN), 1)));
        }
        page.table("How each method scores a feature, and its time on every labelled row", List.of("method",
                "how, and missing values", "seconds"), how, true, 22, 66, 12);
        page.paragraph(String.format(Locale.ROOT, "The two filters read every training row of a fold; the"
                + " model-based methods read a stratified sample of at most %s of them, which keeps a Kaggle-size"
                + " run within its time.", Xhtml.count(r.sampleRows())));
        page.raw("</main>\n</body>\n</html>");
        return page.toString();
    }

    /** What each method does, and what it does with a missing value. */
    private static final Map<String, String> HOW = Map.of(
            "pearson", "|Pearson correlation| with the target (Hipparchus); a missing value is filled with the"
                    + " column's mean on the fold's rows, which keeps its mean and needs no sort.",
            "chi2", "scikit-learn's chi-square on features min-max scaled to [0, 1]; missing filled with the mean.",
            "rfe", "recursive elimination with a logistic regression (XGBoost gblinear, standardised features), 10%"
                    + " of the remaining dropped per step; missing left out, i.e. the mean after standardising.",
            "l1", "|coefficient| of an L1-penalised logistic regression (alpha 1e-3 per row); 0 is dropped; missing"
                    + " as for the elimination.",
            "forest", "total gain of a random forest (XGBoost random-forest mode, 100 trees, sqrt(p) features per"
                    + " split); missing values handled by the trees.",
            "boosting", "total gain of gradient-boosted trees with the product's default parameters.",
            "null", "boosting gain on the real target against its 90th percentile over shuffled targets.");

    private static int passedInTop(SelectionResult r) {
        return (int) r.features().stream().limit(r.recommended())
                .filter(f -> Boolean.TRUE.equals(f.verdicts().get("null"))).count();
    }

    private static String aucChart(SelectionResult r) {
        double[] x = r.sizes().stream().mapToDouble(SelectionResult.SizeResult::size).toArray();
        double[] auc = r.sizes().stream().mapToDouble(SelectionResult.SizeResult::auc).toArray();
        double[] lo = r.sizes().stream().mapToDouble(s -> s.auc() - s.spread()).toArray();
        double[] hi = r.sizes().stream().mapToDouble(s -> s.auc() + s.spread()).toArray();
        // The chart draws five intervals with two decimals: a span of 0.05 (or a multiple) puts a tick on each 0.01.
        double yMin = Math.floor(Arrays.stream(lo).min().orElse(0.5) * 100) / 100;
        double yMax = yMin + 0.05 * Math.max(1, Math.ceil((Arrays.stream(hi).max().orElse(1) - yMin) / 0.05 - 1e-9));
        return SvgChart.line("Out-of-fold AUC against features kept", "ROC AUC of select-then-train by size",
                "features kept", "out-of-fold ROC AUC", List.of(
                        new SvgChart.Series("out-of-fold AUC", x, auc, SvgChart.BLUE, false),
                        new SvgChart.Series("+1 fold s.d.", x, hi, SvgChart.GREY, true),
                        new SvgChart.Series("-1 fold s.d.", x, lo, SvgChart.GREY, true)),
                0, x[x.length - 1], yMin, yMax, r.recommended(), "recommended " + r.recommended(), true);
    }

    private static String duration(double seconds) {
        return seconds < 120 ? String.format(Locale.ROOT, "%.0f s", seconds)
                : String.format(Locale.ROOT, "%.1f min", seconds / 60);
    }
}
