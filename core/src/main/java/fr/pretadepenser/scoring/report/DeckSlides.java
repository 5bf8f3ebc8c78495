package fr.pretadepenser.scoring.report;

import fr.pretadepenser.scoring.explain.Contribution;
import fr.pretadepenser.scoring.explain.Explanation;
import fr.pretadepenser.scoring.explain.Language;
import fr.pretadepenser.scoring.explain.ReasonCode;
import fr.pretadepenser.scoring.explain.VariableLabels;
import fr.pretadepenser.scoring.features.Feature;
import fr.pretadepenser.scoring.features.FeatureFiles;
import fr.pretadepenser.scoring.features.FeatureGroup;
import fr.pretadepenser.scoring.features.FeatureManifest;
import fr.pretadepenser.scoring.model.bundle.BundleManifest;
import fr.pretadepenser.scoring.model.bundle.VariableImportance;
import fr.pretadepenser.scoring.model.evaluation.Confusion;
import fr.pretadepenser.scoring.model.evaluation.Fairness;
import fr.pretadepenser.scoring.model.evaluation.Threshold;
import fr.pretadepenser.scoring.score.Score;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Collections;
import java.util.Locale;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import static fr.pretadepenser.scoring.report.Xhtml.escape;

/**
 * The committee deck's slides, in order: what each says and shows, every figure read from the bundle, the database
 * evidence or the drift report, every word from {@link DeckText}. Layout is {@link DeckReport}'s.
 */
final class DeckSlides {

    /** Variables in the global importance chart. */
    private static final int TOP_VARIABLES = 10;
    /** Steps of a client's waterfall before "n other variables". */
    private static final int STEPS = 8;
    /** Reason sentences shown per example client. */
    private static final int REASONS = 4;
    /** The width of a slide's content, in CSS pixels: 960 less the margins. */
    private static final int CONTENT = 888;

    /**
     * One slide.
     *
     * @param id    its anchor ({@code slide-3})
     * @param title its heading
     * @param body  its content, well-formed XHTML
     */
    record Slide(String id, String title, String body) {
    }

    private final BundleManifest m;
    private final FeatureManifest features;
    private final DeckText text;
    private final NumberStyle n;
    private final VariableLabels labels;
    private final DeckEvidence evidence;
    private final DeckInputs inputs;

    DeckSlides(BundleManifest manifest, FeatureManifest features, DeckText text, VariableLabels labels,
               DeckEvidence evidence, DeckInputs inputs) {
        this.m = manifest;
        this.features = features;
        this.text = text;
        this.n = NumberStyle.of(text.language());
        this.labels = labels;
        this.evidence = evidence;
        this.inputs = inputs;
    }

    /** Every slide, in the order they are shown. */
    List<Slide> all() {
        List<Slide> slides = new ArrayList<>();
        slides.add(slide(slides, "deck.title", title()));
        slides.add(slide(slides, "context.title", context()));
        slides.add(slide(slides, "data.title", data()));
        slides.add(slide(slides, "findings.title", findings()));
        slides.add(slide(slides, "features.title", features()));
        slides.add(slide(slides, "model.title", model()));
        slides.add(slide(slides, "cost.title", cost()));
        slides.add(slide(slides, "global.title", global()));
        slides.add(slide(slides, "local.refused.title", client(evidence.refused(), true)));
        slides.add(slide(slides, "local.granted.title", client(evidence.granted(), false)));
        slides.add(slide(slides, "fairness.title", fairness()));
        slides.add(slide(slides, "drift.title", drift()));
        slides.add(slide(slides, "dashboard.title", dashboard()));
        slides.add(slide(slides, "limits.title", limits()));
        return slides;
    }

    private Slide slide(List<Slide> before, String titleKey, String body) {
        return new Slide("slide-" + (before.size() + 1), text.get(titleKey), body);
    }

    // The figures a reader checks first, repeated from the slides they come from.
    private String title() {
        StringBuilder s = new StringBuilder();
        s.append("<p class=\"subtitle\">").append(escape(text.get("deck.subtitle"))).append("</p>\n");
        s.append(paragraph(text.get("deck.model", "version", m.version(), "date", date(m.createdAt()),
                "rows", n.count(m.trainingRows()))));
        s.append("<div class=\"kpis\">\n");
        kpi(s, n.number(m.model().rocAuc(), 4), text.get("deck.kpi.auc"));
        kpi(s, n.percent(m.threshold(), 1), text.get("deck.kpi.threshold"));
        kpi(s, n.percent(m.atThreshold().approvalRate(), 1), text.get("deck.kpi.approval"));
        kpi(s, n.percent(1 - m.normalizedCost(), 1), text.get("deck.kpi.saving"));
        s.append("</div>\n");
        s.append("<p class=\"note\">").append(escape(text.get("deck.generated"))).append("</p>\n");
        return s.toString();
    }

