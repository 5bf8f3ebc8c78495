package fr.pretadepenser.scoring.model.selection;

import fr.pretadepenser.scoring.data.ingest.Ingester;
import fr.pretadepenser.scoring.features.DuckDbFeatureEngine;
import fr.pretadepenser.scoring.features.Feature;
import fr.pretadepenser.scoring.features.FeatureManifest;
import fr.pretadepenser.scoring.model.evaluation.BusinessCost;
import fr.pretadepenser.scoring.model.training.StratifiedFolds;
import fr.pretadepenser.scoring.model.training.TrainingSet;
import fr.pretadepenser.scoring.model.training.TrainingSettings;
import fr.pretadepenser.scoring.progress.Progress;
import fr.pretadepenser.scoring.report.SelectionReport;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import fr.pretadepenser.scoring.synthetic.GeneratorSettings;
import fr.pretadepenser.scoring.synthetic.SyntheticDataGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The methods, the vote and the nested cross-validation on generated applications, with three planted columns: one
 * that carries the target (the target plus noise), one of pure noise, and the row order (an identifier).
 */
class NestedSelectionTest {

    static final String SIGNAL = "PLANTED_SIGNAL";
    static final String NOISE = "PLANTED_NOISE";
    static final String ROW_ORDER = "PLANTED_ROW_ORDER";

    static final SelectionSettings SETTINGS = new SelectionSettings(EnumSet.allOf(SelectionMethod.class), 30,
            List.of(10, 30, SelectionSettings.ALL), 100_000, 40, 30, 10, 3, 1);
    static final TrainingSettings TRAINING = new TrainingSettings(3, 1, 3600, BusinessCost.DEFAULT, 3, 60, 10, 1,
            false);

    @TempDir
    static Path tmp;
    static FeatureManifest manifest;
    static TrainingSet data;
    static int[] folds;

