package fr.pretadepenser.scoring.spark;

import fr.pretadepenser.scoring.model.bundle.ModelBundle;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import static org.apache.spark.sql.functions.col;

/**
 * Batch scoring of a feature DataFrame on Spark with a model bundle: the probability of default, the decision at
 * the bundle's threshold and the top three reasons toward default, computed per partition by core's Scorer, so
 * that the rows equal {@code scoring predict}'s for the same features.
 *
 * <p>Output columns: SK_ID_CURR (long), probability (double), decision ("refused" or "granted"), reason_1 to
 * reason_3 (string, null when fewer variables pushed toward default). Rows are sorted by SK_ID_CURR, so the output
 * is the same whatever the input partitioning.
 */
public final class SparkBatchScoring {

    /** The schema of the scores. */
    public static final StructType SCHEMA = new StructType()
            .add(FeatureVectors.CLIENT, DataTypes.LongType, false)
            .add("probability", DataTypes.DoubleType, false)
            .add("decision", DataTypes.StringType, false)
            .add("reason_1", DataTypes.StringType, true)
            .add("reason_2", DataTypes.StringType, true)
            .add("reason_3", DataTypes.StringType, true);

    private final ModelBundle bundle;

    /** A scorer with that bundle (loaded and checked with {@link ModelBundle#load}). */
    public SparkBatchScoring(ModelBundle bundle) {
        this.bundle = bundle;
    }

    /**
     * The scores of every row of {@code features} (SK_ID_CURR and at least the bundle's feature columns; TARGET
     * and other columns are ignored), sorted by SK_ID_CURR.
     *
     */
    public Dataset<Row> score(Dataset<Row> features) {
        Broadcast<byte[][]> files = JavaSparkContext.fromSparkContext(features.sparkSession().sparkContext())
                .broadcast(bundle.files());
        return features.select(col(FeatureVectors.CLIENT).cast("long").as(FeatureVectors.CLIENT),
                        FeatureVectors.vector(bundle.features()))
                .mapPartitions(new PartitionScoring(files), Encoders.row(SCHEMA))
                .orderBy(FeatureVectors.CLIENT);
    }

    /** Scores {@code features} and writes the scores as Parquet at {@code out} (replaced if present). */
    public void write(Dataset<Row> features, String out) {
        score(features).write().mode(SaveMode.Overwrite).parquet(out);
    }
}
