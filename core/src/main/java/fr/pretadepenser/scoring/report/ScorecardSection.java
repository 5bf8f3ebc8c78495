package fr.pretadepenser.scoring.report;

import fr.pretadepenser.scoring.model.bundle.BundleManifest;
import fr.pretadepenser.scoring.model.evaluation.Evaluation;
import fr.pretadepenser.scoring.model.scorecard.PointsScale;
import fr.pretadepenser.scoring.model.scorecard.Scorecard;
import fr.pretadepenser.scoring.model.scorecard.ScorecardBin;
import fr.pretadepenser.scoring.model.scorecard.ScorecardVariable;

import java.util.ArrayList;
import java.util.List;

import static fr.pretadepenser.scoring.report.Xhtml.count;
import static fr.pretadepenser.scoring.report.Xhtml.number;
import static fr.pretadepenser.scoring.report.Xhtml.percent;

/**
 * The scorecard challenger in the methodology note (a part of section 3, so that the sections after it keep their
 * numbers): how it is built, how it compares with the boosted model on the same folds, its variables' information
 * values and the scorecard table itself. Written only when the bundle has a scorecard.
 */
final class ScorecardSection {

    /** Candidates listed in the information value table: the strongest, then a count of the rest. */
    private static final int LISTED_CANDIDATES = 30;

    private final BundleManifest m;
    private final Scorecard s;

    ScorecardSection(BundleManifest manifest) {
        this.m = manifest;
        this.s = manifest.scorecard();
    }

    void write(Xhtml page) {
        if (s == null) {
            return;
        }
        PointsScale scale = s.scale();
        page.heading(3, "scorecard", "Scorecard challenger");
        page.paragraph("Beside the boosted model, a points scorecard of the kind banks keep for regulators: each"
                + " original variable is cut into bins on the training rows (about 20 quantile bins merged until the"
                + " default rate is monotonic and every bin holds at least 5% of the applications; categories grouped"
                + " by default rate into at most 6 groups of 5%; a separate bin for missing values), each bin gets"
                + " its weight of evidence WoE = ln(share of goods / share of bads), so a positive WoE is safer than"
                + " average, and the variables with an information value of at least "
                + number(Scorecard.MIN_INFORMATION_VALUE, 2) + " enter an L2 logistic regression on their WoE, by"
                + " decreasing information value, at most " + Scorecard.MAX_VARIABLES + ", leaving out a variable"
                + " whose WoE correlates above " + number(Scorecard.MAX_CORRELATION, 1) + " with a stronger one. An"
                + " original variable computed several ways (minimum, mean, maximum of a history column) is"
                + " represented by its most informative feature.");
        page.paragraph("Points: " + number(scale.points(), 0) + " points at good:bad odds of "
                + number(scale.odds(), 0) + ":1, " + number(scale.pdo(), 0) + " more points each time the odds"
                + " double (factor = PDO / ln 2 = " + number(scale.factor(), 4) + ", offset = "
                + number(scale.offset(), 4) + "). With n variables, intercept a and coefficient b, a bin with weight"
                + " of evidence WoE gives round(-(b WoE + a / n) factor + offset / n) points; more points mean less"
                + " risk, and a client's total is the sum of the points of their bins. Intercept a = "
                + number(s.intercept(), 4) + ".");
        page.paragraph("Binning, selection and fit were redone on the training rows of each of the "
                + m.settings().folds() + " folds of the boosted model, and every application scored by the scorecard"
                + " of the fold that did not see it; the table below is the scorecard fitted on all "
                + count(m.trainingRows()) + " applications. Its own cost-minimising threshold is "
                + number(s.threshold(), 4) + " (refuse at or below " + number(s.thresholdPoints(), 0)
                + " points).");
        page.table("Scorecard against the boosted model, out of fold on the same folds",
                List.of("Model", "ROC AUC", "AUC spread (sd)", "KS", "Threshold", "Normalised cost", "Approval"),
                List.of(comparison("XGBoost (chosen)", m.model(), m.threshold(), m.normalizedCost(),
                                m.atThreshold().approvalRate()),
                        comparison("Scorecard (" + s.variables().size() + " variables)", s.evaluation(),
                                s.threshold(), s.normalizedCost(), s.atThreshold().approvalRate())), true);
        List<List<String>> candidates = new ArrayList<>();
        for (Scorecard.Candidate c : s.informationValues().subList(0, Math.min(LISTED_CANDIDATES,
                s.informationValues().size()))) {
            candidates.add(List.of(c.table() + "." + c.variable(), c.feature() == null ? "(categories)" : c.feature(),
                    number(c.informationValue(), 4), c.status()));
        }
        int rest = s.informationValues().size() - candidates.size();
        page.table("Information value of the candidate variables (the " + candidates.size() + " strongest"
                        + (rest > 0 ? "; " + rest + " weaker not listed" : "") + ")",
                List.of("Variable", "Feature", "Information value", "Status"), candidates, true, 30, 30, 15, 25);
        List<List<String>> rows = new ArrayList<>();
        for (ScorecardVariable v : s.variables()) {
            for (ScorecardBin b : v.bins()) {
                rows.add(List.of(v.table() + "." + v.variable(), b.label(), percent(b.share()),
                        b.count() == 0 ? "-" : percent(b.defaultRate()), number(b.woe(), 3),
                        number(b.points(), 0)));
            }
        }
        page.table("Scorecard: points per bin (fitted on all training applications)",
                List.of("Variable", "Bin", "Share", "Default rate", "WoE", "Points"), rows, true, 28, 32, 10, 10, 10,
                10);
    }

    private static List<String> comparison(String name, Evaluation e, double threshold, double cost,
                                           double approval) {
        return List.of(name, number(e.rocAuc(), 4), number(e.aucSpread(), 4), number(e.ks(), 4),
                number(threshold, 4), number(cost, 3), percent(approval));
    }
}
