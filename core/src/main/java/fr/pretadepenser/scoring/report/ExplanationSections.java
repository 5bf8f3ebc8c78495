package fr.pretadepenser.scoring.report;

import fr.pretadepenser.scoring.explain.Contribution;
import fr.pretadepenser.scoring.explain.Explanation;
import fr.pretadepenser.scoring.features.FeatureFiles;
import fr.pretadepenser.scoring.model.bundle.BundleManifest;
import fr.pretadepenser.scoring.model.bundle.VariableImportance;
import fr.pretadepenser.scoring.model.evaluation.Fairness;
import fr.pretadepenser.scoring.schema.Column;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;

import java.util.ArrayList;
import java.util.List;

import static fr.pretadepenser.scoring.report.Xhtml.count;
import static fr.pretadepenser.scoring.report.Xhtml.number;
import static fr.pretadepenser.scoring.report.Xhtml.percent;

/**
 * The sections of the methodology note about explanations (global importance, one worked client), fairness and
 * the limits of the model.
 */
final class ExplanationSections {

    private static final int TOP = 20;
    private static final int STEPS = 10;

    private final BundleManifest m;
    private final HomeCreditSchema schema;

    ExplanationSections(BundleManifest manifest, HomeCreditSchema schema) {
        this.m = manifest;
        this.schema = schema;
    }

    void importance(Xhtml page) {
        page.heading(2, "importance", "6. Global importance");
        List<VariableImportance> top = m.shapImportance().stream().limit(TOP).toList();
        page.paragraph("Mean absolute SHAP contribution (log-odds) per original variable: the contributions of all"
                + " the features made from one variable (aggregates, one-hot columns) are added up first. The "
                + top.size() + " most important of " + m.shapImportance().size() + " variables are shown.");
        List<SvgChart.Bar> bars = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        int rank = 1;
        for (VariableImportance c : top) {
            String description = description(c.table(), c.variable());
            bars.add(new SvgChart.Bar(c.variable() + (description.isEmpty() ? " (" + c.table() + ")"
                    : ": " + description), c.value(), SvgChart.BLUE));
            rows.add(List.of(String.valueOf(rank++), c.variable(), c.table(),
                    description.isEmpty() ? "(derived or history variable)" : description, number(c.value(), 4)));
        }
        page.figure(SvgChart.bars("Mean absolute SHAP per original variable, top " + top.size(),
                        "Bar chart of the " + top.size() + " variables with the largest mean absolute SHAP value;"
                                + " the same figures are in the table below.", bars, 4, 380),
                "Figure 6. Global importance: mean |SHAP| per original variable (log-odds).");
        page.table("Top variables by mean |SHAP|", List.of("Rank", "Variable", "Source table", "Description",
                "Mean |SHAP|"), rows, true, 6, 24, 17, 41, 12);
    }

