package fr.pretadepenser.scoring.spark;

import fr.pretadepenser.scoring.features.FeatureFiles;
import fr.pretadepenser.scoring.features.FeatureManifest;
import fr.pretadepenser.scoring.model.BoostingParameters;
import fr.pretadepenser.scoring.model.BundleManifest;
import fr.pretadepenser.scoring.model.Confusion;
import fr.pretadepenser.scoring.model.CrossValidation;
import fr.pretadepenser.scoring.model.Evaluation;
import fr.pretadepenser.scoring.model.Fairness;
import fr.pretadepenser.scoring.model.FeatureReference;
import fr.pretadepenser.scoring.model.LogisticBaseline;
import fr.pretadepenser.scoring.model.Metrics;
import fr.pretadepenser.scoring.model.ModelDescription;
import fr.pretadepenser.scoring.model.StratifiedFolds;
import fr.pretadepenser.scoring.model.Threshold;
import fr.pretadepenser.scoring.model.ThresholdSearch;
import fr.pretadepenser.scoring.model.TrainedModel;
import fr.pretadepenser.scoring.model.TrainingSet;
import fr.pretadepenser.scoring.model.TrainingSettings;
import fr.pretadepenser.scoring.progress.Progress;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.apache.spark.sql.functions.col;

/**
 * Distributed training with XGBoost4J-Spark on a feature DataFrame (SK_ID_CURR, TARGET, features in manifest order),
 * producing the same {@link TrainedModel} as core's {@code ModelTraining} so that {@code ModelBundle.write} writes a
 * normal bundle. Same rows (labelled, CODE_GENDER = XNA left out), same stratified folds by client, same boosting
 * parameters, early stopping, class-weighting comparison, threshold search, evaluation and fairness (core's code on
 * the out-of-fold probabilities collected to the driver, one double per client).
 *
 * <p>Not done on Spark: the random search (the given parameters are the only trial, and the manifest's search log
 * says so) and the scorecard challenger (refused). The logistic baseline, the feature reference distributions and
 * the SHAP importance need the feature rows on the driver: all of them when they fit {@code driverCells}, otherwise
 * an evenly spaced sample of clients, which the manifest's {@code libraries} map records under "driver-rows".
 */
public final class SparkTraining {

    /** Feature cells collected to the driver at most for the baseline and references (400 MB of floats). */
    public static final long DEFAULT_DRIVER_CELLS = 100_000_000L;

    private static final int CURVE_POINTS = 101;

    private final TrainingSettings settings;
    private final BoostingParameters parameters;
    private final int workers;
    private final long driverCells;

    /**
     * @param settings    folds, seed, round limit, patience, threads per worker (at most spark.task.cpus), cost
     * @param parameters  the boosting parameters (no search on Spark)
     * @param workers     XGBoost workers (Spark tasks training at once)
     * @param driverCells most feature cells collected to the driver for the baseline, references and SHAP
     */
    public SparkTraining(TrainingSettings settings, BoostingParameters parameters, int workers, long driverCells) {
        if (settings.scorecard()) {
            throw new IllegalArgumentException("the scorecard challenger is not trained on Spark; train it with"
                    + " 'scoring train --scorecard'");
        }
        if (workers < 1 || driverCells < 1) {
            throw new IllegalArgumentException("workers and driver cells must be at least 1, were " + workers
                    + " and " + driverCells);
        }
        // One trial: the manifest's settings say what was done, not what a search would have done.
        this.settings = new TrainingSettings(settings.folds(), 1, settings.budgetSeconds(), settings.cost(),
                settings.seed(), settings.maxRounds(), settings.patience(), settings.threads(),
                settings.applicationOnly(), false);
        this.parameters = parameters;
        this.workers = workers;
        this.driverCells = driverCells;
    }

