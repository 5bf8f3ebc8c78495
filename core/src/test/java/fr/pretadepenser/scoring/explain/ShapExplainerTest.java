package fr.pretadepenser.scoring.explain;

import fr.pretadepenser.scoring.features.Feature;
import fr.pretadepenser.scoring.features.FeatureManifest;
import fr.pretadepenser.scoring.features.Vocabularies;
import fr.pretadepenser.scoring.model.BoostingParameters;
import fr.pretadepenser.scoring.model.TrainingSet;
import fr.pretadepenser.scoring.model.XgboostTrainer;
import ml.dmlc.xgboost4j.java.Booster;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShapExplainerTest {

    // Four features from three original variables: the two one-hot columns of NAME_INCOME_TYPE make one.
    private static final FeatureManifest MANIFEST = new FeatureManifest("test", new Vocabularies(Map.of()), List.of(
            new Feature("EXT_SOURCE_3", "application", "EXT_SOURCE_3"),
            new Feature("NAME_INCOME_TYPE_Working", "application", "NAME_INCOME_TYPE"),
            new Feature("NAME_INCOME_TYPE_Pensioner", "application", "NAME_INCOME_TYPE"),
            new Feature("BURO_DAYS_CREDIT_MEAN", "bureau", "DAYS_CREDIT")));

    private static TrainingSet data;
    private static Booster booster;

    @BeforeAll
    static void trainASmallModel() throws Exception {
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
        data = new TrainingSet(MANIFEST.featureNames(), values, outcomes, clients);
        booster = new XgboostTrainer(50, 10, 1, 1).trainFinal(data, BoostingParameters.DEFAULT, 40);
    }

    @Test
    void contributionsAndBaseValueAddUpToTheModelsRawOutput() throws Exception {
        List<Explanation> explanations = new ShapExplainer(booster, MANIFEST).explain(data.values(), data.rows());
        float[][] margins = booster.predict(new ml.dmlc.xgboost4j.java.DMatrix(data.values(), data.rows(), 4, Float.NaN), true);
        for (int i = 0; i < data.rows(); i++) {
            Explanation e = explanations.get(i);
            double sum = e.baseValue() + e.contributions().stream().mapToDouble(Contribution::value).sum();
            assertEquals(margins[i][0], sum, 1e-4, "row " + i);
            assertEquals(1 / (1 + Math.exp(-margins[i][0])), e.probability(), 1e-6);
        }
    }

    @Test
    void groupsOneHotColumnsIntoTheirOriginalVariable() throws Exception {
        Explanation e = new ShapExplainer(booster, MANIFEST).explain(data.values(), 1).get(0);
        assertEquals(3, e.contributions().size());
        assertEquals(List.of("DAYS_CREDIT", "EXT_SOURCE_3", "NAME_INCOME_TYPE"),
                e.contributions().stream().map(Contribution::variable).sorted().toList());
        for (int i = 1; i < e.contributions().size(); i++) {
            assertTrue(Math.abs(e.contributions().get(i - 1).value()) >= Math.abs(e.contributions().get(i).value()),
                    "largest first");
        }
    }

    @Test
    void globalImportanceRanksTheStrongestVariableFirst() throws Exception {
        List<Contribution> global = new ShapExplainer(booster, MANIFEST).meanAbsolute(data.values(), data.rows());
        assertEquals("EXT_SOURCE_3", global.get(0).variable());
        assertEquals(3, global.size());
    }
}