    void workedExample(Xhtml page, WorkedExample example) {
        page.heading(2, "local", "7. A worked local explanation");
        page.paragraph("Client " + example.client() + " has the out-of-fold probability nearest the threshold: "
                + number(example.outOfFold(), 4) + " against " + number(m.threshold(), 4) + " (observed outcome: "
                + (example.outcome() == 1 ? "defaulted" : "repaid") + ").");
        if (example.explanation().isEmpty()) {
            page.paragraph("No local explanation in this note: " + example.unavailable() + ".");
            return;
        }
        Explanation e = example.explanation().get();
        boolean refused = e.probability() >= m.threshold();
        page.paragraph("The final model (trained on all applications, this client included) gives it "
                + number(e.probability(), 4) + ", hence " + (refused ? "refused" : "granted") + " at the threshold;"
                + " the out-of-fold figure differs because it comes from a fold model that did not see the client."
                + " The waterfall goes from the base value (the average log-odds, " + number(e.baseValue(), 3)
                + ") through the " + Math.min(STEPS, e.contributions().size()) + " largest contributions to the"
                + " client's log-odds " + number(e.margin(), 3) + ". Red pushes toward default, green away from it.");
        List<SvgChart.Bar> steps = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        double rest = 0;
        int others = 0;
        for (int i = 0; i < e.contributions().size(); i++) {
            Contribution c = e.contributions().get(i);
            if (i < STEPS) {
                steps.add(new SvgChart.Bar(c.variable() + " (" + c.table() + ")", c.value(),
                        c.value() > 0 ? SvgChart.RED : SvgChart.GREEN));
                String description = description(c.table(), c.variable());
                rows.add(List.of(c.variable(), c.table(), description.isEmpty() ? "-" : description,
                        (c.value() > 0 ? "+" : "") + number(c.value(), 4),
                        c.value() > 0 ? "toward default" : "away from default"));
            } else {
                rest += c.value();
                others++;
            }
        }
        if (others > 0) {
            steps.add(new SvgChart.Bar(others + " other variables", rest, rest > 0 ? SvgChart.RED : SvgChart.GREEN));
        }
        page.figure(SvgChart.waterfall("Waterfall of client " + example.client(), "From the base value "
                        + number(e.baseValue(), 3) + " to the client's log-odds " + number(e.margin(), 3)
                        + ", probability " + number(e.probability(), 4) + "; the contributions are in the table below.",
                e.baseValue(), steps, "score: probability " + number(e.probability(), 4)),
                "Figure 7. Local explanation of client " + example.client() + " (SHAP, log-odds).");
        page.table("Largest contributions for client " + example.client(), List.of("Variable", "Source table",
                "Description", "SHAP (log-odds)", "Direction"), rows, true, 22, 17, 35, 11, 15);
    }

    void fairness(Xhtml page) {
        page.heading(2, "fairness", "8. Fairness");
        page.paragraph("Approval rate per group at the threshold, and its ratio to the best-treated group's. A ratio"
                + " under " + number(Fairness.FLAG_BELOW, 1) + " (the four-fifths rule) is flagged REVIEW.");
        List<List<String>> rows = new ArrayList<>();
        m.fairness().forEach((attribute, groups) -> {
            for (Fairness.Group g : groups) {
                String ratio = number(g.impactRatio(), 3);
                rows.add(List.of(attribute, g.group(), count(g.applications()), percent(g.approvalRate()),
                        percent(g.defaultRate()), number(g.auc(), 4),
                        g.flagged() ? Xhtml.FLAG + ratio + " REVIEW (under 0.8)" : ratio + " ok"));
            }
        });
        page.table("Approval, default rate and AUC per group", List.of("Attribute", "Group", "Applications",
                "Approval rate", "Default rate", "AUC", "Impact ratio"), rows, true);
    }

    void limits(Xhtml page) {
        page.heading(2, "limits", "9. Limits and improvements");
        page.list(List.of(
                "Synthetic data: the data behind this bundle may be generated by 'scoring demo' from a hidden risk"
                        + " model. Its AUC (" + number(m.model().rocAuc(), 4) + ") then measures how well the model"
                        + " recovers that generator, and says nothing about real applicants.",
                "Calibration: the probabilities are out-of-fold estimates on the training population; a new"
                        + " population or a change of default rate needs recalibration (Platt or isotonic) before"
                        + " the probabilities are read as rates.",
                "Drift: the bundle keeps reference distributions of " + count(m.featureReference().size())
                        + " features and of the score; new applications must be compared with them (population"
                        + " stability index) and the model retrained when they drift.",
                "Fairness: CODE_GENDER and the age band are checked directly, but other variables (occupation,"
                        + " family status, region, income type) can act as proxies for them; the approval gap says"
                        + " nothing about whether a refusal was deserved.",
                "Cost: the threshold depends on the cost weights (" + number(m.cost().falseNegative(), 1) + " vs "
                        + number(m.cost().falsePositive(), 1) + "); other weights move it, and real costs depend on"
                        + " the amount lent.",
                "Improvements: a longer hyper-parameter search, more history features, monotone constraints on"
                        + " variables whose direction is known, and a time-based validation split when dates exist."));
    }

    /** Kaggle's description of an original variable, or empty when it is derived or unknown. */
    private String description(String table, String variable) {
        String file = table.equals(FeatureFiles.APPLICATION) ? HomeCreditSchema.APPLICATION_TRAIN : table;
        return schema.findTable(file).flatMap(t -> t.findColumn(variable)).map(Column::description).orElse("");
    }
}
