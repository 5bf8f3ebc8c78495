package fr.pretadepenser.scoring.spark;

import fr.pretadepenser.scoring.data.ScoringWarning;
import fr.pretadepenser.scoring.explain.VariableLabels;
import fr.pretadepenser.scoring.features.FeatureMatrixReader;
import fr.pretadepenser.scoring.features.FeatureRows;
import fr.pretadepenser.scoring.model.bundle.ModelBundle;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import fr.pretadepenser.scoring.score.Prediction;
import fr.pretadepenser.scoring.score.Scorer;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Scores one partition of (SK_ID_CURR, feature array, warnings) rows with core's {@link Scorer}, the bundle rebuilt
 * from its broadcast files, a chunk of rows at a time as core's batch scoring reads them; each client's warnings are
 * phrased by core's {@link ScoringWarning}.
 */
final class PartitionScoring implements MapPartitionsFunction<Row, Row> {

    private static final long serialVersionUID = 1L;

    private final Broadcast<byte[][]> bundle;

    /** @param bundle the bundle's files, as {@link ModelBundle#files()} gives them */
    PartitionScoring(Broadcast<byte[][]> bundle) {
        this.bundle = bundle;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) throws Exception {
        byte[][] files = bundle.value();
        ModelBundle model = ModelBundle.of(null, files[0], files[1], files[2]);
        Scorer scorer = new Scorer(model, new VariableLabels(HomeCreditSchema.load()));
        int width = model.features().features().size();
        int chunk = FeatureMatrixReader.CHUNK;
        List<Row> result = new ArrayList<>();
        try {
            long[] clients = new long[chunk];
            float[] values = new float[chunk * width];
            Map<Long, List<String>> warnings = new HashMap<>();
            int n = 0;
            while (rows.hasNext()) {
                Row row = rows.next();
                FeatureVectors.copy(row, 1, values, n * width, width);
                clients[n++] = row.getLong(0);
                warnings.put(row.getLong(0), messages(row));
                if (n == chunk || !rows.hasNext()) {
                    FeatureRows features = FeatureRows.unlabelled(Arrays.copyOf(clients, n),
                            n == chunk ? values : Arrays.copyOf(values, n * width), width);
                    for (Prediction p : scorer.predict(features)) {
                        result.add(RowFactory.create(p.client(), p.probability(), p.decision().label(),
                                reason(p, 0), reason(p, 1), reason(p, 2),
                                warnings.remove(p.client()).toArray(String[]::new)));
                    }
                    n = 0;
                    values = new float[chunk * width];
                }
            }
        } finally {
            model.booster().dispose();
        }
        return result.iterator();
    }

    /** A row's warnings (field 2: structs of table, column, value, kind, rows, or null) as messages in order. */
    private static List<String> messages(Row row) {
        if (row.isNullAt(2)) {
            return List.of();
        }
        List<ScoringWarning> warnings = new ArrayList<>();
        for (Row w : row.<Row>getList(2)) {
            warnings.add(new ScoringWarning(ScoringWarning.Kind.valueOf(w.getString(3)), w.getString(0),
                    w.getString(1), w.getString(2), w.getLong(4)));
        }
        warnings.sort(ScoringWarning.ORDER);
        return warnings.stream().map(ScoringWarning::message).toList();
    }

    private static String reason(Prediction p, int i) {
        return i < p.reasons().size() ? p.reasons().get(i) : null;
    }
}
