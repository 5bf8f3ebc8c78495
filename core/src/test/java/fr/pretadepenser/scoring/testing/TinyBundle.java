package fr.pretadepenser.scoring.testing;

import fr.pretadepenser.scoring.data.ingest.Ingester;
import fr.pretadepenser.scoring.features.DuckDbFeatureEngine;
import fr.pretadepenser.scoring.model.ModelTraining;
import fr.pretadepenser.scoring.model.bundle.ModelBundle;
import fr.pretadepenser.scoring.model.evaluation.BusinessCost;
import fr.pretadepenser.scoring.model.training.TrainingSettings;
import fr.pretadepenser.scoring.progress.Progress;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import fr.pretadepenser.scoring.score.Scorer;
import fr.pretadepenser.scoring.synthetic.GeneratorSettings;
import fr.pretadepenser.scoring.synthetic.SyntheticDataGenerator;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;

/**
 * A small trained model bundle for the tests of later stages (reports, batch scoring): 2,000 synthetic clients,
 * 3 folds, one search trial, at most 80 trees, with a scorecard, written with its data folder and feature database.
 *
 * @param data     the synthetic Kaggle files (application_train.csv, application_test.csv, history files)
 * @param database the DuckDB file with the feature table the model was trained on
 * @param bundle   the bundle's folder
 */
public record TinyBundle(Path data, Path database, Path bundle) {

    // With the scorecard challenger (a second or so): reports and server tests see it.
    private static final TrainingSettings SETTINGS = new TrainingSettings(3, 1, 3600, BusinessCost.DEFAULT, 7, 80,
            10, 1, false, true);

    // Training takes several seconds: the test classes of one run share one bundle, made on first use.
    private static TinyBundle shared;

    /** The bundle of this test run, trained on first call under a temporary folder deleted at exit. */
    public static synchronized TinyBundle get() throws Exception {
        if (shared == null) {
            shared = train(RunFolder.create("tiny-bundle-"), 2000, 10, SETTINGS);
        }
        return shared;
    }

    /** A scorer of the bundle (loaded and checked afresh), with the product's variable labels. */
    public Scorer scorer() {
        return Scorer.load(bundle);
    }

    /**
     * A bundle trained on {@code clients} generated clients (generator seed {@code seed}) with {@code settings},
     * under {@code root}. The shared one is 2,000 clients of seed 10 with at most 80 trees; a test that needs fold
     * models and a final model that score alike (drift) trains a larger one to convergence, since a model stopped
     * early while its scores still spread out depends on its exact number of trees.
     */
    public static TinyBundle train(Path root, int clients, long seed, TrainingSettings settings) throws Exception {
        Path data = root.resolve("data");
        Path database = root.resolve("homecredit.duckdb");
        new SyntheticDataGenerator(new GeneratorSettings(clients, seed)).generate(data, Progress.SILENT);
        new Ingester(HomeCreditSchema.load()).ingest(data, database, Progress.SILENT);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + database)) {
            DuckDbFeatureEngine engine = new DuckDbFeatureEngine(HomeCreditSchema.load());
            engine.build(c, engine.learnVocabularies(c), Progress.SILENT);
            Path bundle = ModelBundle.write(ModelTraining.train(c, settings, Progress.SILENT), root.resolve("models"));
            return new TinyBundle(data, database, bundle);
        }
    }
}