    private static void kpi(StringBuilder s, String value, String label) {
        s.append("<div class=\"kpi\"><p class=\"kpi-value\">").append(escape(value))
                .append("</p><p class=\"kpi-label\">").append(escape(label)).append("</p></div>\n");
    }

    private String context() {
        return list(List.of(text.get("context.1"), text.get("context.2"), costSentence("context.3"),
                text.get("context.4"), text.get("context.5")));
    }

    private String data() {
        long labelled = evidence.labelled() > 0 ? evidence.labelled() : m.trainingRows();
        long defaults = evidence.labelled() > 0 ? evidence.defaults() : Math.round(m.defaultRate() * m.trainingRows());
        double rate = defaults / (double) Math.max(1, labelled);
        StringBuilder left = new StringBuilder(paragraph(text.get("data.intro", "labelled", n.count(labelled),
                "defaults", n.count(defaults), "rate", n.percent(rate, 1))));
        if (!evidence.volumes().isEmpty()) {
            List<List<String>> rows = new ArrayList<>();
            for (DeckEvidence.Volume v : evidence.volumes()) {
                rows.add(List.of(v.table(), n.count(v.rows()), text.get("data.role." + v.table())));
            }
            left.append(table(List.of(text.get("data.table"), text.get("data.rows"), text.get("data.role")), rows));
        }
        String chart = SvgChart.bars(text.get("data.balance.chart"), text.get("data.balance.desc", "good",
                        n.count(labelled - defaults), "bad", n.count(defaults)),
                List.of(new SvgChart.Bar(text.get("data.repaid") + " (" + n.count(labelled - defaults) + ")",
                                100 * (1 - rate), SvgChart.GREEN),
                        new SvgChart.Bar(text.get("data.defaulted") + " (" + n.count(defaults) + ")", 100 * rate,
                                SvgChart.RED)), 1, 170, n, chartWidth(45));
        String right = "<h3>" + escape(text.get("data.balance")) + "</h3>\n" + chart
                + paragraph(text.get("data.balance.note", "good_share", n.percent(1 - rate, 1)));
        return columns(left.toString(), right, 52);
    }

    private String findings() {
        if (evidence.labelled() == 0) {
            return paragraph(evidence.unreadable().isEmpty() ? text.get("findings.none")
                    : text.get("findings.unreadable", "error", evidence.unreadable()));
        }
        List<String> items = new ArrayList<>();
        String chart = "";
        if (evidence.strongest().isPresent()) {
            DeckEvidence.Deciles d = evidence.strongest().get();
            String name = labels.label(d.table(), d.variable(), text.language());
            double high = d.rates().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
            double low = d.rates().stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
            items.add(text.get("findings.strongest", "variable", name, "high", n.percent(high, 1), "low",
                    n.percent(low, 1)));
            double overall = evidence.defaults() / (double) evidence.labelled();
            // Days are counted back from the application (negative): their lowest decile is the oldest, so the
            // order is turned round to read from the youngest or most recent, as the variable's label does.
            List<Double> rates = new ArrayList<>(d.rates());
            if (labels.unit(d.table(), d.variable()) == VariableLabels.Unit.DAYS) {
                Collections.reverse(rates);
            }
            List<SvgChart.Bar> bars = new ArrayList<>();
            for (int i = 0; i < rates.size(); i++) {
                double r = rates.get(i);
                bars.add(new SvgChart.Bar(text.get("findings.decile", "n", i + 1), 100 * r,
                        r > overall ? SvgChart.RED : SvgChart.GREEN));
            }
            chart = SvgChart.bars(text.get("findings.chart", "variable", name),
                    text.get("findings.chart.desc", "variable", name), bars, 1, 90, n, chartWidth(45));
        }
        evidence.sentinel().ifPresent(s -> items.add(text.get("findings.sentinel", "count", n.count(s.count()),
                "share", n.percent(s.share(), 1), "rate", n.percent(s.rate(), 1), "others",
                n.percent(s.othersRate(), 1))));
        evidence.noBureau().ifPresent(s -> items.add(text.get("findings.history", "share", n.percent(s.share(), 1),
                "rate", n.percent(s.rate(), 1), "others", n.percent(s.othersRate(), 1))));
        String left = numbered(items) + "<p class=\"note\">" + escape(text.get("findings.more")) + "</p>\n";
        return chart.isEmpty() ? left : columns(left, chart, 52);
    }

