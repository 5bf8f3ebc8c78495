package fr.pretadepenser.scoring.spark;

import fr.pretadepenser.scoring.model.training.TrainingSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.List;

/**
 * The labelled feature rows brought to the driver for what core computes on a matrix (logistic baseline, feature
 * references, SHAP importance): all of them when they fit the cell budget, otherwise evenly spaced clients.
 *
 * @param data  the rows, in client order
 * @param folds their folds (the same as in cross-validation)
 */
record DriverRows(TrainingSet data, int[] folds) {

    static DriverRows collect(Dataset<Row> labelled, Labels labels, int[] folds, List<String> names, long cells) {
        int width = names.size();
        int all = labels.clients().length;
        int rows = (int) Math.min(all, Math.max(1, cells / Math.max(1, width)));
        Dataset<Row> chosen = labelled.select(FeatureVectors.CLIENT, FeatureVectors.TARGET, FeatureVectors.VECTOR);
        int[] index = new int[rows];
        for (int i = 0; i < rows; i++) {
            index[i] = (int) ((long) i * all / rows);
        }
        if (rows < all) {
            List<Row> keep = new ArrayList<>(rows);
            for (int i : index) {
                keep.add(RowFactory.create(labels.clients()[i]));
            }
            StructType schema = new StructType().add(FeatureVectors.CLIENT, DataTypes.LongType, false);
            chosen = chosen.join(labelled.sparkSession().createDataFrame(keep, schema), FeatureVectors.CLIENT);
        }
        List<Row> collected = chosen.orderBy(FeatureVectors.CLIENT).collectAsList();
        if (collected.size() != rows) {
            throw new IllegalStateException("expected " + rows + " driver rows, Spark returned " + collected.size());
        }
        float[] values = new float[Math.multiplyExact(rows, width)];
        int[] outcomes = new int[rows];
        long[] clients = new long[rows];
        int[] sampleFolds = new int[rows];
        for (int i = 0; i < rows; i++) {
            Row r = collected.get(i);
            clients[i] = r.getLong(0);
            outcomes[i] = r.getInt(1);
            FeatureVectors.copy(r, 2, values, i * width, width);
            sampleFolds[i] = folds[index[i]];
        }
        return new DriverRows(new TrainingSet(names, values, outcomes, clients), sampleFolds);
    }
}
