package fr.pretadepenser.scoring.spark;

import fr.pretadepenser.scoring.model.bundle.ModelBundle;
import org.apache.spark.sql.SparkSession;

import java.nio.file.Path;
import java.util.Set;

/**
 * spark-submit entry point: scores a feature Parquet file with a model bundle and writes the scores as Parquet
 * (SK_ID_CURR, probability, decision, reason_1..3; see {@link SparkBatchScoring}).
 *
 * <pre>
 * spark-submit --class fr.pretadepenser.scoring.spark.SparkScoreJob scoring-spark.jar \
 *     --features features.parquet --model models/current --out scores.parquet
 * </pre>
 * The bundle is read on the driver (a local folder); executors get the booster bytes by broadcast.
 */
public final class SparkScoreJob {

    static final String USAGE = "--features PATH.parquet --model DIR --out PATH.parquet";

    private SparkScoreJob() {
    }

    /** Runs the job; exits through an exception (non-zero status) on failure. */
    public static void main(String[] args) throws Exception {
        JobArguments a = new JobArguments(args, Set.of("features", "model", "out"), USAGE);
        ModelBundle bundle = ModelBundle.load(Path.of(a.required("model")));
        SparkSession spark = SparkSession.builder().appName("scoring score").getOrCreate();
        try {
            new SparkBatchScoring(bundle).write(spark.read().parquet(a.required("features")), a.required("out"));
        } finally {
            spark.stop();
        }
    }
}
