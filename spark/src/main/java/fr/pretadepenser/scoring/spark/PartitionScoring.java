package fr.pretadepenser.scoring.spark;

import fr.pretadepenser.scoring.explain.Explanation;
import fr.pretadepenser.scoring.explain.ShapExplainer;
import fr.pretadepenser.scoring.features.FeatureManifest;
import fr.pretadepenser.scoring.model.ModelBundle;
import fr.pretadepenser.scoring.predict.BatchPredictor;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Scores one partition of (SK_ID_CURR, feature array) rows with core's code: the bundle's booster rebuilt from its
 * broadcast bytes, {@link ModelBundle#predict}, {@link ShapExplainer} and {@link BatchPredictor#reasons}, in chunks
 * as BatchPredictor does.
 */
final class PartitionScoring implements MapPartitionsFunction<Row, Row> {

    private static final long serialVersionUID = 1L;
    private static final int CHUNK = 5_000;

    private final Broadcast<byte[]> model;
    private final String featuresJson;
    private final double threshold;

    PartitionScoring(Broadcast<byte[]> model, String featuresJson, double threshold) {
        this.model = model;
        this.featuresJson = featuresJson;
        this.threshold = threshold;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) throws Exception {
        FeatureManifest features = FeatureManifest.fromJson(featuresJson);
        int width = features.features().size();
        Booster booster = XGBoost.loadModel(model.value());
        // Only predict() is used: it reads the booster and the feature count, not the folder or the manifest.
        ModelBundle bundle = new ModelBundle(null, booster, features, null);
        ShapExplainer explainer = new ShapExplainer(booster, features);
        List<Row> result = new ArrayList<>();
        try {
            List<Long> clients = new ArrayList<>(CHUNK);
            float[] values = new float[CHUNK * width];
            while (rows.hasNext()) {
                Row row = rows.next();
                FeatureVectors.copy(row, 1, values, clients.size() * width, width);
                clients.add(row.getLong(0));
                if (clients.size() == CHUNK) {
                    score(bundle, explainer, clients, values, result);
                    clients.clear();
                }
            }
            if (!clients.isEmpty()) {
                score(bundle, explainer, clients, java.util.Arrays.copyOf(values, clients.size() * width), result);
            }
        } finally {
            booster.dispose();
        }
        return result.iterator();
    }

    private void score(ModelBundle bundle, ShapExplainer explainer, List<Long> clients, float[] values,
                       List<Row> into) throws Exception {
        int rows = clients.size();
        double[] probabilities = bundle.predict(values, rows);
        List<Explanation> explanations = explainer.explain(values, rows);
        for (int i = 0; i < rows; i++) {
            List<String> reasons = BatchPredictor.reasons(explanations.get(i));
            into.add(RowFactory.create(clients.get(i), probabilities[i],
                    probabilities[i] >= threshold ? "refused" : "granted",
                    reasons.size() > 0 ? reasons.get(0) : null, reasons.size() > 1 ? reasons.get(1) : null,
                    reasons.size() > 2 ? reasons.get(2) : null));
        }
    }
}
