package fr.pretadepenser.scoring.model;

import fr.pretadepenser.scoring.data.ingest.Ingester;
import fr.pretadepenser.scoring.features.DuckDbFeatureEngine;
import fr.pretadepenser.scoring.features.FeatureMatrixReader;
import fr.pretadepenser.scoring.features.FeatureRows;
import fr.pretadepenser.scoring.model.bundle.BundleManifest;
import fr.pretadepenser.scoring.model.bundle.ModelBundle;
import fr.pretadepenser.scoring.model.bundle.TrainedModel;
import fr.pretadepenser.scoring.model.evaluation.BusinessCost;
import fr.pretadepenser.scoring.model.evaluation.Confusion;
import fr.pretadepenser.scoring.model.evaluation.Metrics;
import fr.pretadepenser.scoring.model.training.TrainingSettings;
import fr.pretadepenser.scoring.progress.Progress;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import fr.pretadepenser.scoring.score.Scorer;
import fr.pretadepenser.scoring.synthetic.GeneratorSettings;
import fr.pretadepenser.scoring.synthetic.SyntheticDataGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A training that weights defaults (generated data seed 3, training seed 7, as {@code scoring train --trials 1
 * --folds 3 --seed 7} on 2,000 clients): its probabilities must still read as default rates.
 */
class WeightedTrainingTest {

    private static final TrainingSettings SETTINGS = new TrainingSettings(3, 1, 3600, BusinessCost.DEFAULT, 7, 2000,
            50, 2, false, false);

    @TempDir
    static Path tmp;
    static Path database;
    static TrainedModel model;

    @BeforeAll
    static void trainWhereWeightingIsCheaper() throws Exception {
        Path data = tmp.resolve("data");
        database = tmp.resolve("homecredit.duckdb");
        new SyntheticDataGenerator(new GeneratorSettings(2000, 3)).generate(data, Progress.SILENT);
        new Ingester(HomeCreditSchema.load()).ingest(data, database, Progress.SILENT);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + database)) {
            DuckDbFeatureEngine engine = new DuckDbFeatureEngine(HomeCreditSchema.load());
            engine.build(c, engine.learnVocabularies(c), Progress.SILENT);
            model = ModelTraining.train(c, SETTINGS, Progress.SILENT);
        }
    }

    @Test
    void weightingWasChosenAndItsOutOfFoldProbabilitiesAverageTheDefaultRate() {
        BundleManifest m = model.manifest();
        assertTrue(m.classWeighting().stream().anyMatch(w -> w.chosen() && w.scalePosWeight() > 1),
                "this data and seed weight defaults: " + m.classWeighting());
        double mean = Arrays.stream(model.outOfFold()).average().orElseThrow();
        assertEquals(m.defaultRate(), mean, 1e-9, "mean out-of-fold probability against the default rate");
        assertEquals(m.atThreshold(), Confusion.at(m.threshold(), model.outcomes(), model.outOfFold()));
        assertTrue(m.threshold() < 0.5, "a threshold on the data's scale, not the weighted one: " + m.threshold());
        assertEquals(Metrics.rocAuc(model.outcomes(), model.outOfFold()), m.model().rocAuc(), 1e-12);
    }

    @Test
    void theSavedModelServesProbabilitiesOnTheDataScale(@TempDir Path models) throws Exception {
        Scorer scorer = Scorer.load(ModelBundle.write(model, models));
        FeatureRows rows;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + database)) {
            rows = FeatureMatrixReader.readAll(c, scorer.bundle().features().featureNames(),
                    "WHERE f.TARGET IS NOT NULL", "ORDER BY f.SK_ID_CURR");
        }
        double served = Arrays.stream(scorer.probabilities(rows)).average().orElseThrow();
        // The final model scores the rows it was fitted on: near the rate, far from a weighted model's 40% or more.
        assertEquals(model.manifest().defaultRate(), served, 0.03, "mean served probability");
        var explanation = scorer.score(rows, fr.pretadepenser.scoring.explain.Language.EN).get(0).explanation();
        double sum = explanation.baseValue() + explanation.contributions().stream()
                .mapToDouble(fr.pretadepenser.scoring.explain.Contribution::value).sum();
        assertEquals(explanation.margin(), sum, 1e-3, "base value and contributions still add up to the margin");
        assertEquals(1 / (1 + Math.exp(-explanation.margin())), explanation.probability(), 1e-6);
    }
}
