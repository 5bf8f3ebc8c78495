package fr.pretadepenser.scoring.report;

import fr.pretadepenser.scoring.features.Feature;
import fr.pretadepenser.scoring.features.FeatureManifest;
import fr.pretadepenser.scoring.model.bundle.BundleManifest;
import fr.pretadepenser.scoring.model.evaluation.Confusion;
import fr.pretadepenser.scoring.model.evaluation.Evaluation;
import fr.pretadepenser.scoring.model.evaluation.Metrics;
import fr.pretadepenser.scoring.model.evaluation.Threshold;
import fr.pretadepenser.scoring.model.training.BoostingParameters;
import fr.pretadepenser.scoring.model.training.TrialPruning;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static fr.pretadepenser.scoring.report.Xhtml.count;
import static fr.pretadepenser.scoring.report.Xhtml.number;
import static fr.pretadepenser.scoring.report.Xhtml.percent;

/**
 * The sections of the methodology note about the data, the validation design, the models compared, the cost
 * threshold and the curves. Every figure is read from the bundle manifest or the feature manifest.
 */
final class ModelSections {

    private final BundleManifest m;
    private final FeatureManifest features;

    ModelSections(BundleManifest manifest, FeatureManifest features) {
        this.m = manifest;
        this.features = features;
    }

    void data(Xhtml page) {
        page.heading(2, "data", "1. Data and features");
        page.paragraph("The model was trained on " + count(m.trainingRows()) + " labelled applications (applications"
                + " with CODE_GENDER = XNA are left out) with an observed default rate of " + percent(m.defaultRate())
                + ". It reads " + count(m.featureCount()) + " features computed by the feature SQL (hash "
                + features.sqlSha256().substring(0, 12) + "...) from the application and its credit history.");
        Map<String, Long> featureCount = new TreeMap<>();
        Map<String, Set<String>> variables = new TreeMap<>();
        for (Feature f : features.features()) {
            featureCount.merge(f.table(), 1L, Long::sum);
            variables.computeIfAbsent(f.table(), k -> new HashSet<>()).add(f.variable());
        }
        List<List<String>> rows = new ArrayList<>();
        featureCount.forEach((table, n) -> rows.add(List.of(table, count(n), count(variables.get(table).size()))));
        rows.add(List.of("total", count(features.features().size()),
                count(variables.values().stream().mapToLong(Set::size).sum())));
        page.table("Features per source table (from the feature manifest)",
                List.of("Source table", "Features", "Original variables"), rows, true);
        List<List<String>> files = new ArrayList<>();
        new TreeMap<>(m.sourceFiles()).forEach((table, sha) -> files.add(List.of(table, sha)));
        page.table("Source files: SHA-256 of each ingested file", List.of("Table", "SHA-256"), files, true, 25, 75);
        page.paragraph("Data fingerprint (source files, feature SQL and settings): " + m.dataFingerprint()
                + ". Model version " + m.version() + ", trained " + m.createdAt() + ".");
    }

    void validation(Xhtml page) {
        var s = m.settings();
        page.heading(2, "validation", "2. Cross-validation design");
        page.list(List.of(
                s.folds() + " folds, stratified on the default flag so that every fold keeps the default rate;"
                        + " seed " + s.seed() + " (folds, search and XGBoost sampling).",
                "Every score in this note is out of fold: each application is scored by a model that did not see it.",
                "Early stopping on the fold's validation AUC with a patience of " + s.patience() + " rounds, at most "
                        + count(s.maxRounds()) + " rounds; the final model has " + m.rounds() + " trees.",
                "Random search: " + s.trials() + " trial(s) planned, " + m.search().size() + " run (budget "
                        + number(s.budgetSeconds(), 0) + " s), the default parameters first.",
                "The threshold is chosen on the out-of-fold probabilities, not on the data the model was fit on."));
    }

