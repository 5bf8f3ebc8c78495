package fr.pretadepenser.scoring.model;

import fr.pretadepenser.scoring.data.ingest.Ingester;
import fr.pretadepenser.scoring.explain.VariableLabels;
import fr.pretadepenser.scoring.features.DuckDbFeatureEngine;
import fr.pretadepenser.scoring.features.FeatureManifest;
import fr.pretadepenser.scoring.features.FeatureRows;
import fr.pretadepenser.scoring.model.bundle.BundleIntegrityException;
import fr.pretadepenser.scoring.model.bundle.BundleManifest;
import fr.pretadepenser.scoring.model.bundle.ModelBundle;
import fr.pretadepenser.scoring.model.bundle.TrainedModel;
import fr.pretadepenser.scoring.model.evaluation.BusinessCost;
import fr.pretadepenser.scoring.model.evaluation.Confusion;
import fr.pretadepenser.scoring.model.training.BoostingParameters;
import fr.pretadepenser.scoring.model.training.FoldTrainer;
import fr.pretadepenser.scoring.model.training.StratifiedFolds;
import fr.pretadepenser.scoring.model.training.TrainingSet;
import fr.pretadepenser.scoring.model.training.TrainingSettings;
import fr.pretadepenser.scoring.model.training.XgboostFoldTrainer;
import fr.pretadepenser.scoring.progress.Progress;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import fr.pretadepenser.scoring.score.Scorer;
import fr.pretadepenser.scoring.synthetic.GeneratorSettings;
import fr.pretadepenser.scoring.synthetic.SyntheticDataGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.apache.commons.codec.digest.DigestUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelTrainingTest {

    private static final TrainingSettings SETTINGS = new TrainingSettings(3, 2, 3600, BusinessCost.DEFAULT, 11,
            80, 10, 1, false);

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static Path database;
    static TrainedModel model;

    @BeforeAll
    static void trainOnASmallSyntheticDataSet() throws Exception {
        Path data = tmp.resolve("data");
        database = tmp.resolve("homecredit.duckdb");
        new SyntheticDataGenerator(new GeneratorSettings(2000, 5)).generate(data, Progress.SILENT);
        new Ingester(HomeCreditSchema.load()).ingest(data, database, Progress.SILENT);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + database)) {
            DuckDbFeatureEngine engine = new DuckDbFeatureEngine(HomeCreditSchema.load());
            engine.build(c, engine.learnVocabularies(c), Progress.SILENT);
            model = ModelTraining.train(c, SETTINGS, Progress.SILENT);
        }
    }

    @Test
    void recordsTheSearchTheBaselinesAndTheThreshold() {
        BundleManifest m = model.manifest();
        assertEquals(2, m.search().size());
        assertEquals(BoostingParameters.DEFAULT, m.search().get(0).parameters());
        assertEquals(0.5, m.prior().rocAuc(), 0);
        assertTrue(m.model().rocAuc() > 0.6, "AUC " + m.model().rocAuc());
        assertTrue(m.threshold() > 0 && m.threshold() < 1, "threshold " + m.threshold());
        assertEquals(2, m.classWeighting().size());
        assertEquals(1, m.classWeighting().stream().filter(BundleManifest.ClassWeighting::chosen).count());
        assertEquals(m.featureCount(), m.featureReference().size());
        assertEquals(m.trainingRows(), model.outOfFold().length);
        assertEquals(m.atThreshold(), Confusion.at(m.threshold(), model.outcomes(), model.outOfFold()));
        assertTrue(m.fairness().containsKey("CODE_GENDER") && m.fairness().containsKey("age band"));
    }

    @Test
    void sameDataAndSeedGiveTheSameModel() throws Exception {
        TrainedModel again;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + database)) {
            again = ModelTraining.train(c, SETTINGS, Progress.SILENT);
        }
        assertArrayEquals(model.booster().toByteArray("ubj"), again.booster().toByteArray("ubj"));
        assertArrayEquals(model.outOfFold(), again.outOfFold());
        assertEquals(model.manifest().threshold(), again.manifest().threshold());
        assertEquals(model.manifest().dataFingerprint(), again.manifest().dataFingerprint());
        assertEquals(model.manifest().logistic(), again.manifest().logistic());
    }

    @Test
    void canLeaveTheSideTablesOutToMeasureWhatTheyAdd() throws Exception {
        TrainedModel applicationOnly;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + database)) {
            applicationOnly = ModelTraining.train(c, new TrainingSettings(3, 1, 3600, BusinessCost.DEFAULT, 11, 80, 10,
                    1, true), Progress.SILENT);
        }
        assertTrue(applicationOnly.features().features().stream().allMatch(f -> f.table().equals("application")));
        assertEquals(applicationOnly.features().features().size(), applicationOnly.manifest().featureCount());
        assertTrue(applicationOnly.manifest().featureCount() < model.manifest().featureCount());
    }

    @Test
    void duringTheFinalModelNothingButTheTrainerHeldTheRows() throws Exception {
        WatchedTrainer trainer = WatchedTrainer.read(database);
        TrainedModel again = new ModelTraining(SETTINGS).train(trainer.input(), trainer, BoostingParameters.DEFAULT,
                Progress.SILENT);
        assertTrue(trainer.rowsCollectedInTheFinalModel, "the recipe still held the rows during the final model");
        // Class weighting's two fits of the first fold, the first of them the first trial's, then the second trial.
        assertEquals(List.of(0, 0, 1, 2, 0, 1, 2), trainer.fits);
        assertArrayEquals(model.booster().toByteArray("ubj"), again.booster().toByteArray("ubj"));
        assertEquals(model.manifest().shapImportance(), again.manifest().shapImportance());
        assertEquals(model.manifest().featureReference(), again.manifest().featureReference());
    }

    @Test
    void oneTrialFitsEachFoldOnceWithTheGivenWeightAndComparesNoWeighting() throws Exception {
        WatchedTrainer trainer = WatchedTrainer.read(database);
        TrainingSettings oneTrial = new TrainingSettings(SETTINGS.folds(), 1, SETTINGS.budgetSeconds(),
                SETTINGS.cost(), SETTINGS.seed(), SETTINGS.maxRounds(), SETTINGS.patience(), SETTINGS.threads(),
                false);
        TrainedModel one = new ModelTraining(oneTrial).train(trainer.input(), trainer,
                BoostingParameters.DEFAULT, Progress.SILENT);
        assertEquals(List.of(0, 1, 2), trainer.fits);
        assertEquals(List.of(), one.manifest().classWeighting());
        assertEquals(BoostingParameters.DEFAULT, one.manifest().parameters());
        assertEquals(1, one.manifest().search().size());
    }

    /**
     * XGBoost's trainer, recording the fold of each fit and finding out when the final model is fitted whether
     * anything else still holds its rows.
     */
    private static final class WatchedTrainer implements FoldTrainer {

        private final XgboostFoldTrainer trainer;
        private final FeatureManifest features;
        private final WeakReference<TrainingSet> rows;
        final List<Integer> fits = new ArrayList<>();
        boolean rowsCollectedInTheFinalModel;

        private WatchedTrainer(XgboostFoldTrainer trainer, FeatureManifest features,
                               WeakReference<TrainingSet> rows) {
            this.trainer = trainer;
            this.features = features;
            this.rows = rows;
        }

        /**
         * The trainer the recipe makes of the rows of the feature table of {@code database}; nothing else keeps a
         * reference to them.
         */
        static WatchedTrainer read(Path database) throws SQLException {
            try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + database)) {
                FeatureManifest features = DuckDbFeatureEngine.storedManifest(c).orElseThrow();
                TrainingSet data = TrainingSet.read(c, features);
                int[] folds = StratifiedFolds.assign(data.outcomes(), SETTINGS.folds(), SETTINGS.seed());
                return new WatchedTrainer(new XgboostFoldTrainer(data, folds, SETTINGS), features,
                        new WeakReference<>(data));
            }
        }

        /** The recipe's input for these rows, with every application in one fairness group. */
        TrainingInput input() {
            TrainingSet data = trainer.sample();
            String[] everyone = new String[data.rows()];
            Arrays.fill(everyone, "all");
            return new TrainingInput(features, data.clients(), data.outcomes(), trainer.sampleFolds(),
                    Map.of("everyone", everyone), Map.of(), Map.of());
        }

        @Override
        public FoldFit fit(int fold, BoostingParameters parameters, Progress progress) throws XGBoostError {
            fits.add(fold);
            return trainer.fit(fold, parameters, progress);
        }

        @Override
        public HeldFolds hold() {
            return trainer.hold();
        }

        @Override
        public Booster fitAll(BoostingParameters parameters, int rounds) throws XGBoostError {
            Booster booster = trainer.fitAll(parameters, rounds);
            for (int attempt = 0; attempt < 10 && rows.get() != null; attempt++) {
                System.gc();
            }
            rowsCollectedInTheFinalModel = rows.get() == null;
            return booster;
        }

        @Override
        public TrainingSet sample() {
            return trainer.sample();
        }

        @Override
        public int[] sampleFolds() {
            return trainer.sampleFolds();
        }
    }

    @Nested
    class Bundle {

        @Test
        void roundTripsWithTheSameManifestAndPredictions() throws Exception {
            Path models = tmp.resolve("models-roundtrip");
            Path written = ModelBundle.write(model, models);
            ModelBundle loaded = ModelBundle.load(models.resolve(ModelBundle.CURRENT));
            assertEquals(model.manifest(), loaded.manifest());
            assertEquals(model.features(), loaded.features());
            assertEquals(written.getFileName(), Files.readSymbolicLink(models.resolve(ModelBundle.CURRENT)));
            float[] rows = java.util.Arrays.copyOf(TrainingSetReaderTestData.firstRows(database, model, 5),
                    5 * model.manifest().featureCount());
            float[][] direct = model.booster().predict(new ml.dmlc.xgboost4j.java.DMatrix(rows, 5,
                    model.manifest().featureCount(), Float.NaN));
            double[] viaBundle = new Scorer(loaded, new VariableLabels(HomeCreditSchema.load()))
                    .probabilities(FeatureRows.unlabelled(new long[5], rows, model.manifest().featureCount()));
            for (int i = 0; i < 5; i++) {
                assertEquals(direct[i][0], viaBundle[i], 1e-7);
            }
        }

        @Test
        void refusesADamagedModelFileNamingIt() throws Exception {
            Path models = tmp.resolve("models-damaged");
            Path bundle = ModelBundle.write(model, models);
            byte[] bytes = Files.readAllBytes(bundle.resolve(ModelBundle.MODEL));
            bytes[bytes.length / 2] ^= 1;
            Files.write(bundle.resolve(ModelBundle.MODEL), bytes);
            BundleIntegrityException e = assertThrows(BundleIntegrityException.class, () -> ModelBundle.load(bundle));
            assertTrue(e.getMessage().startsWith(bundle.resolve(ModelBundle.MODEL) + " is damaged: its SHA-256 is "),
                    e.getMessage());
            assertTrue(e.getMessage().endsWith("; restore the bundle or train again"), e.getMessage());
        }

        @Test
        void refusesABundleWithAMissingFile() throws Exception {
            Path models = tmp.resolve("models-missing");
            Path bundle = ModelBundle.write(model, models);
            Files.delete(bundle.resolve(ModelBundle.FEATURES));
            BundleIntegrityException e = assertThrows(BundleIntegrityException.class, () -> ModelBundle.load(bundle));
            assertEquals(bundle.resolve(ModelBundle.FEATURES) + " is missing from the model bundle", e.getMessage());
        }

        @Test
        void refusesAMalformedChecksumLineNamingTheLineAndWhatWasExpected() throws Exception {
            Path bundle = ModelBundle.write(model, tmp.resolve("models-bad-sum"));
            Path sums = bundle.resolve(ModelBundle.CHECKSUMS);
            List<String> lines = new ArrayList<>(Files.readAllLines(sums));
            lines.set(1, "not a checksum");
            Files.write(sums, lines);
            BundleIntegrityException e = assertThrows(BundleIntegrityException.class, () -> ModelBundle.load(bundle));
            assertEquals(sums + ", line 2: expected a SHA-256 (64 lower-case hex digits), two spaces and a file name,"
                    + " found 'not a checksum'; restore the bundle or train again", e.getMessage());
        }

        @Test
        void refusesAnEmptyOrTruncatedChecksumFileNamingTheFileWithoutALine() throws Exception {
            Path bundle = ModelBundle.write(model, tmp.resolve("models-short-sums"));
            Path sums = bundle.resolve(ModelBundle.CHECKSUMS);
            List<String> lines = Files.readAllLines(sums);
            Files.write(sums, lines.subList(0, 1));
            BundleIntegrityException truncated = assertThrows(BundleIntegrityException.class,
                    () -> ModelBundle.load(bundle));
            assertTrue(truncated.getMessage().startsWith(sums + " has no line for " + ModelBundle.FEATURES + " "),
                    truncated.getMessage());
            Files.write(sums, new byte[0]);
            BundleIntegrityException empty = assertThrows(BundleIntegrityException.class,
                    () -> ModelBundle.load(bundle));
            assertTrue(empty.getMessage().startsWith(sums + " has no line for " + ModelBundle.MODEL + " "),
                    empty.getMessage());
        }

        @Test
        void refusesARenamedFeatureEvenWithItsChecksumRewritten() throws Exception {
            Path bundle = ModelBundle.write(model, tmp.resolve("models-renamed"));
            String first = model.features().featureNames().get(0);
            editFeatures(bundle, features -> ((ObjectNode) features.get(0)).put("name", first + "_RENAMED"));
            BundleIntegrityException e = assertThrows(BundleIntegrityException.class, () -> ModelBundle.load(bundle));
            assertEquals(bundle + ": feature 1 is '" + first + "_RENAMED' in features.json but '" + first + "' in"
                    + " bundle.json (the model's column order); the files come from different trainings or were"
                    + " edited: restore the bundle or train again", e.getMessage());
        }

        @Test
        void refusesTwoSwappedFeatures() throws Exception {
            Path bundle = ModelBundle.write(model, tmp.resolve("models-swapped"));
            List<String> names = model.features().featureNames();
            editFeatures(bundle, features -> {
                JsonNode second = features.get(1);
                features.set(1, features.get(2));
                features.set(2, second);
            });
            BundleIntegrityException e = assertThrows(BundleIntegrityException.class, () -> ModelBundle.load(bundle));
            assertTrue(e.getMessage().startsWith(bundle + ": feature 2 is '" + names.get(2) + "' in features.json but '"
                    + names.get(1) + "' in bundle.json"), e.getMessage());
        }

        @Test
        void refusesABundleOfAnOlderFormatSayingSo() throws Exception {
            Path bundle = ModelBundle.write(model, tmp.resolve("models-old"));
            ObjectNode manifest = (ObjectNode) JSON.readTree(bundle.resolve(ModelBundle.BUNDLE).toFile());
            manifest.remove("featureReference");
            rewrite(bundle, ModelBundle.BUNDLE, JSON.writeValueAsBytes(manifest));
            BundleIntegrityException e = assertThrows(BundleIntegrityException.class, () -> ModelBundle.load(bundle));
            assertEquals(bundle + "/bundle.json has no featureReference: a bundle of an older format, which cannot be"
                    + " checked against its features; train again with this version", e.getMessage());
        }

        @Test
        void refusesAFolderThatIsNoBundle() {
            Path nowhere = tmp.resolve("no-models/current");
            BundleIntegrityException e = assertThrows(BundleIntegrityException.class, () -> ModelBundle.load(nowhere));
            assertEquals("no model bundle at " + nowhere + "; run 'scoring train' first", e.getMessage());
        }
    }


    /** Edits the features array of a bundle's features.json and rewrites its checksum line to match. */
    private static void editFeatures(Path bundle, Consumer<ArrayNode> edit) throws IOException {
        ObjectNode features = (ObjectNode) JSON.readTree(bundle.resolve(ModelBundle.FEATURES).toFile());
        edit.accept((ArrayNode) features.get("features"));
        rewrite(bundle, ModelBundle.FEATURES, JSON.writeValueAsBytes(features));
    }

    /** Replaces a bundle file and its line in checksums.sha256, as someone covering an edit would. */
    private static void rewrite(Path bundle, String name, byte[] content) throws IOException {
        Files.write(bundle.resolve(name), content);
        Path sums = bundle.resolve(ModelBundle.CHECKSUMS);
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(sums)) {
            lines.add(line.endsWith("  " + name) ? DigestUtils.sha256Hex(content) + "  " + name : line);
        }
        Files.write(sums, lines);
    }
}
