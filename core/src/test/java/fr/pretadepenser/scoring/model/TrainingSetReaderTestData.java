package fr.pretadepenser.scoring.model;

import fr.pretadepenser.scoring.features.FeatureManifest;
import fr.pretadepenser.scoring.model.bundle.TrainedModel;
import fr.pretadepenser.scoring.model.training.TrainingSet;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;

/** Reads the first training rows of a test database back, to feed a model in tests. */
final class TrainingSetReaderTestData {

    private TrainingSetReaderTestData() {
    }

    static float[] firstRows(Path database, TrainedModel model, int rows) throws Exception {
        FeatureManifest manifest = model.features();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + database)) {
            TrainingSet data = TrainingSet.read(c, manifest);
            return java.util.Arrays.copyOf(data.values(), rows * data.columns());
        }
    }
}
