package fr.pretadepenser.scoring.spark;

import fr.pretadepenser.scoring.model.BoostingParameters;
import fr.pretadepenser.scoring.model.CrossValidation;
import fr.pretadepenser.scoring.model.TrainingSettings;
import fr.pretadepenser.scoring.progress.Progress;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoostError;
import ml.dmlc.xgboost4j.scala.spark.XGBoostClassificationModel;
import ml.dmlc.xgboost4j.scala.spark.XGBoostClassifier;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.Tuple2;
import scala.collection.JavaConverters;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static org.apache.spark.sql.functions.col;

/**
 * Cross-validation and the final fit with XGBoost4J-Spark, following core's {@code XgboostTrainer}: the same
 * parameters, early stopping on validation AUC with the same rule, out-of-fold predictions from each fold's best
 * rounds, final rounds the mean of the folds' best.
 */
final class SparkFolds {

    private final TrainingSettings settings;
    private final int workers;
    private final int width;
    private final JavaSparkContext context;

    SparkFolds(TrainingSettings settings, int workers, int width, JavaSparkContext context) {
        this.settings = settings;
        this.workers = workers;
        this.width = width;
        this.context = context;
    }

    /**
     * Cross-validates one parameter set on {@code data} (SK_ID_CURR, TARGET, features, fold; partitioned by
     * client into {@code workers} partitions); {@code clients} in ascending order index the out-of-fold array.
     */
    CrossValidation crossValidate(Dataset<Row> data, long[] clients, BoostingParameters parameters,
                                  Progress progress) throws XGBoostError {
        int k = settings.folds();
        double[] outOfFold = new double[clients.length];
        double[] foldAuc = new double[k];
        int[] foldRounds = new int[k];
        double[] foldSeconds = new double[k];
        for (int fold = 0; fold < k; fold++) {
            long start = System.nanoTime();
            progress.begin("fold " + (fold + 1) + "/" + k + " on Spark", 0, "");
            Dataset<Row> train = data.where(col("fold").notEqual(fold));
            Dataset<Row> valid = data.where(col("fold").equalTo(fold));
            XGBoostClassifier classifier = classifier(parameters, settings.maxRounds());
            // XGBoost stops once (round - best) reaches its patience; core stops one round earlier. Best rounds
            // are replayed below with core's rule, so training a round more changes nothing.
            classifier.setNumEarlyStoppingRounds(Math.max(1, settings.patience() - 1));
            classifier.setEvalDataset(valid);
            XGBoostClassificationModel model = classifier.fit(train);
            float[] auc = validationHistory(model);
            double best = Double.NEGATIVE_INFINITY;
            int bestRound = 0;
            for (int round = 0; round < auc.length && round < settings.maxRounds()
                    && round - bestRound < settings.patience(); round++) {
                if (auc[round] > best) {
                    best = auc[round];
                    bestRound = round;
                }
            }
            byte[] bytes = model.nativeBooster().booster().toByteArray("ubj");
            Broadcast<byte[]> broadcast = context.broadcast(bytes);
            try {
                List<Tuple2<Long, Double>> predicted = valid.select(FeatureVectors.CLIENT, FeatureVectors.VECTOR)
                        .javaRDD().mapPartitions(new OutOfFoldPrediction(broadcast, width, bestRound + 1))
                        .collect();
                for (Tuple2<Long, Double> p : predicted) {
                    int row = Arrays.binarySearch(clients, p._1());
                    outOfFold[row] = p._2();
                }
            } finally {
                broadcast.destroy();
            }
            foldAuc[fold] = best;
            foldRounds[fold] = bestRound + 1;
            foldSeconds[fold] = (System.nanoTime() - start) / 1e9;
            progress.end(String.format(Locale.ROOT, "AUC %.4f at round %d", best, bestRound + 1));
        }
        return new CrossValidation(parameters, outOfFold, foldAuc, foldRounds, foldSeconds);
    }

    /** Trains the final model on every row of {@code data} for a fixed number of rounds. */
    Booster trainFinal(Dataset<Row> data, BoostingParameters parameters, int rounds) throws XGBoostError {
        // A copy: the Spark model's native booster can be released with the model (it was, in tests, before
        // SHAP importance ran), while the returned booster must live as long as the bundle.
        byte[] bytes = classifier(parameters, rounds).fit(data).nativeBooster().booster().toByteArray("ubj");
        try {
            return ml.dmlc.xgboost4j.java.XGBoost.loadModel(bytes);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot copy the final booster", e);
        }
    }

    private XGBoostClassifier classifier(BoostingParameters p, int rounds) {
        // The parameters of core's BoostingParameters.toXgboost, under XGBoost4J-Spark's setters.
        XGBoostClassifier c = new XGBoostClassifier();
        c.setLabelCol(FeatureVectors.TARGET);
        c.setFeaturesCol(FeatureVectors.VECTOR);
        c.setObjective("binary:logistic");
        c.setTreeMethod("hist");
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
