package fr.pretadepenser.scoring.spark;

import fr.pretadepenser.scoring.model.training.BoostingParameters;
import fr.pretadepenser.scoring.model.training.EarlyStopping;
import fr.pretadepenser.scoring.model.training.FoldTrainer;
import fr.pretadepenser.scoring.model.training.TrainingSet;
import fr.pretadepenser.scoring.model.training.TrainingSettings;
import fr.pretadepenser.scoring.progress.Progress;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import ml.dmlc.xgboost4j.scala.spark.XGBoostClassificationModel;
import ml.dmlc.xgboost4j.scala.spark.XGBoostClassifier;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.Tuple2;
import scala.collection.JavaConverters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

import static org.apache.spark.sql.functions.col;

/**
 * Core's {@link FoldTrainer} with XGBoost4J-Spark: each fold fitted by the workers with XGBoost's own early stopping,
 * its validation history replayed through core's {@link EarlyStopping}, and the fold's rows predicted on the
 * executors with the best rounds.
 */
final class SparkFoldTrainer implements FoldTrainer {

    private final Dataset<Row> data;
    private final long[] clients;
    private final int[] folds;
    private final DriverRows driverRows;
    private final TrainingSettings settings;
    private final int workers;
    private final int width;
    private final JavaSparkContext context;

    /**
     * @param data       SK_ID_CURR, TARGET, the feature vector and the fold of every labelled application, partitioned
     *                   by client into {@code workers} partitions
     * @param clients    the applications' SK_ID_CURR in ascending order: the row order of the folds
     * @param folds      the fold of each row
     * @param driverRows the rows brought to the driver, the recipe's {@link #sample()}
     */
    SparkFoldTrainer(Dataset<Row> data, long[] clients, int[] folds, DriverRows driverRows, TrainingSettings settings,
                     int workers, int width) {
        this.data = data;
        this.clients = clients;
        this.folds = folds;
        this.driverRows = driverRows;
        this.settings = settings;
        this.workers = workers;
        this.width = width;
        this.context = JavaSparkContext.fromSparkContext(data.sparkSession().sparkContext());
    }

    @Override
    public FoldFit fit(int fold, BoostingParameters parameters, Progress progress) throws XGBoostError {
        Dataset<Row> train = data.where(col("fold").notEqual(fold));
        Dataset<Row> valid = data.where(col("fold").equalTo(fold));
        XGBoostClassifier classifier = classifier(parameters, settings.maxRounds());
        // XGBoost stops once (round - best) reaches its patience; core stops one round earlier. The history is
        // replayed below with core's rule, so training a round more changes nothing.
        classifier.setNumEarlyStoppingRounds(Math.max(1, settings.patience() - 1));
        classifier.setEvalDataset(valid);
        XGBoostClassificationModel model = classifier.fit(train);
        EarlyStopping stopping = EarlyStopping.replay(validationHistory(model), settings.maxRounds(),
                settings.patience());
        return new FoldFit(predict(model, valid, fold, stopping.rounds()), stopping.best(), stopping.rounds());
    }

    /** The probabilities of the rows of {@code fold} ({@code valid}) with the first {@code rounds} trees, in row order. */
    private double[] predict(XGBoostClassificationModel model, Dataset<Row> valid, int fold, int rounds)
            throws XGBoostError {
        Broadcast<byte[]> broadcast = context.broadcast(model.nativeBooster().booster().toByteArray("ubj"));
        try {
            List<Tuple2<Long, Double>> predicted = valid.select(FeatureVectors.CLIENT, FeatureVectors.VECTOR)
                    .javaRDD().mapPartitions(new OutOfFoldPrediction(broadcast, width, rounds)).collect();
            // The fold's rows in row order: a row's place among its fold's rows.
            int[] place = new int[folds.length];
            int count = 0;
            for (int i = 0; i < folds.length; i++) {
                place[i] = folds[i] == fold ? count++ : -1;
            }
            double[] predictions = new double[count];
            for (Tuple2<Long, Double> p : predicted) {
                predictions[place[Arrays.binarySearch(clients, p._1())]] = p._2();
            }
            return predictions;
        } finally {
            broadcast.destroy();
        }
    }

    @Override
    public Booster fitAll(BoostingParameters parameters, int rounds) throws XGBoostError {
        // A copy: the Spark model's native booster can be released with the model (it was, in tests, before
        // SHAP importance ran), while the returned booster must live as long as the bundle.
        byte[] bytes = classifier(parameters, rounds).fit(data).nativeBooster().booster().toByteArray("ubj");
        try {
            return XGBoost.loadModel(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the final booster", e);
        }
    }

    @Override
    public TrainingSet sample() {
        return driverRows.data();
    }

    @Override
    public int[] sampleFolds() {
        return driverRows.folds().clone();
    }

    private XGBoostClassifier classifier(BoostingParameters p, int rounds) {
        // The parameters of core's BoostingParameters.toXgboost, under XGBoost4J-Spark's setters.
        XGBoostClassifier c = new XGBoostClassifier();
        c.setLabelCol(FeatureVectors.TARGET);
        c.setFeaturesCol(FeatureVectors.VECTOR);
        c.setObjective("binary:logistic");
        c.setTreeMethod("hist");
        c.setMaxBins(BoostingParameters.MAX_BIN);
        c.setMaxCachedHistNode(BoostingParameters.CACHED_HISTOGRAMS);
        c.setEvalMetric("auc");
        c.setMaxDepth(p.maxDepth());
        c.setEta(p.learningRate());
        c.setMinChildWeight(p.minChildWeight());
        c.setSubsample(p.subsample());
        c.setColsampleBytree(p.columnSample());
        c.setAlpha(p.l1());
        c.setLambda(p.l2());
        c.setScalePosWeight(p.scalePosWeight());
        c.setSeed(settings.seed());
        c.setNthread(settings.threads());
        c.setVerbosity(0);
        c.setMissing(Float.NaN);
        c.setNumRound(rounds);
        c.setNumWorkers(workers);
        return c;
    }

    /** The validation AUC of each round trained. */
    private static float[] validationHistory(XGBoostClassificationModel model) {
        List<Tuple2<String, float[]>> history = JavaConverters.seqAsJavaList(
                model.summary().get().validationObjectiveHistory());
        if (history.isEmpty()) {
            throw new IllegalStateException("XGBoost4J-Spark returned no validation history for a fold");
        }
        return history.get(history.size() - 1)._2();
    }
}