    void models(Xhtml page) {
        page.heading(2, "models", "3. Models compared");
        List<List<String>> rows = new ArrayList<>();
        rows.add(evaluationRow("XGBoost (chosen)", m.model()));
        rows.add(evaluationRow("Logistic regression", m.logistic()));
        rows.add(evaluationRow("Prior (constant default rate)", m.prior()));
        page.table("Out-of-fold scores on the same folds",
                List.of("Model", "ROC AUC", "AUC spread (sd)", "Gini", "KS", "PR AUC", "Brier", "Log loss"),
                rows, true);
        page.figure(SvgChart.bars("Out-of-fold ROC AUC by model", "Bar chart: XGBoost "
                        + number(m.model().rocAuc(), 4) + ", logistic regression " + number(m.logistic().rocAuc(), 4)
                        + ", prior " + number(m.prior().rocAuc(), 4) + ".",
                List.of(new SvgChart.Bar("XGBoost", m.model().rocAuc(), SvgChart.BLUE),
                        new SvgChart.Bar("Logistic regression", m.logistic().rocAuc(), SvgChart.ORANGE),
                        new SvgChart.Bar("Prior (constant)", m.prior().rocAuc(), SvgChart.GREY)), 4),
                "Figure 1. Out-of-fold ROC AUC of the three models (0.5 is chance).");
        List<List<String>> trials = new ArrayList<>();
        for (BundleManifest.SearchTrial t : m.search()) {
            BoostingParameters p = t.parameters();
            trials.add(List.of(String.valueOf(t.index()), String.valueOf(p.maxDepth()), number(p.learningRate(), 3),
                    number(p.minChildWeight(), 1), number(p.subsample(), 2), number(p.columnSample(), 2),
                    number(p.l1(), 2), number(p.l2(), 2), number(t.meanAuc(), 4) + (t.prunedAfter() == 0 ? ""
                            : " (pruned after " + t.prunedAfter() + " of " + m.settings().folds() + " folds)"),
                    number(t.aucSpread(), 4), String.valueOf(t.rounds()), number(t.seconds(), 1)));
        }
        page.table("Search log: every trial (trial 0 is the default parameters)",
                List.of("Trial", "max_depth", "eta", "min_child_weight", "subsample", "colsample", "alpha", "lambda",
                        "CV AUC", "AUC sd", "Rounds", "Seconds"), trials, true);
        if (m.search().stream().anyMatch(t -> t.prunedAfter() > 0)) {
            page.paragraph("A pruned trial stopped before its last fold: after at least " + TrialPruning.MIN_FOLDS
                    + " folds, its validation AUC was lower than the best complete trial's on the same folds by a"
                    + " one-sided paired t-test at the " + number(100 * TrialPruning.LEVEL, 0) + "% level. Its CV AUC"
                    + " is over the folds it ran, and it could not be chosen. The folds share most of their training"
                    + " rows, so the level is a rule of thumb; 'scoring train --no-pruning' runs every trial to its"
                    + " last fold.");
        }
        if (m.classWeighting().isEmpty()) {
            page.paragraph("Class weighting was not compared: this model was trained with one search trial, which"
                    + " fits the first trial's parameters as given (scale_pos_weight " + number(m.parameters()
                    .scalePosWeight(), 2) + "). A search of two trials or more first compares no weighting with"
                    + " defaults weighted by the class ratio, by business cost on the first fold, and keeps the"
                    + " cheaper.");
        } else {
            List<List<String>> weights = new ArrayList<>();
            for (BundleManifest.ClassWeighting w : m.classWeighting()) {
                weights.add(List.of(number(w.scalePosWeight(), 2), number(w.rocAuc(), 4), number(w.threshold(), 4),
                        number(w.normalizedCost(), 3), w.chosen() ? "yes (chosen)" : "no"));
            }
            page.table("Class weighting compared by business cost (scale_pos_weight), on the first fold's held-out"
                            + " rows, each option with its own early stopping; the search keeps the chosen one",
                    List.of("scale_pos_weight", "ROC AUC", "Threshold", "Normalised cost", "Chosen"), weights, true);
        }
        page.paragraph("Weighting defaults multiplies the odds a model learns, so a weighted model's raw probabilities"
                + " are not default rates. A weighted model's margins are shifted by the one constant that brings its"
                + " mean out-of-fold probability back to the observed default rate (calibration in the large), in"
                + " its out-of-fold predictions and in the saved model alike; thresholds above are on that scale. The"
                + " shift keeps the order of the applications, so the AUC and the decisions do not change.");
    }

    void cost(Xhtml page) {
        page.heading(2, "cost", "4. Business cost and threshold");
        page.paragraph("A defaulter granted (false negative) costs " + number(m.cost().falseNegative(), 1)
                + " and a good client refused (false positive) costs " + number(m.cost().falsePositive(), 1)
                + ". The threshold minimising the total out-of-fold cost is " + number(m.threshold(), 4)
                + ": an application is refused when its probability of default is at or above it. The normalised"
                + " cost there is " + number(m.normalizedCost(), 3) + " (1 = the best decision without a model,"
                + " granting or refusing everybody; 0 = a perfect model).");
        List<Threshold.Point> curve = m.costCurve();
        double[] x = curve.stream().mapToDouble(Threshold.Point::threshold).toArray();
        double[] y = curve.stream().mapToDouble(Threshold.Point::normalizedCost).toArray();
        double yMax = Math.ceil(java.util.Arrays.stream(y).max().orElse(1) * 10) / 10;
        page.figure(SvgChart.line("Normalised cost against threshold", "Line chart of the normalised business cost"
                                + " for thresholds from 0 to 1; the minimum, " + number(m.normalizedCost(), 3)
                                + ", is at the chosen threshold " + number(m.threshold(), 4) + ".",
                        "threshold (refuse when probability >= threshold)", "normalised cost",
                        List.of(new SvgChart.Series("normalised cost", x, y, SvgChart.BLUE, false)),
                        0, 1, 0, Math.max(yMax, 1), m.threshold(), "threshold " + number(m.threshold(), 4), false),
                "Figure 2. Normalised cost against the decision threshold; the dashed red line marks the chosen"
                        + " threshold.");
        page.heading(3, "confusion", "Decisions at the threshold and at 0.5");
        page.table("Confusion matrices (out of fold; refused = predicted to default)",
                List.of("Rule", "TP: defaulters refused", "FP: good refused", "TN: good granted",
                        "FN: defaulters granted", "Approval", "Recall", "Precision", "Norm. cost"),
                List.of(confusionRow("threshold " + number(m.threshold(), 4), m.atThreshold()),
                        confusionRow("0.5", m.atHalf())), true);
    }

