package fr.pretadepenser.scoring.spark;

import fr.pretadepenser.scoring.data.Vocabularies;
import fr.pretadepenser.scoring.model.bundle.ModelBundle;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;

/**
 * Batch scoring of a feature DataFrame on Spark with a model bundle: the probability of default, the decision at
 * the bundle's threshold and the top three reasons toward default, computed per partition by core's Scorer, so
 * that the rows equal {@code scoring predict}'s for the same features.
 *
 * <p>Output columns: SK_ID_CURR (long), probability (double), decision ("refused" or "granted"), reason_1 to
 * reason_3 (string, null when fewer variables pushed toward default), warnings (the client's warning messages, in
 * their order; empty when none or when scored from a feature table alone). Rows are sorted by SK_ID_CURR, so the output
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
            .add("reason_3", DataTypes.StringType, true)
            .add("warnings", DataTypes.createArrayType(DataTypes.StringType, false), false);

    /** The column of a client's warnings (an array of structs) beside the feature vector. */
    static final String WARNINGS = "warnings";

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
        return score(features, null);
    }

    /**
     * The scores of every row of {@code features} with each client's warnings, as {@code scoring predict} writes
     * them, sorted by SK_ID_CURR.
     *
     * @param warnings the clients' warnings ({@link SparkFeatureEngine#warnings}), or null for none
     */
    public Dataset<Row> score(Dataset<Row> features, Dataset<Row> warnings) {
        Broadcast<byte[][]> files = JavaSparkContext.fromSparkContext(features.sparkSession().sparkContext())
                .broadcast(bundle.files());
        Dataset<Row> rows = features.select(col(FeatureVectors.CLIENT).cast("long").as(FeatureVectors.CLIENT),
                FeatureVectors.vector(bundle.features()));
        if (warnings == null) {
            rows = rows.withColumn(WARNINGS, lit(null));
        } else {
            Dataset<Row> perClient = warnings.groupBy(col(FeatureVectors.CLIENT).cast("long").as(FeatureVectors.CLIENT))
                    .agg(collect_list(struct("warning_table", "warning_column", "warning_value", "warning_kind",
                            "warning_rows")).as(WARNINGS));
            rows = rows.join(perClient, rows.col(FeatureVectors.CLIENT).equalTo(perClient.col(FeatureVectors.CLIENT)),
                    "left").select(rows.col(FeatureVectors.CLIENT), rows.col(FeatureVectors.VECTOR),
                    perClient.col(WARNINGS));
        }
        return rows.mapPartitions(new PartitionScoring(files), Encoders.row(SCHEMA)).orderBy(FeatureVectors.CLIENT);
    }

    /**
     * Scores the applications without TARGET of a folder of Kaggle tables (application_test's, with every table's
     * history), as {@code scoring predict --history} does: features from the tables with the bundle's vocabularies
     * (the same columns as the bundle's, checked), and each client's warnings.
     *
     * @throws IllegalStateException when the features built are not the bundle's (other feature SQL)
     */
    public Dataset<Row> scoreApplications(SparkFeatureEngine engine, String folder) {
        engine.registerTables(folder);
        Vocabularies vocabularies = bundle.features().vocabularies();
        SparkFeatures built = engine.build(vocabularies);
        bundle.features().requireBuiltIn(built.manifest());
        return score(built.table().where(col(FeatureVectors.TARGET).isNull()), engine.warnings(vocabularies));
    }

    /** Scores {@code features} and writes the scores as Parquet at {@code out} (replaced if present). */
    public void write(Dataset<Row> features, String out) {
        score(features).write().mode(SaveMode.Overwrite).parquet(out);
    }
}
