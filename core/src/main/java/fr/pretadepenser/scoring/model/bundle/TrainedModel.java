package fr.pretadepenser.scoring.model.bundle;

import fr.pretadepenser.scoring.features.FeatureManifest;
import ml.dmlc.xgboost4j.java.Booster;

/**
 * A trained model with everything that belongs in its bundle.
 *
 * @param booster    the final XGBoost model
 * @param features   the feature manifest it reads
 * @param manifest   what the bundle says about it
 * @param clients    SK_ID_CURR of the training rows
 * @param outcomes   their outcomes
 * @param outOfFold  their out-of-fold probabilities
 */
public record TrainedModel(Booster booster, FeatureManifest features, BundleManifest manifest, long[] clients,
                           int[] outcomes, double[] outOfFold) {
}