    void curves(Xhtml page) {
        page.heading(2, "curves", "5. ROC, precision-recall and calibration");
        page.figure(SvgChart.line("ROC curve", "ROC curve of the out-of-fold probabilities, AUC "
                                + number(m.model().rocAuc(), 4) + ", against the diagonal of a random model.",
                        "false positive rate", "true positive rate",
                        List.of(series("XGBoost (AUC " + number(m.model().rocAuc(), 4) + ")", m.roc(), SvgChart.BLUE,
                                        false),
                                new SvgChart.Series("chance", new double[]{0, 1}, new double[]{0, 1}, SvgChart.GREY,
                                        true)),
                        0, 1, 0, 1, Double.NaN, "", true),
                "Figure 3. ROC curve (out of fold).");
        page.figure(SvgChart.line("Precision-recall curve", "Precision against recall of the out-of-fold"
                                + " probabilities, average precision " + number(m.model().prAuc(), 4)
                                + "; the dashed line is the default rate " + percent(m.defaultRate()) + ".",
                        "recall", "precision",
                        List.of(series("XGBoost (AP " + number(m.model().prAuc(), 4) + ")", m.precisionRecall(),
                                        SvgChart.BLUE, false),
                                new SvgChart.Series("default rate", new double[]{0, 1},
                                        new double[]{m.defaultRate(), m.defaultRate()}, SvgChart.GREY, true)),
                        0, 1, 0, 1, Double.NaN, "", false),
                "Figure 4. Precision-recall curve (out of fold).");
        double top = 0;
        for (Metrics.CalibrationBin b : m.calibration()) {
            top = Math.max(top, Math.max(b.meanPredicted(), b.observedRate()));
        }
        top = Math.min(1, Math.ceil(top * 10 + 0.5) / 10);
        page.figure(SvgChart.line("Calibration", "Observed default rate against mean predicted probability in each"
                                + " decile of prediction; points on the diagonal are well calibrated.",
                        "mean predicted probability", "observed default rate",
                        List.of(new SvgChart.Series("deciles", m.calibration().stream()
                                        .mapToDouble(Metrics.CalibrationBin::meanPredicted).toArray(),
                                        m.calibration().stream().mapToDouble(Metrics.CalibrationBin::observedRate)
                                                .toArray(), SvgChart.BLUE, false),
                                new SvgChart.Series("perfect calibration", new double[]{0, top},
                                        new double[]{0, top}, SvgChart.GREY, true)),
                        0, top, 0, top, Double.NaN, "", true),
                "Figure 5. Calibration by decile of predicted probability (out of fold).");
        List<List<String>> bins = new ArrayList<>();
        int decile = 1;
        for (Metrics.CalibrationBin b : m.calibration()) {
            bins.add(List.of(String.valueOf(decile++), count(b.count()), number(b.meanPredicted(), 4),
                    number(b.observedRate(), 4)));
        }
        page.table("Calibration deciles", List.of("Decile", "Applications", "Mean predicted", "Observed rate"),
                bins, true);
    }

    private List<String> confusionRow(String rule, Confusion c) {
        return List.of(rule, count(c.truePositives()), count(c.falsePositives()), count(c.trueNegatives()),
                count(c.falseNegatives()), percent(c.approvalRate()), percent(c.recall()), percent(c.precision()),
                number(m.cost().normalized(c), 3));
    }

    private static List<String> evaluationRow(String name, Evaluation e) {
        return List.of(name, number(e.rocAuc(), 4), number(e.aucSpread(), 4), number(e.gini(), 4),
                number(e.ks(), 4), number(e.prAuc(), 4), number(e.brier(), 4), number(e.logLoss(), 4));
    }

    private static SvgChart.Series series(String name, List<Metrics.CurvePoint> points, String colour,
                                          boolean dashed) {
        return new SvgChart.Series(name, points.stream().mapToDouble(Metrics.CurvePoint::x).toArray(),
                points.stream().mapToDouble(Metrics.CurvePoint::y).toArray(), colour, dashed);
    }
}
