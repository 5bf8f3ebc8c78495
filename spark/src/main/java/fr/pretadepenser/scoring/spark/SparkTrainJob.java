package fr.pretadepenser.scoring.spark;

import fr.pretadepenser.scoring.features.FeatureManifest;
import fr.pretadepenser.scoring.model.bundle.ModelBundle;
import fr.pretadepenser.scoring.model.bundle.TrainedModel;
import fr.pretadepenser.scoring.model.evaluation.BusinessCost;
import fr.pretadepenser.scoring.model.training.BoostingParameters;
import fr.pretadepenser.scoring.model.training.TrainingSettings;
import fr.pretadepenser.scoring.progress.Progress;
import org.apache.commons.codec.digest.DigestUtils;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * spark-submit entry point: trains on a feature Parquet file and writes a normal model bundle under
 * {@code --models} (and points {@code current} at it).
 *
 * <pre>
 * spark-submit --class fr.pretadepenser.scoring.spark.SparkTrainJob scoring-spark.jar \
 *     --features features.parquet --manifest features.json --models models [--folds 5] [--seed 42] [--workers 2]
 * </pre>
 * The manifest is the feature manifest of the features (features.json of a bundle, or the feature engine's).
 */
public final class SparkTrainJob {

    static final String USAGE = "--features PATH.parquet --manifest FEATURES.json --models DIR [--folds K] [--seed S]"
            + " [--workers N] [--rounds R] [--patience P]";

    private SparkTrainJob() {
    }

    /** Runs the job; exits through an exception (non-zero status) on failure. */
    public static void main(String[] args) throws Exception {
        JobArguments a = new JobArguments(args, Set.of("features", "manifest", "models", "folds", "seed", "workers",
                "rounds", "patience"), USAGE);
        Path features = Path.of(a.required("features"));
        FeatureManifest manifest = FeatureManifest.fromJson(Files.readString(Path.of(a.required("manifest"))));
        Path models = Path.of(a.required("models"));
        TrainingSettings settings = new TrainingSettings(a.integer("folds", 5), 1, 86_400, BusinessCost.DEFAULT,
                a.integer("seed", 42), a.integer("rounds", 2000), a.integer("patience", 50), 1, false);
        SparkSession spark = SparkSession.builder().appName("scoring train").getOrCreate();
        try {
            TrainedModel model = new SparkTraining(settings, BoostingParameters.DEFAULT, a.integer("workers", 2),
                    SparkTraining.DEFAULT_DRIVER_CELLS)
                    .train(spark.read().parquet(features.toString()), manifest, checksums(features), Progress.SILENT);
            Path bundle = ModelBundle.write(model, models);
            System.out.printf("bundle %s: out-of-fold AUC %.4f, threshold %.3f, %d rounds%n", bundle,
                    model.manifest().model().rocAuc(), model.manifest().threshold(), model.manifest().rounds());
        } finally {
            spark.stop();
        }
    }

    /** SHA-256 of each file of the features (one file, or a folder of Parquet parts). */
    static Map<String, String> checksums(Path features) throws IOException {
        Map<String, String> sums = new TreeMap<>();
        if (!Files.exists(features)) {
            return sums;
        }
        try (Stream<Path> files = Files.walk(features)) {
            for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith("."))
                    .toList()) {
                sums.put(features.relativize(f).toString().isEmpty() ? f.getFileName().toString()
                        : features.relativize(f).toString(), DigestUtils.sha256Hex(Files.readAllBytes(f)));
            }
        }
        return sums;
    }
}
