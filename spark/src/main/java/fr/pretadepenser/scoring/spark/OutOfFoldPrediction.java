package fr.pretadepenser.scoring.spark;

import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import scala.Tuple2;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Predicts one partition of (SK_ID_CURR, feature array) rows with a fold's booster limited to its best rounds, as
 * core's cross-validation does ({@code booster.predict(valid, false, bestRound + 1)}).
 */
final class OutOfFoldPrediction implements FlatMapFunction<Iterator<Row>, Tuple2<Long, Double>> {

    private static final long serialVersionUID = 1L;

    private final Broadcast<byte[]> model;
    private final int width;
    private final int rounds;

    /**
     * @param model  the fold booster as UBJ bytes
     * @param width  features per row
     * @param rounds trees to use (the fold's best round count)
     */
    OutOfFoldPrediction(Broadcast<byte[]> model, int width, int rounds) {
        this.model = model;
        this.width = width;
        this.rounds = rounds;
    }

    @Override
    public Iterator<Tuple2<Long, Double>> call(Iterator<Row> rows) throws Exception {
        List<Long> clients = new ArrayList<>();
        List<float[]> chunks = new ArrayList<>();
        while (rows.hasNext()) {
            Row row = rows.next();
            float[] values = new float[width];
            FeatureVectors.copy(row, 1, values, 0, width);
            clients.add(row.getLong(0));
            chunks.add(values);
        }
        List<Tuple2<Long, Double>> result = new ArrayList<>(clients.size());
        if (clients.isEmpty()) {
            return result.iterator();
        }
        float[] matrix = new float[clients.size() * width];
        for (int i = 0; i < clients.size(); i++) {
            System.arraycopy(chunks.get(i), 0, matrix, i * width, width);
        }
        Booster booster = XGBoost.loadModel(model.value());
        DMatrix data = new DMatrix(matrix, clients.size(), width, Float.NaN);
        try {
            float[][] predicted = booster.predict(data, false, rounds);
            for (int i = 0; i < clients.size(); i++) {
                result.add(new Tuple2<>(clients.get(i), (double) predicted[i][0]));
            }
        } finally {
            data.dispose();
            booster.dispose();
        }
        return result.iterator();
    }
}
