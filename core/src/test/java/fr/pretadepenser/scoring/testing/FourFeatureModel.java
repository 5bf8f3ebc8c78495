package fr.pretadepenser.scoring.testing;

import fr.pretadepenser.scoring.data.Vocabularies;
import fr.pretadepenser.scoring.features.Feature;
import fr.pretadepenser.scoring.features.FeatureManifest;
import fr.pretadepenser.scoring.model.training.BoostingParameters;
import fr.pretadepenser.scoring.model.training.TrainingSet;
import fr.pretadepenser.scoring.model.training.XgboostFoldTrainer;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoostError;

import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A small model for explanation tests: four features from three original variables (the two one-hot columns of
 * NAME_INCOME_TYPE make one), 2,000 rows whose default depends mostly on EXT_SOURCE_3, 40 trees.
 *
 * @param manifest the four features
 * @param data     the rows it was trained on
 * @param booster  the model
 */
public record FourFeatureModel(FeatureManifest manifest, TrainingSet data, Booster booster) {

    /** Trains the model (the same one for the same code: the rows come from a fixed seed). */
    public static FourFeatureModel train() throws XGBoostError {
        FeatureManifest manifest = new FeatureManifest("test", new Vocabularies(Map.of()), List.of(
                new Feature("EXT_SOURCE_3", "application", "EXT_SOURCE_3"),
                new Feature("NAME_INCOME_TYPE_Working", "application", "NAME_INCOME_TYPE"),
                new Feature("NAME_INCOME_TYPE_Pensioner", "application", "NAME_INCOME_TYPE"),
                new Feature("BURO_DAYS_CREDIT_MEAN", "bureau", "DAYS_CREDIT")));
        Random random = new Random(3);
        int rows = 2000;
        float[] values = new float[rows * 4];
        int[] outcomes = new int[rows];
        long[] clients = new long[rows];
        for (int i = 0; i < rows; i++) {
            float ext = random.nextFloat();
            boolean working = random.nextBoolean();
            float days = random.nextDouble() < 0.3 ? Float.NaN : -3000 * random.nextFloat();
            values[i * 4] = ext;
            values[i * 4 + 1] = working ? 1 : 0;
            values[i * 4 + 2] = working ? 0 : 1;
            values[i * 4 + 3] = days;
            double logit = -2 - 3 * (ext - 0.5) + (working ? 0 : 0.7) + (Float.isNaN(days) ? 0.5 : 0);
            outcomes[i] = random.nextDouble() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
            clients[i] = 100000 + i;
        }
        TrainingSet data = new TrainingSet(manifest.featureNames(), values, outcomes, clients);
        Booster booster = XgboostFoldTrainer.fitAll(data, BoostingParameters.DEFAULT, 40, 1, 1);
        return new FourFeatureModel(manifest, data, booster);
    }
}