    private String features() {
        Map<FeatureGroup, Integer> groups = new EnumMap<>(FeatureGroup.class);
        Map<String, Integer> perTable = new TreeMap<>();
        Map<String, Set<String>> variables = new TreeMap<>();
        for (Feature f : features.features()) {
            FeatureGroup.of(f.name()).ifPresent(g -> groups.merge(g, 1, Integer::sum));
            perTable.merge(f.table(), 1, Integer::sum);
            variables.computeIfAbsent(f.table(), k -> new HashSet<>()).add(f.variable());
        }
        List<String> items = new ArrayList<>();
        items.add(text.get("features.kernel"));
        if (!groups.isEmpty()) {
            List<String> names = new ArrayList<>();
            groups.forEach((g, count) -> names.add(text.get("group." + g.key()) + " (" + count + ")"));
            items.add(text.get("features.groups", "count", groups.values().stream().mapToInt(i -> i).sum(),
                    "groups", String.join(", ", names)));
        }
        if (m.selection() != null) {
            items.add(text.get("features.selection", "kept", n.count(m.selection().kept()), "candidates",
                    n.count(m.selection().candidates()), "methods", m.selection().methods().size(), "auc",
                    m.selection().nestedAuc() == null ? "n/a" : n.number(m.selection().nestedAuc(), 4)));
        } else {
            items.add(text.get("features.noSelection", "count", n.count(m.featureCount())));
        }
        List<List<String>> rows = new ArrayList<>();
        perTable.forEach((table, count) -> rows.add(List.of(table, n.count(count),
                n.count(variables.get(table).size()))));
        return columns(list(items), "<h3>" + escape(text.get("features.perTable")) + "</h3>\n"
                + table(List.of(text.get("features.source"), text.get("features.count"),
                text.get("features.variables")), rows), 55);
    }

    private String model() {
        List<String> items = new ArrayList<>(List.of(
                text.get("model.1", "rounds", m.rounds(), "trials", m.search().size()),
                text.get("model.2", "folds", m.settings().folds()),
                text.get("model.3", "auc", n.number(m.model().rocAuc(), 4), "sd", n.number(m.model().aucSpread(), 4),
                        "logistic", n.number(m.logistic().rocAuc(), 4))));
        List<SvgChart.Bar> bars = new ArrayList<>();
        bars.add(new SvgChart.Bar(text.get("model.xgboost"), m.model().rocAuc(), SvgChart.BLUE));
        bars.add(new SvgChart.Bar(text.get("model.logistic"), m.logistic().rocAuc(), SvgChart.ORANGE));
        if (m.scorecard() != null) {
            items.add(text.get("model.scorecard", "variables", m.scorecard().variables().size(), "auc",
                    n.number(m.scorecard().evaluation().rocAuc(), 4)));
            bars.add(new SvgChart.Bar(text.get("model.scorecardName"), m.scorecard().evaluation().rocAuc(),
                    SvgChart.ORANGE));
        }
        bars.add(new SvgChart.Bar(text.get("model.prior"), m.prior().rocAuc(), SvgChart.GREY));
        return columns(list(items), SvgChart.bars(text.get("model.chart"), text.get("model.chart.desc"), bars, 4,
                180, n, chartWidth(49)), 48);
    }

