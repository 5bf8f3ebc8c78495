package fr.pretadepenser.scoring.model;

import fr.pretadepenser.scoring.explain.Contribution;
import fr.pretadepenser.scoring.explain.Explanation;
import fr.pretadepenser.scoring.explain.Language;
import fr.pretadepenser.scoring.features.FeatureMatrixReader;
import fr.pretadepenser.scoring.features.FeatureRows;
import fr.pretadepenser.scoring.model.bundle.BundleManifest;
import fr.pretadepenser.scoring.model.evaluation.BusinessCost;
import fr.pretadepenser.scoring.model.evaluation.Confusion;
import fr.pretadepenser.scoring.model.evaluation.Metrics;
import fr.pretadepenser.scoring.model.training.TrainingSettings;
import fr.pretadepenser.scoring.score.Scorer;
import fr.pretadepenser.scoring.testing.TinyBundle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A training that weights defaults (generated data seed 4, training seed 5, as {@code scoring train --trials 2
 * --folds 3 --seed 5} on 2,000 clients, two trials since one compares no weighting; with XGBoost4J 3.0.4, seed 7
 * no longer weights): its probabilities must still read as default rates.
 */
class WeightedTrainingTest {

    private static final TrainingSettings SETTINGS = new TrainingSettings(3, 2, 3600, BusinessCost.DEFAULT, 5, 2000,
            50, 2, false, false);

    @TempDir
    static Path tmp;
    static TinyBundle weighted;
    static Scorer scorer;
    static BundleManifest m;
    static int[] outcomes;
    static double[] outOfFold;

    @BeforeAll
    static void trainWhereWeightingIsCheaper() throws Exception {
        weighted = TinyBundle.train(tmp, 2000, 4, SETTINGS);
        scorer = weighted.scorer();
        m = scorer.bundle().manifest();
        List<String> lines = Files.readAllLines(weighted.bundle().resolve("out-of-fold.csv"));
        outcomes = lines.stream().skip(1).mapToInt(l -> Integer.parseInt(l.split(",")[1])).toArray();
        outOfFold = lines.stream().skip(1).mapToDouble(l -> Double.parseDouble(l.split(",")[2])).toArray();
    }

    @Test
    void weightingWasChosenAndItsOutOfFoldProbabilitiesAverageTheDefaultRate() {
        assertTrue(m.classWeighting().stream().anyMatch(w -> w.chosen() && w.scalePosWeight() > 1),
                "this data and seed weight defaults: " + m.classWeighting());
        assertEquals(m.defaultRate(), Arrays.stream(outOfFold).average().orElseThrow(), 1e-6,
                "mean out-of-fold probability against the default rate");
        assertEquals(m.atThreshold(), Confusion.at(m.threshold(), outcomes, outOfFold));
        assertTrue(m.threshold() < 0.5, "a threshold on the data's scale, not the weighted one: " + m.threshold());
        assertEquals(Metrics.rocAuc(outcomes, outOfFold), m.model().rocAuc(), 1e-9);
    }

    @Test
    void theSavedModelServesProbabilitiesOnTheDataScale() throws Exception {
        FeatureRows rows;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + weighted.database())) {
            rows = FeatureMatrixReader.readAll(c, scorer.bundle().features().featureNames(),
                    "WHERE f.TARGET IS NOT NULL", "ORDER BY f.SK_ID_CURR");
        }
        double served = Arrays.stream(scorer.probabilities(rows)).average().orElseThrow();
        // The final model scores the rows it was fitted on: near the rate, far from a weighted model's 40% or more.
        assertEquals(m.defaultRate(), served, 0.03, "mean served probability");
        Explanation explanation = scorer.score(rows, Language.EN).get(0).explanation();
        double sum = explanation.baseValue() + explanation.contributions().stream().mapToDouble(Contribution::value)
                .sum();
        assertEquals(explanation.margin(), sum, 1e-3, "base value and contributions still add up to the margin");
        assertEquals(1 / (1 + Math.exp(-explanation.margin())), explanation.probability(), 1e-6);
    }
}
