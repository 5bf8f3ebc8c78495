package fr.pretadepenser.scoring.predict;

import fr.pretadepenser.scoring.explain.Explanation;
import fr.pretadepenser.scoring.explain.Language;
import fr.pretadepenser.scoring.explain.Percentiles;
import fr.pretadepenser.scoring.explain.ReasonCodes;
import fr.pretadepenser.scoring.explain.ShapExplainer;
import fr.pretadepenser.scoring.explain.VariableLabels;
import fr.pretadepenser.scoring.features.ClientRecords;
import fr.pretadepenser.scoring.features.FeatureBuilder;
import fr.pretadepenser.scoring.model.FeatureReference;
import fr.pretadepenser.scoring.model.ModelBundle;
import fr.pretadepenser.scoring.model.RiskBand;
import fr.pretadepenser.scoring.model.Scorecard;
import fr.pretadepenser.scoring.model.ScorecardPoints;
import ml.dmlc.xgboost4j.java.XGBoostError;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Scores and explains applications one request at a time, for the API: features from the shared feature pipeline,
 * probability, decision at the bundle's threshold, exact TreeSHAP contributions and reason codes. Safe for
 * concurrent callers (the feature builder pools its sessions; XGBoost's prediction is thread-safe).
 */
public final class OnlineScorer {

    /** Reason codes given on each side (toward default, in the client's favour). */
    public static final int REASONS = 4;

    private final ModelBundle bundle;
    private final FeatureBuilder features;
    private final ShapExplainer explainer;
    private final ReasonCodes reasons;
    private final int width;
    private final Scorecard scorecard;
    private final Map<String, Integer> columns;

    /** A scorer with that bundle, computing features with {@code features} (in the bundle's feature order). */
    public OnlineScorer(ModelBundle bundle, FeatureBuilder features, VariableLabels labels) {
        this.bundle = bundle;
        this.features = features;
        this.explainer = new ShapExplainer(bundle.booster(), bundle.features());
        Map<String, Percentiles> references = bundle.manifest().featureReference().stream()
                .collect(Collectors.toMap(FeatureReference::name, FeatureReference::percentiles, (a, b) -> a));
        this.reasons = new ReasonCodes(bundle.features(), references, labels);
        this.width = bundle.features().features().size();
        this.scorecard = bundle.manifest().scorecard();
        this.columns = new java.util.HashMap<>();
        List<String> names = bundle.features().featureNames();
        for (int c = 0; c < names.size(); c++) {
            columns.put(names.get(c), c);
        }
    }

    /** Scores and explains one application. */
    public Score score(ClientRecords records, Language language) {
        return scoreAll(List.of(records), language).get(0);
    }

    /**
     * Scores and explains applications in one model call (features are computed one application at a time).
     *
     * @throws IllegalArgumentException when an application's values do not fit the schema
     */
    public List<Score> scoreAll(List<ClientRecords> applications, Language language) {
        int rows = applications.size();
        float[] values = new float[rows * width];
        long[] clients = new long[rows];
        for (int r = 0; r < rows; r++) {
            double[] row = features.forClient(applications.get(r));
            for (int c = 0; c < width; c++) {
                values[r * width + c] = (float) row[c];
            }
            clients[r] = applications.get(r).application().clientId();
        }
        return scoreRows(clients, values, language);
    }

    /**
     * Scores and explains a feature vector already computed (a stored client's, read with
     * {@link fr.pretadepenser.scoring.features.OnlineFeatureBuilder#storedFeatures}), in the bundle's feature order.
     */
    public Score score(long clientId, double[] featureVector, Language language) {
        if (featureVector.length != width) {
            throw new IllegalArgumentException("expected " + width + " features, got " + featureVector.length);
        }
        float[] values = new float[width];
        for (int c = 0; c < width; c++) {
            values[c] = (float) featureVector[c];
        }
        return scoreRows(new long[]{clientId}, values, language).get(0);
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

    private List<Score> scoreRows(long[] clients, float[] values, Language language) {
        int rows = clients.length;
        List<Explanation> explanations;
        try {
            explanations = explainer.explain(values, rows);
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost failed to score: " + e.getMessage(), e);
        }
        double threshold = bundle.manifest().threshold();
        List<Score> scores = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            Explanation e = explanations.get(r);
            float[] row = java.util.Arrays.copyOfRange(values, r * width, (r + 1) * width);
            double p = e.probability();
            scores.add(new Score(clients[r], p, p >= threshold,
                    RiskBand.of(p, threshold), threshold, bundle.manifest().version(), e,
                    reasons.against(e, row, language, REASONS), reasons.inFavour(e, row, language, REASONS),
                    scorecardPoints(row)));
        }
        return scores;
    }
}
