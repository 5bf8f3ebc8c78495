package fr.pretadepenser.scoring.score;

import fr.pretadepenser.scoring.explain.Explanation;
import fr.pretadepenser.scoring.explain.Language;
import fr.pretadepenser.scoring.explain.ReasonCodes;
import fr.pretadepenser.scoring.explain.ShapExplainer;
import fr.pretadepenser.scoring.explain.VariableLabels;
import fr.pretadepenser.scoring.features.FeatureFiles;
import fr.pretadepenser.scoring.features.FeatureRows;
import fr.pretadepenser.scoring.model.bundle.FeatureReference;
import fr.pretadepenser.scoring.model.bundle.ModelBundle;
import fr.pretadepenser.scoring.model.evaluation.Decision;
import fr.pretadepenser.scoring.model.scorecard.Scorecard;
import fr.pretadepenser.scoring.model.scorecard.ScorecardPoints;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoostError;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place that turns feature rows into scores: the probability of default, the decision at the bundle's
 * threshold, the risk band, exact TreeSHAP contributions per original variable, reason codes and the scorecard's
 * points. The API, {@code scoring predict}, the portfolio, the reports, drift and Spark's partitions all score
 * through it. Safe for concurrent callers (XGBoost's prediction is thread-safe; the rest is read-only). Scores
 * and explanations come from the Java TreeSHAP of {@link ShapExplainer}, equal to XGBoost's to float rounding;
 * {@link #probabilities} (read models, drift) asks XGBoost itself.
 */
public final class Scorer {

    /** Reason codes given on each side (toward default, in the client's favour) of a served score. */
    public static final int REASONS = 4;

    /** Reasons toward default kept per application in a scores file. */
    public static final int FILE_REASONS = 3;

    private final ModelBundle bundle;
    private final ShapExplainer explainer;
    private final ReasonCodes reasons;
    private final Scorecard scorecard;
    private final Map<String, Integer> columns = new HashMap<>();
    private final int width;

    /** A scorer of that bundle, phrasing reasons with {@code labels}. */
    public Scorer(ModelBundle bundle, VariableLabels labels) {
        this.bundle = bundle;
        this.explainer = new ShapExplainer(bundle.booster(), bundle.features());
        Map<String, FeatureReference> references = new HashMap<>();
        for (FeatureReference r : bundle.manifest().featureReference()) {
            references.putIfAbsent(r.name(), r);
        }
        this.reasons = new ReasonCodes(bundle.features(), references, labels);
        this.scorecard = bundle.manifest().scorecard();
        List<String> names = bundle.features().featureNames();
        this.width = names.size();
        for (int c = 0; c < width; c++) {
            columns.put(names.get(c), c);
        }
    }

    /**
     * Loads and checks the bundle at {@code directory} (a bundle folder or {@code models/current}) and scores with
     * it, reasons phrased with the product's variable labels.
     *
     * @throws fr.pretadepenser.scoring.model.bundle.BundleIntegrityException for a missing or damaged bundle
     */
    public static Scorer load(Path directory) {
        return new Scorer(ModelBundle.load(directory), new VariableLabels(HomeCreditSchema.load()));
    }

    /** The bundle it scores with. */
    public ModelBundle bundle() {
        return bundle;
    }

    /** The probability of default of each row, from the model alone (no explanation): for read models and drift. */
    public double[] probabilities(FeatureRows rows) {
        checkWidth(rows);
        if (rows.rows() == 0) {
            return new double[0];
        }
        try {
            DMatrix matrix = new DMatrix(rows.values(), rows.rows(), width, Float.NaN);
            try {
                float[][] p = bundle.booster().predict(matrix);
                double[] result = new double[rows.rows()];
                for (int i = 0; i < result.length; i++) {
                    result[i] = p[i][0];
                }
                return result;
            } finally {
                matrix.dispose();
            }
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost failed to score: " + e.getMessage(), e);
        }
    }

    /** Scores and explains each row in one model call, reasons phrased in {@code language}: what the API serves. */
    public List<Score> score(FeatureRows rows, Language language) {
        List<Explanation> explanations = explain(rows);
        double threshold = bundle.manifest().threshold();
        List<Score> scores = new ArrayList<>(rows.rows());
        for (int r = 0; r < rows.rows(); r++) {
            Explanation e = explanations.get(r);
            float[] row = rows.row(r);
            double p = e.probability();
            scores.add(new Score(rows.clients()[r], p, Decision.at(p, threshold), RiskBand.of(p, threshold),
                    threshold, bundle.manifest().version(), e, reasons.against(e, row, language, REASONS),
                    reasons.inFavour(e, row, language, REASONS), scorecardPoints(row)));
        }
        return scores;
    }

    /**
     * Scores each row with its decision and the variables that pushed it most toward default (no sentences): what
     * a scores file holds.
     */
    public List<Prediction> predict(FeatureRows rows) {
        double[] probabilities = probabilities(rows);
        List<Explanation> explanations = explain(rows);
        double threshold = bundle.manifest().threshold();
        List<Prediction> predictions = new ArrayList<>(rows.rows());
        for (int r = 0; r < rows.rows(); r++) {
            Explanation e = explanations.get(r);
            List<String> against = new ArrayList<>(FILE_REASONS);
            for (int i : e.against(FILE_REASONS)) {
                String table = e.contributions().get(i).table();
                String variable = e.contributions().get(i).variable();
                against.add(table.equals(FeatureFiles.APPLICATION) ? variable : table + "." + variable);
            }
            predictions.add(new Prediction(rows.clients()[r], probabilities[r],
                    Decision.at(probabilities[r], threshold), against, List.of()));
        }
        return predictions;
    }

    private List<Explanation> explain(FeatureRows rows) {
        checkWidth(rows);
        if (rows.rows() == 0) {
            return List.of();
        }
        return explainer.explain(rows.values(), rows.rows());
    }

    /** The scorecard's points from the same feature row the model read (as floats, as in training). */
    private ScorecardPoints scorecardPoints(float[] row) {
        if (scorecard == null) {
            return null;
        }
        return scorecard.points(name -> {
            Integer c = columns.get(name);
            return c == null ? Double.NaN : row[c];
        });
    }

    private void checkWidth(FeatureRows rows) {
        if (rows.width() != width) {
            throw new IllegalArgumentException("expected rows of " + width + " features (the model's), got "
                    + rows.width());
        }
    }
}
