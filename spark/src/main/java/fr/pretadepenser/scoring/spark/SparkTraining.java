package fr.pretadepenser.scoring.spark;

import fr.pretadepenser.scoring.features.FeatureManifest;
import fr.pretadepenser.scoring.model.ModelTraining;
import fr.pretadepenser.scoring.model.TrainingInput;
import fr.pretadepenser.scoring.model.bundle.TrainedModel;
import fr.pretadepenser.scoring.model.training.BoostingParameters;
import fr.pretadepenser.scoring.model.training.StratifiedFolds;
import fr.pretadepenser.scoring.model.training.TrainingSettings;
import fr.pretadepenser.scoring.progress.Progress;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.apache.spark.sql.functions.col;

/**
 * Distributed training on a feature DataFrame (SK_ID_CURR, TARGET, features in manifest order): core's training
 * recipe ({@link ModelTraining}) with the trees fitted by XGBoost4J-Spark ({@link SparkFoldTrainer}), so that
 * {@code ModelBundle.write} writes a normal bundle. What is Spark's here: the labels and fairness groups collected
 * to the driver (a few values per client), the folds joined to the rows, and the sample of feature rows brought to
 * the driver.
 *
 * <p>The random search ({@code settings.trials()}) fits every trial's folds on the cluster, as {@code scoring train}
 * fits them on one machine. The logistic baseline, the scorecard challenger, the feature reference distributions
 * and the SHAP importance need the feature rows on the driver: all of them when they fit {@code driverCells},
 * otherwise an evenly spaced sample of clients, which the manifest's {@code libraries} map records under
 * "driver-rows".
 */
public final class SparkTraining {

    /** Feature cells collected to the driver at most for the baseline and references (400 MB of floats). */
    public static final long DEFAULT_DRIVER_CELLS = 100_000_000L;

    private final TrainingSettings settings;
    private final BoostingParameters parameters;
    private final int workers;
    private final long driverCells;

    /**
     * @param settings    folds, trials, seed, round limit, patience, threads per worker (at most spark.task.cpus),
     *                    cost, scorecard challenger
     * @param parameters  the boosting parameters of the first trial
     * @param workers     XGBoost workers (Spark tasks training at once)
     * @param driverCells most feature cells collected to the driver for the baseline, references and SHAP
     */
    public SparkTraining(TrainingSettings settings, BoostingParameters parameters, int workers, long driverCells) {
        if (workers < 1 || driverCells < 1) {
            throw new IllegalArgumentException("workers and driver cells must be at least 1, were " + workers
                    + " and " + driverCells);
        }
        this.settings = settings;
        this.parameters = parameters;
        this.workers = workers;
        this.driverCells = driverCells;
    }

    /**
     * Trains on the labelled rows of {@code features} with core's recipe ({@link ModelTraining}), the trees fitted
     * by XGBoost4J-Spark.
     *
     * @param features    SK_ID_CURR, TARGET and at least the manifest's feature columns
     * @param manifest    the feature manifest (its order is the model's column order)
     * @param sourceFiles SHA-256 of the inputs, recorded in the bundle (for example the feature Parquet files)
     * @throws XGBoostError when XGBoost fails
     */
    public TrainedModel train(Dataset<Row> features, FeatureManifest manifest, Map<String, String> sourceFiles,
                              Progress progress) throws XGBoostError {
        SparkSession spark = features.sparkSession();
        int width = manifest.featureNames().size();
        Dataset<Row> labelled = features.where(FeatureVectors.trainable(manifest)).select(
                col(FeatureVectors.CLIENT).cast("long").as(FeatureVectors.CLIENT),
                col(FeatureVectors.TARGET).cast("int").as(FeatureVectors.TARGET),
                FeatureVectors.column(FeatureVectors.GENDER).cast("int").as(FeatureVectors.GENDER),
                FeatureVectors.column(FeatureVectors.BIRTH).cast("double").as(FeatureVectors.BIRTH),
                FeatureVectors.vector(manifest));

        progress.begin("labels", 0, "");
        Labels labels = Labels.collect(labelled, manifest);
        int[] folds = StratifiedFolds.assign(labels.outcomes(), settings.folds(), settings.seed());
        progress.end(labels.clients().length + " labelled applications, " + settings.folds() + " folds");

        StructType foldSchema = new StructType().add(FeatureVectors.CLIENT, DataTypes.LongType, false)
                .add("fold", DataTypes.IntegerType, false);
        List<Row> foldRows = new ArrayList<>(folds.length);
        for (int i = 0; i < folds.length; i++) {
            foldRows.add(RowFactory.create(labels.clients()[i], folds[i]));
        }
        // Hash-partitioned by client and sorted within partitions: the same rows in the same order for every fit,
        // and with one worker the order of core's matrix (client order).
        Dataset<Row> data = labelled.select(FeatureVectors.CLIENT, FeatureVectors.TARGET, FeatureVectors.VECTOR)
                .join(spark.createDataFrame(foldRows, foldSchema), FeatureVectors.CLIENT)
                .repartition(workers, col(FeatureVectors.CLIENT)).sortWithinPartitions(FeatureVectors.CLIENT)
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            progress.begin("driver rows", 0, "");
            DriverRows rows = DriverRows.collect(labelled, labels, folds, manifest.featureNames(), driverCells);
            progress.end(rows.data().rows() + " of " + folds.length + " rows on the driver");
            Map<String, String> libraries = Descriptions.libraries(spark, workers);
            if (rows.data().rows() < folds.length) {
                libraries.put("driver-rows", String.format(Locale.ROOT, "logistic baseline, scorecard, feature"
                        + " references and SHAP importance from %d evenly spaced of %d rows", rows.data().rows(),
                        folds.length));
            }
            Map<String, String[]> groups = new LinkedHashMap<>();
            groups.put("CODE_GENDER", labels.genders());
            groups.put("age band", labels.ageBands());
            TrainingInput input = new TrainingInput(manifest, labels.clients(), labels.outcomes(), folds, groups,
                    sourceFiles, libraries);
            SparkFoldTrainer trainer = new SparkFoldTrainer(data, labels.clients(), folds, rows, settings, workers,
                    width);
            return new ModelTraining(settings).train(input, trainer, parameters, progress);
        } finally {
            data.unpersist();
        }
    }
}
