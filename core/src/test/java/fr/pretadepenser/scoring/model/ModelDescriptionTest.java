package fr.pretadepenser.scoring.model;

import fr.pretadepenser.scoring.model.bundle.FeatureReference;
import fr.pretadepenser.scoring.model.bundle.VariableImportance;
import fr.pretadepenser.scoring.model.training.TrainingSet;
import fr.pretadepenser.scoring.testing.FourFeatureModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
                ModelDescription.shapRows(model.data()));
        assertEquals("EXT_SOURCE_3", global.get(0).variable());
        assertEquals(3, global.size());
    }

    @Test
    void theShapRowsAreEvenlySpacedAndAllOfASmallSet() {
        int rows = 12_001;
        float[] values = new float[rows * 2];
        long[] clients = new long[rows];
        for (int i = 0; i < rows; i++) {
            values[2 * i] = i;
            values[2 * i + 1] = -i;
            clients[i] = 100_000 + i;
        }
        TrainingSet large = new TrainingSet(List.of("A", "B"), values, new int[rows], clients);
        TrainingSet chosen = ModelDescription.shapRows(large);
        assertEquals(ModelDescription.SHAP_SAMPLE, chosen.rows());
        assertEquals(List.of("A", "B"), chosen.featureNames());
        for (int i = 0; i < chosen.rows(); i++) {
            long row = (long) i * rows / ModelDescription.SHAP_SAMPLE;
            assertEquals(row, chosen.value(i, 0));
            assertEquals(-row, chosen.value(i, 1));
            assertEquals(100_000 + row, chosen.clients()[i]);
        }
        TrainingSet small = model.data();
        TrainingSet whole = ModelDescription.shapRows(small);
        assertArrayEquals(small.values(), whole.values(), "a set smaller than the sample is explained whole");
        assertArrayEquals(small.clients(), whole.clients());
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