    /**
     * Trains on the labelled rows of {@code features}.
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
            SparkFolds trainer = new SparkFolds(settings, workers, width,
                    JavaSparkContext.fromSparkContext(spark.sparkContext()));
            CrossValidation unweighted = trainer.crossValidate(data, labels.clients(), parameters, progress);
            double ratio = (1 - labels.defaultRate()) / labels.defaultRate();
            CrossValidation weighted = trainer.crossValidate(data, labels.clients(),
                    parameters.withScalePosWeight(ratio), progress);
            int[] y = labels.outcomes();
            Threshold unweightedThreshold = ThresholdSearch.search(y, unweighted.outOfFold(), settings.cost());
            Threshold weightedThreshold = ThresholdSearch.search(y, weighted.outOfFold(), settings.cost());
            boolean useWeights = weightedThreshold.normalizedCost() < unweightedThreshold.normalizedCost();
            CrossValidation chosen = useWeights ? weighted : unweighted;
            Threshold threshold = useWeights ? weightedThreshold : unweightedThreshold;
            List<BundleManifest.ClassWeighting> weighting = List.of(
                    new BundleManifest.ClassWeighting(1, unweighted.meanAuc(), unweightedThreshold.value(),
                            unweightedThreshold.normalizedCost(), !useWeights),
                    new BundleManifest.ClassWeighting(ratio, weighted.meanAuc(), weightedThreshold.value(),
                            weightedThreshold.normalizedCost(), useWeights));

            progress.begin("final model", chosen.finalRounds(), "rounds");
            Booster booster = trainer.trainFinal(data, chosen.parameters(), chosen.finalRounds());
            progress.end(chosen.finalRounds() + " rounds on " + y.length + " applications");

            progress.begin("driver rows", 0, "");
            DriverRows rows = DriverRows.collect(labelled, labels, folds, manifest.featureNames(), driverCells);
            progress.end(rows.data().rows() + " of " + y.length + " rows on the driver");
            TrainingSet sample = rows.data();

            double[] oof = chosen.outOfFold();
            double[] prior = new double[y.length];
            Arrays.fill(prior, labels.defaultRate());
            double[] logistic = new LogisticBaseline(1e-3).crossValidate(sample, rows.folds());
            Map<String, List<Fairness.Group>> fairness = new LinkedHashMap<>();
            fairness.put("CODE_GENDER", Fairness.byGroup(labels.genders(), y, oof, threshold.value()));
            fairness.put("age band", Fairness.byGroup(labels.ageBands(), y, oof, threshold.value()));

            String created = ZonedDateTime.now(ZoneOffset.UTC).withNano(0).format(DateTimeFormatter.ISO_INSTANT);
            String fingerprint = Descriptions.sha256((sourceFiles + "|" + FeatureFiles.sha256() + "|" + settings
                    + "|" + chosen.parameters()).getBytes(StandardCharsets.UTF_8));
            String version = ZonedDateTime.now(ZoneOffset.UTC)
                    .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-" + fingerprint.substring(0, 8);
            Map<String, String> libraries = Descriptions.libraries(spark, workers);
            if (sample.rows() < y.length) {
                libraries.put("driver-rows", String.format(Locale.ROOT, "logistic baseline, feature references and"
                        + " SHAP importance from %d evenly spaced of %d rows", sample.rows(), y.length));
            }
            BundleManifest.SearchTrial only = new BundleManifest.SearchTrial(0, unweighted.parameters(),
                    unweighted.meanAuc(), unweighted.aucSpread(), unweighted.finalRounds(),
                    Arrays.stream(unweighted.foldSeconds()).sum());

            BundleManifest bundle = new BundleManifest(version, created, settings, fingerprint, sourceFiles, y.length,
                    labels.defaultRate(), width, chosen.parameters(), chosen.finalRounds(), threshold.value(),
                    settings.cost(), Evaluation.of(y, oof, chosen.aucSpread()), Evaluation.of(y, prior, 0),
                    Evaluation.of(sample.outcomes(), logistic, 0), weighting, List.of(only), threshold.confusion(),
                    Confusion.at(0.5, y, oof), threshold.normalizedCost(), threshold.curve(),
                    Metrics.calibration(y, oof, 10), Metrics.rocCurve(y, oof, CURVE_POINTS),
                    Metrics.precisionRecallCurve(y, oof, CURVE_POINTS), fairness,
                    ModelDescription.shapImportance(booster, manifest, sample),
                    ModelDescription.gainImportance(booster, manifest),
                    ModelDescription.references(sample), FeatureReference.of("probability", oof), libraries, null);
            return new TrainedModel(booster, manifest, bundle, labels.clients(), y, oof);
        } finally {
            data.unpersist();
        }
    }

}
