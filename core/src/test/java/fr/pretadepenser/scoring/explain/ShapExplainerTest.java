package fr.pretadepenser.scoring.explain;

import fr.pretadepenser.scoring.testing.FourFeatureModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShapExplainerTest {

    private static FourFeatureModel model;

    @BeforeAll
    static void trainASmallModel() throws Exception {
        model = FourFeatureModel.train();
    }

    @Test
    void contributionsAndBaseValueAddUpToTheModelsRawOutput() throws Exception {
        List<Explanation> explanations = new ShapExplainer(model.booster(), model.manifest())
                .explain(model.data().values(), model.data().rows());
        float[][] margins = model.booster().predict(new ml.dmlc.xgboost4j.java.DMatrix(model.data().values(),
                model.data().rows(), 4, Float.NaN), true);
        for (int i = 0; i < model.data().rows(); i++) {
            Explanation e = explanations.get(i);
            double sum = e.baseValue() + e.contributions().stream().mapToDouble(Contribution::value).sum();
            assertEquals(margins[i][0], sum, 1e-4, "row " + i);
            assertEquals(1 / (1 + Math.exp(-margins[i][0])), e.probability(), 1e-6);
        }
    }

    @Test
    void groupsOneHotColumnsIntoTheirOriginalVariable() throws Exception {
        Explanation e = new ShapExplainer(model.booster(), model.manifest()).explain(model.data().values(), 1).get(0);
        assertEquals(3, e.contributions().size());
        assertEquals(List.of("DAYS_CREDIT", "EXT_SOURCE_3", "NAME_INCOME_TYPE"),
                e.contributions().stream().map(Contribution::variable).sorted().toList());
        for (int i = 1; i < e.contributions().size(); i++) {
            assertTrue(Math.abs(e.contributions().get(i - 1).value()) >= Math.abs(e.contributions().get(i).value()),
                    "largest first");
        }
    }
}
