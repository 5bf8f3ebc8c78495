package fr.pretadepenser.scoring.spark;

import fr.pretadepenser.scoring.model.bundle.ModelBundle;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

import java.util.Set;

/**
 * spark-submit entry point: scores new applications with a model bundle and writes the scores as Parquet
 * (SK_ID_CURR, probability, decision, reason_1..3, warnings; see {@link SparkBatchScoring}).
 *
 * <pre>
 * spark-submit --class fr.pretadepenser.scoring.spark.SparkScoreJob scoring-spark.jar \
 *     --data DIR --model models/current --out scores.parquet
 * spark-submit ... --features features.parquet --model models/current --out scores.parquet
 * </pre>
 * With {@code --data} (a folder of the Kaggle tables, as the feature job reads it) the applications without TARGET
 * are featured with the bundle's vocabularies and scored with their warnings, as {@code scoring predict --history}
 * scores them; with {@code --features} every row of a feature table is scored, without warnings (the raw rows are
 * not there). The bundle is read on the driver (any path Hadoop's file systems read: a local
 * {@code models/current}, or {@code hdfs://.../models/<version>}); executors get its files by broadcast.
 */
public final class SparkScoreJob {

    static final String USAGE = "--data DIR | --features PATH.parquet, --model DIR --out PATH.parquet";

    private SparkScoreJob() {
    }

    /** Runs the job; exits through an exception (non-zero status) on failure. */
    public static void main(String[] args) throws Exception {
        JobArguments a = new JobArguments(args, Set.of("data", "features", "model", "out"), USAGE);
        SparkSession spark = SparkSession.builder().appName("scoring score").getOrCreate();
        try {
            ModelBundle bundle = new ClusterFiles(spark.sparkContext().hadoopConfiguration()).load(a.required("model"));
            scores(spark, bundle, a).write().mode(SaveMode.Overwrite).parquet(a.required("out"));
        } finally {
            spark.stop();
        }
    }

    private static Dataset<Row> scores(SparkSession spark, ModelBundle bundle, JobArguments a) {
        SparkBatchScoring scoring = new SparkBatchScoring(bundle);
        if (a.has("features")) {
            return scoring.score(spark.read().parquet(a.required("features")));
        }
        return scoring.scoreApplications(new SparkFeatureEngine(spark, HomeCreditSchema.load()), a.required("data"));
    }
}