    @BeforeAll
    static void generatedApplicationsWithPlantedColumns() throws Exception {
        Path files = tmp.resolve("data");
        Path database = tmp.resolve("homecredit.duckdb");
        new SyntheticDataGenerator(new GeneratorSettings(3000, 9)).generate(files, Progress.SILENT);
        new Ingester(HomeCreditSchema.load()).ingest(files, database, Progress.SILENT);
        FeatureManifest built;
        TrainingSet read;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + database)) {
            DuckDbFeatureEngine engine = new DuckDbFeatureEngine(HomeCreditSchema.load());
            built = engine.build(c, engine.learnVocabularies(c), Progress.SILENT).manifest();
            read = TrainingSet.read(c, built);
        }
        // The application's features and the planted three: enough for every method, quick to fit.
        List<Feature> kept = new ArrayList<>(built.onlyTable("application").features());
        int[] columns = kept.stream().mapToInt(f -> built.featureNames().indexOf(f.name())).toArray();
        TrainingSet application = read.subset(IntStream.range(0, read.rows()).toArray(), columns);
        kept.add(new Feature(SIGNAL, "application", SIGNAL));
        kept.add(new Feature(NOISE, "application", NOISE));
        kept.add(new Feature(ROW_ORDER, "application", ROW_ORDER));
        manifest = new FeatureManifest(built.sqlSha256(), built.vocabularies(), kept);
        int p = kept.size();
        int n = application.rows();
        float[] values = new float[n * p];
        SplittableRandom random = new SplittableRandom(17);
        for (int i = 0; i < n; i++) {
            System.arraycopy(application.values(), i * (p - 3), values, i * p, p - 3);
            values[i * p + p - 3] = (float) (application.outcomes()[i] + random.nextGaussian());
            values[i * p + p - 2] = (float) random.nextGaussian();
            values[i * p + p - 1] = i;
        }
        data = new TrainingSet(manifest.featureNames(), values, application.outcomes(), application.clients());
        folds = StratifiedFolds.assign(data.outcomes(), 3, 3);
    }

    private static int column(String name) {
        return data.featureNames().indexOf(name);
    }

    @Test
    void everyMethodRanksThePlantedSignalAboveThePlantedNoise() throws Exception {
        FeatureVote vote = FeatureVote.take(data, IntStream.range(0, data.rows()).toArray(), SETTINGS, 3,
                Progress.SILENT);
        int signal = column(SIGNAL);
        int noise = column(NOISE);
        for (SelectionMethod method : SelectionMethod.values()) {
            double[] scores = vote.scores().get(method);
            assertTrue(scores[signal] > scores[noise], method + ": signal " + scores[signal] + ", noise "
                    + scores[noise]);
            assertTrue(vote.verdicts().get(method)[signal], method + " rejects the planted signal");
            if (method.votes()) {
                // Chi-square favours rare one-hot categories and the combined external scores (a sum of scaled
                // values per class), and the categories that carry risk in this data as in genuine data (higher
                // education, pensioners): in its vote and above the noise, not necessarily among the first.
                int[] order = FeatureVote.order(scores);
                int rank = rank(order, signal);
                assertTrue(rank < (method == SelectionMethod.CHI_SQUARE ? 15 : 3), method + " ranks the signal "
                        + (rank + 1) + " after " + IntStream.of(order).limit(rank)
                        .mapToObj(data.featureNames()::get).toList());
            }
        }
        assertEquals(6, vote.votes()[signal]);
        assertEquals(signal, vote.ranking()[0]);
        // With few informative columns in generated data, a top 30 also holds noise for the tree methods and L1:
        // the vote still puts it below the signal, and null importance tells it apart.
        assertTrue(vote.votes()[noise] < 6, "noise got every vote");
        assertTrue(rank(vote.ranking(), noise) > 0);
        assertFalse(vote.verdicts().get(SelectionMethod.NULL_IMPORTANCE)[noise]);
    }

    @Test
    void nullImportanceRejectsTheRowOrderThatBoostingRanksHigh() throws Exception {
        FeatureVote vote = FeatureVote.take(data, IntStream.range(0, data.rows()).toArray(), SETTINGS, 3,
                Progress.SILENT);
        int rowOrder = column(ROW_ORDER);
        int boostingRank = rank(FeatureVote.order(vote.scores().get(SelectionMethod.BOOSTING)), rowOrder);
        assertTrue(boostingRank < 30, "boosting ranks the row order " + boostingRank);
        assertFalse(vote.nullImportance().passes(rowOrder));
        assertTrue(vote.nullImportance().passes(column(SIGNAL)));
    }

    @Test
    void aFoldsSelectionNeverSeesItsValidationRows() throws Exception {
        SelectionSettings quick = new SelectionSettings(EnumSet.allOf(SelectionMethod.class), 30, List.of(10),
                100_000, 20, 10, 3, 3, 1);
        SelectionResult honest = new NestedSelection(quick, TRAINING).run(manifest, data, folds, Progress.SILENT);
        // Fold 0's held-out rows get targets that make the planted noise a perfect predictor.
        int[] poisoned = data.outcomes().clone();
        int noise = column(NOISE);
        for (int i = 0; i < poisoned.length; i++) {
            if (folds[i] == 0) {
                poisoned[i] = data.value(i, noise) > 0 ? 1 : 0;
            }
        }
        SelectionResult poison = new NestedSelection(quick, TRAINING).run(manifest, data.withOutcomes(poisoned),
                folds, Progress.SILENT);
        assertEquals(honest.foldTop().get(0), poison.foldTop().get(0));
        assertNotEquals(honest.foldTop().get(1), poison.foldTop().get(1), "the poison reaches the other folds");
        assertNotEquals(honest.top(30), poison.top(30), "and the vote on every row");
    }

    @Test
    void selectThenTrainIsEvaluatedOutOfFoldAtEachSize() throws Exception {
        SelectionResult result = new NestedSelection(SETTINGS, TRAINING).run(manifest, data, folds, Progress.SILENT);
        assertEquals(List.of(10, 30, data.columns()), result.sizes().stream().map(SelectionResult.SizeResult::size)
                .toList());
        for (SelectionResult.SizeResult size : result.sizes()) {
            assertEquals(3, size.foldAuc().size());
            assertTrue(size.auc() > 0.6, size.size() + " features: AUC " + size.auc());
            assertTrue(size.oneRowMillis() > 0 && size.trainSeconds() > 0);
        }
        assertEquals(SIGNAL, result.features().get(0).name());
        assertEquals(1.0, result.features().get(0).stability());
        assertEquals(data.columns(), result.features().size());
        assertArrayEquals(new int[]{1, 2, 3}, result.features().stream().limit(3)
                .mapToInt(SelectionResult.FeatureVerdict::rank).toArray());
        assertTrue(result.sizes().stream().anyMatch(s -> s.size() == result.recommended()));

        Path html = SelectionReport.write(result, tmp.resolve("reports"));
        assertEquals(result.top(30), SelectionResult.read(tmp.resolve("reports").resolve(SelectionReport.JSON))
                .top(30));
        Document page = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(html.toFile());
        assertEquals(2, page.getElementsByTagName("svg").getLength(), "the AUC curve and the votes");
        NodeList captions = page.getElementsByTagName("caption");
        List<String> tables = new ArrayList<>();
        for (int i = 0; i < captions.getLength(); i++) {
            tables.add(captions.item(i).getTextContent());
        }
        assertTrue(tables.contains("Select, then train, at each size"), tables.toString());
        String text = page.getDocumentElement().getTextContent();
        assertTrue(text.contains("Recommended: " + result.recommended() + " features"));
        assertTrue(text.contains(SIGNAL));
    }

    private static int rank(int[] order, int column) {
        for (int i = 0; i < order.length; i++) {
            if (order[i] == column) {
                return i;
            }
        }
        return -1;
    }
}
