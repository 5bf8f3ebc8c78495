package fr.pretadepenser.scoring.model;

import fr.pretadepenser.scoring.model.bundle.FeatureReference;
import fr.pretadepenser.scoring.model.bundle.VariableImportance;
import fr.pretadepenser.scoring.model.training.TrainingSet;
import fr.pretadepenser.scoring.testing.FourFeatureModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ModelDescriptionTest {

    private static FourFeatureModel model;

    @BeforeAll
    static void trainASmallModel() throws Exception {
        model = FourFeatureModel.train();
    }

    @Test
    void globalImportanceRanksTheStrongestVariableFirst() throws Exception {
        List<VariableImportance> global = ModelDescription.shapImportance(model.booster(), model.manifest(),
                model.data());
        assertEquals("EXT_SOURCE_3", global.get(0).variable());
        assertEquals(3, global.size());
    }

    @Test
    void referencesDescribeEachColumnWhateverTheThreads() {
        TrainingSet data = model.data();
        List<FeatureReference> one = ModelDescription.references(data, 1);
        assertEquals(data.columns(), one.size());
        for (int c = 0; c < data.columns(); c++) {
            double[] column = new double[data.rows()];
            for (int i = 0; i < data.rows(); i++) {
                column[i] = data.value(i, c);
            }
            assertEquals(FeatureReference.of(data.featureNames().get(c), column), one.get(c));
        }
        assertEquals(one, ModelDescription.references(data, 3));
    }
}
