package fr.pretadepenser.scoring.spark;

import fr.pretadepenser.scoring.features.FeatureManifest;
import fr.pretadepenser.scoring.model.bundle.TrainedModel;
import fr.pretadepenser.scoring.model.evaluation.BusinessCost;
import fr.pretadepenser.scoring.model.training.BoostingParameters;
import fr.pretadepenser.scoring.model.training.TrainingSettings;
import fr.pretadepenser.scoring.progress.Progress;
import org.apache.spark.sql.SparkSession;

import java.util.Set;

/**
 * spark-submit entry point: trains on a feature Parquet file and writes a normal model bundle under
 * {@code --models} (on the local file system, {@code current} points at it).
 *
 * <pre>
 * spark-submit --class fr.pretadepenser.scoring.spark.SparkTrainJob scoring-spark.jar \
 *     --features features.parquet --manifest features.json --models models [--folds 5] [--seed 42] [--workers 2]
 *     [--trials 1] [--budget 86400] [--scorecard true] [--pruning false]
 * </pre>
 * The manifest is the feature manifest of the features (features.json of a bundle, or the feature engine's).
 * Every path goes through Hadoop's file systems ({@code hdfs://}, {@code s3a://}, {@code file://}).
 */
public final class SparkTrainJob {

    static final String USAGE = "--features PATH.parquet --manifest FEATURES.json --models DIR [--folds K] [--seed S]"
            + " [--workers N] [--rounds R] [--patience P] [--trials T] [--budget SECONDS] [--scorecard true|false]"
            + " [--pruning true|false]";

    private SparkTrainJob() {
    }

    /** Runs the job; exits through an exception (non-zero status) on failure. */
    public static void main(String[] args) throws Exception {
        JobArguments a = new JobArguments(args, Set.of("features", "manifest", "models", "folds", "seed", "workers",
                "rounds", "patience", "trials", "budget", "scorecard", "pruning"), USAGE);
        String features = a.required("features");
        TrainingSettings settings = new TrainingSettings(a.integer("folds", 5), a.integer("trials", 1),
                a.integer("budget", 86_400), BusinessCost.DEFAULT, a.integer("seed", 42), a.integer("rounds", 2000),
                a.integer("patience", 50), 1, false, a.bool("scorecard"), a.bool("pruning", true));
        SparkSession spark = SparkSession.builder().appName("scoring train").getOrCreate();
        try {
            ClusterFiles files = new ClusterFiles(spark.sparkContext().hadoopConfiguration());
            FeatureManifest manifest = FeatureManifest.fromJson(files.read(a.required("manifest")));
            TrainedModel model = new SparkTraining(settings, BoostingParameters.DEFAULT, a.integer("workers", 2),
                    SparkTraining.DEFAULT_DRIVER_CELLS)
                    .train(spark.read().parquet(features), manifest, files.checksums(features), Progress.SILENT);
            String bundle = files.publish(model, a.required("models"));
            System.out.printf("bundle %s: out-of-fold AUC %.4f, threshold %.3f, %d rounds%n", bundle,
                    model.manifest().model().rocAuc(), model.manifest().threshold(), model.manifest().rounds());
        } finally {
            spark.stop();
        }
    }
}