    private String cost() {
        Confusion at = m.atThreshold();
        long applications = at.total();
        long positives = at.truePositives() + at.falseNegatives();
        String threshold = n.percent(m.threshold(), 1);
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of(text.get("cost.grantAll"), n.percent(1, 1), n.count(positives), n.count(0),
                n.number(m.cost().falseNegative() * positives / applications, 3)));
        rows.add(policy(text.get("cost.half"), m.atHalf(), applications));
        rows.add(policy(text.get("cost.model", "threshold", threshold), at, applications));
        String left = paragraph(text.get("cost.1", "threshold", threshold))
                + table(List.of(text.get("cost.policy"), text.get("cost.approval"), text.get("cost.missed"),
                text.get("cost.refusedGood"), text.get("cost.perApplication")), rows)
                + "<p class=\"note\">" + escape(costSentence("cost.note")) + "</p>\n";
        List<Threshold.Point> curve = m.costCurve();
        double[] x = curve.stream().mapToDouble(Threshold.Point::threshold).toArray();
        double[] y = curve.stream().mapToDouble(Threshold.Point::normalizedCost).toArray();
        double yMax = Math.max(1, Math.ceil(java.util.Arrays.stream(y).max().orElse(1) * 10) / 10);
        String chart = SvgChart.line(text.get("cost.chart"), text.get("cost.chart.desc", "cost",
                        n.number(m.normalizedCost(), 3), "threshold", threshold),
                text.get("cost.axis.threshold"), text.get("cost.axis.cost"),
                List.of(new SvgChart.Series(text.get("cost.axis.cost"), x, y, SvgChart.BLUE, false)),
                0, 1, 0, yMax, m.threshold(), text.get("cost.mark", "threshold", threshold), false, n,
                chartWidth(51));
        return columns(left, chart, 46);
    }

    private List<String> policy(String name, Confusion c, long applications) {
        return List.of(name, n.percent(c.approvalRate(), 1), n.count(c.falseNegatives()), n.count(c.falsePositives()),
                n.number(m.cost().total(c) / applications, 3));
    }

    private String global() {
        List<VariableImportance> top = m.shapImportance().stream().limit(TOP_VARIABLES).toList();
        List<SvgChart.Bar> bars = new ArrayList<>();
        for (VariableImportance v : top) {
            bars.add(new SvgChart.Bar(labels.label(v.table(), v.variable(), text.language()), v.value(),
                    SvgChart.BLUE));
        }
        return paragraph(text.get("global.intro", "n", top.size()))
                + SvgChart.bars(text.get("global.chart"), text.get("global.chart.desc", "n", top.size()), bars, 3,
                320, n, chartWidth(97));
    }

    private String client(Optional<Score> example, boolean refused) {
        String decision = text.get(refused ? "local.refused" : "local.granted");
        if (example.isEmpty()) {
            return paragraph(text.get("local.none", "decision", decision, "why",
                    text.get(!evidence.unreadable().isEmpty() ? "local.unreadable"
                            : evidence.labelled() == 0 ? "local.noDatabase"
                            : !evidence.featuresMatch() ? "local.otherFeatures" : "local.noClient")));
        }
        Score score = example.get();
        Explanation e = score.explanation();
        String probability = n.percent(score.probability(), 1);
        StringBuilder left = new StringBuilder(paragraph(text.get("local.intro", "client", score.clientId(),
                "probability", probability, "decision", decision, "threshold", n.percent(m.threshold(), 1))));
        List<ReasonCode> reasons = refused ? score.against() : score.inFavour();
        left.append("<h3>").append(escape(text.get(refused ? "local.against" : "local.inFavour"))).append("</h3>\n");
        left.append(list(reasons.stream().limit(REASONS).map(ReasonCode::sentence).toList()));
        List<SvgChart.Bar> steps = new ArrayList<>();
        double rest = 0;
        int others = 0;
        for (int i = 0; i < e.contributions().size(); i++) {
            Contribution c = e.contributions().get(i);
            if (i < STEPS) {
                steps.add(new SvgChart.Bar(labels.label(c.table(), c.variable(), text.language()), c.value(),
                        c.value() > 0 ? SvgChart.RED : SvgChart.GREEN));
            } else {
                rest += c.value();
                others++;
            }
        }
        if (others > 0) {
            steps.add(new SvgChart.Bar(text.get("local.others", "n", others), rest,
                    rest > 0 ? SvgChart.RED : SvgChart.GREEN));
        }
        String chart = SvgChart.waterfall(text.get("local.chart", "client", score.clientId()),
                text.get("local.chart.desc", "base", n.number(e.baseValue(), 3), "margin", n.number(e.margin(), 3)),
                e.baseValue(), steps, text.get("local.end", "probability", probability), text.get("local.base"),
                text.get("local.axis"), n, chartWidth(57));
        return columns(left.toString(), chart, 40);
    }

    private String fairness() {
        List<List<String>> rows = new ArrayList<>();
        int flagged = 0;
        for (Map.Entry<String, List<Fairness.Group>> attribute : m.fairness().entrySet()) {
            for (Fairness.Group g : attribute.getValue()) {
                flagged += g.flagged() ? 1 : 0;
                String ratio = n.number(g.impactRatio(), 2) + " "
                        + text.get(g.flagged() ? "fairness.review" : "fairness.ok");
                // The gender's groups are its stored codes (F, M): shown by their labels; age bands read as they are.
                String group = labels.category(FeatureFiles.APPLICATION, attribute.getKey(), g.group(),
                        text.language());
                rows.add(List.of(text.get("fairness." + attribute.getKey().replace(' ', '_')), group,
                        n.count(g.applications()), n.percent(g.approvalRate(), 1), n.percent(g.defaultRate(), 1),
                        g.flagged() ? Xhtml.FLAG + ratio : ratio));
            }
        }
        return paragraph(text.get("fairness.intro", "flag", n.number(Fairness.FLAG_BELOW, 1)))
                + table(List.of(text.get("fairness.attribute"), text.get("fairness.group"),
                text.get("fairness.applications"), text.get("fairness.approval"), text.get("fairness.defaultRate"),
                text.get("fairness.ratio")), rows)
                + paragraph(text.get("fairness.note", "flagged", flagged));
    }

    private String drift() {
        StringBuilder s = new StringBuilder(paragraph(text.get("drift.intro")));
        if (inputs.drift().isEmpty()) {
            return s.append(paragraph(text.get("drift.none"))).toString();
        }
        DeckInputs.Drift d = inputs.drift().get();
        s.append(paragraph(text.get("drift.latest", "rows", n.count(d.rows()), "batch", d.batch(), "psi",
                n.number(d.scorePsi(), 3), "status", text.get("drift.status." + d.scoreStatus()), "drifted",
                d.drifted())));
        List<List<String>> rows = new ArrayList<>();
        for (DeckInputs.Moved v : d.moved()) {
            String status = text.get("drift.status." + v.status());
            rows.add(List.of(labels.label(v.table(), v.variable(), text.language()), n.number(v.psi(), 3),
                    v.status().equals("DRIFTED") ? Xhtml.FLAG + status : status));
        }
        if (!rows.isEmpty()) {
            s.append("<h3>").append(escape(text.get("drift.top"))).append("</h3>\n").append(table(List.of(
                    text.get("drift.variable"), text.get("drift.psi"), text.get("drift.status")), rows));
        }
        return s.toString();
    }

    private String dashboard() {
        String items = list(List.of(text.get("dashboard.1"), text.get("dashboard.2"), text.get("dashboard.3")));
        List<String> shots = new ArrayList<>();
        for (String[] shot : new String[][]{{"client.png", "dashboard.client"}, {"model.png", "dashboard.model"}}) {
            Path file = inputs.screenshots() == null ? null : inputs.screenshots().resolve(shot[0]);
            if (file != null && Files.isRegularFile(file)) {
                shots.add("<figure class=\"shot\"><img src=\"data:image/png;base64," + base64(file) + "\" alt=\""
                        + escape(text.get(shot[1])) + "\"/><figcaption>" + escape(text.get(shot[1]))
                        + "</figcaption></figure>");
            }
        }
        if (shots.isEmpty()) {
            return items + paragraph(text.get("dashboard.none"));
        }
        return items + "<div class=\"shots\">" + String.join("\n", shots) + "</div>\n";
    }

    private String limits() {
        String limits = list(List.of(text.get("limits.1"), text.get("limits.2"), costSentence("limits.3"),
                text.get("limits.4")));
        String next = "<h3>" + escape(text.get("next.title")) + "</h3>\n"
                + list(List.of(text.get("next.1"), text.get("next.2"), text.get("next.3")));
        return columns(limits, next, 55);
    }

    private String costSentence(String key) {
        return text.get(key, "fn", n.number(m.cost().falseNegative(), 0), "fp", n.number(m.cost().falsePositive(), 0));
    }

    /** The training day of an ISO-8601 instant, written out ("3 décembre 2026", "3 December 2026"). */
    private String date(String instant) {
        Locale locale = text.language() == Language.EN ? Locale.UK : Locale.FRANCE;
        return DateTimeFormatter.ofPattern("d MMMM yyyy", locale).format(Instant.parse(instant).atZone(ZoneOffset.UTC));
    }

    private static String base64(Path file) {
        try {
            return Base64.getEncoder().encodeToString(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String paragraph(String text) {
        return "<p>" + escape(text) + "</p>\n";
    }

    private static String list(List<String> items) {
        return new Xhtml().list(items).toString();
    }

    private static String numbered(List<String> items) {
        StringBuilder s = new StringBuilder("<ol>\n");
        items.forEach(i -> s.append("<li>").append(escape(i)).append("</li>\n"));
        return s.append("</ol>\n").toString();
    }

    private static String table(List<String> headers, List<List<String>> rows) {
        return new Xhtml().table("", headers, rows, true).toString();
    }

    /** The width a chart drawn in a column of {@code percent} of the slide fills. */
    private static int chartWidth(int percent) {
        return CONTENT * percent / 100 - 16;
    }

    /** Two columns side by side, the left one {@code leftPercent} of the width. */
    private static String columns(String left, String right, int leftPercent) {
        return "<div class=\"col\" style=\"width: " + leftPercent + "%\">\n" + left + "</div><div class=\"col\""
                + " style=\"width: " + (97 - leftPercent) + "%\">\n" + right + "</div>\n";
    }
}
