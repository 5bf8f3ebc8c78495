package fr.pretadepenser.scoring.report;

import fr.pretadepenser.scoring.features.FeatureManifest;
import fr.pretadepenser.scoring.model.bundle.FeatureSelection;
import fr.pretadepenser.scoring.model.selection.SelectionResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Feature selection in the methodology note (a part of section 1): which features the model reads, how they were
 * chosen and why, what the choice cost in AUC and saved in time; or that it reads every feature.
 */
final class SelectionSection {

    /** Kept features listed with their votes. */
    private static final int LISTED = 30;

    private final FeatureSelection selection;
    private final FeatureManifest features;

    SelectionSection(FeatureSelection selection, FeatureManifest features) {
        this.selection = selection;
        this.features = features;
    }

    void write(Xhtml page) {
        page.heading(3, "selection", "Feature selection");
        if (selection == null) {
            page.paragraph("The model reads every one of the " + features.features().size() + " features built."
                    + " 'scoring select' measures, inside cross-validation, how the out-of-fold AUC and the time to"
                    + " score an application change when fewer are kept (selection.html); 'scoring train --select K'"
                    + " then trains on the K the vote ranks first.");
            return;
        }
        page.paragraph(String.format(Locale.ROOT, "The model reads %d of the %d features built: %s. Why a vote:"
                        + " each method alone has a known bias (the filters judge a feature alone and miss"
                        + " interactions, the linear methods miss non-linear effects, tree gains favour features with"
                        + " many distinct values), and a feature that several of them rank high is unlikely to be an"
                        + " artefact of one. Null importance (boosting gain against the same gain on a shuffled"
                        + " target) checks the vote for features that only let the trees memorise rows.",
                selection.kept(), selection.candidates(), selection.method()));
        if (selection.nestedAuc() != null) {
            String cost = selection.allAuc() == null ? "" : String.format(Locale.ROOT, " against %.4f with every"
                    + " feature, so the selection %s %.4f of AUC", selection.allAuc(),
                    selection.nestedAuc() >= selection.allAuc() ? "gained" : "cost",
                    Math.abs(selection.nestedAuc() - selection.allAuc()));
            page.paragraph(String.format(Locale.ROOT, "What it costs: with the selection redone inside each training"
                            + " fold (the held-out rows never take part in choosing), the out-of-fold AUC at %d"
                            + " features is %.4f (fold spread %.4f)%s. The model's own cross-validated AUC in"
                            + " section 2 is measured on features chosen with every row, so it is slightly"
                            + " optimistic; this nested figure is the honest one.", selection.kept(),
                    selection.nestedAuc(), selection.nestedSpread(), cost));
        }
        Set<String> tables = new TreeSet<>();
        features.features().forEach(f -> tables.add(f.table()));
        String time = selection.millis() == null || selection.allMillis() == null ? ""
                : String.format(Locale.ROOT, " Scoring and explaining one application (exact TreeSHAP, one thread)"
                + " took %.3f ms against %.3f ms with every feature.", selection.millis(), selection.allMillis());
        page.paragraph("What it saves: the server computes and explains only these features; their SQL reads "
                + tables.size() + " source " + (tables.size() == 1 ? "table" : "tables") + " (" + String.join(", ",
                tables) + "), and a table none of them comes from is not queried." + time);
        List<List<String>> rows = new ArrayList<>();
        for (SelectionResult.FeatureVerdict v : selection.vote().subList(0, Math.min(LISTED,
                selection.vote().size()))) {
            Boolean passes = v.verdicts().get("null");
            rows.add(List.of(String.valueOf(v.rank()), v.name(), String.valueOf(v.votes()),
                    Xhtml.percent(v.stability()), passes == null ? "not run" : passes ? "passes"
                            : Xhtml.FLAG + "fails"));
        }
        page.table("The kept features, best first" + (selection.vote().size() > LISTED ? " (first " + LISTED
                        + " of " + selection.vote().size() + ")" : ""),
                List.of("rank", "feature", "votes", "stability across folds", "null importance"), rows, false);
    }
}
