package fr.pretadepenser.scoring.model.scorecard;

import fr.pretadepenser.scoring.data.Vocabularies;
import fr.pretadepenser.scoring.features.Feature;
import fr.pretadepenser.scoring.features.FeatureManifest;
import fr.pretadepenser.scoring.model.evaluation.BusinessCost;
import fr.pretadepenser.scoring.model.evaluation.Evaluation;
import fr.pretadepenser.scoring.model.training.StratifiedFolds;
import fr.pretadepenser.scoring.model.training.TrainingSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScorecardTrainingTest {

    private static final List<String> NAMES = List.of("RISK", "RISK_COPY", "NOISE", "KIND_a", "KIND_b", "KIND_c");
    private static TrainingSet data;
    private static FeatureManifest manifest;
    private static Scorecard scorecard;
    private static int[] folds;

    /** RISK drives defaults, RISK_COPY repeats it, NOISE does nothing, KIND is a one-hot group with some signal. */
    @BeforeAll
    static void train() {
        int n = 4000;
        Random random = new Random(3);
        float[] values = new float[n * NAMES.size()];
        int[] y = new int[n];
        long[] clients = new long[n];
        for (int i = 0; i < n; i++) {
            double risk = random.nextGaussian();
            int kind = random.nextInt(3);
            double logit = -2 + 1.2 * risk + 0.6 * (kind - 1);
            y[i] = random.nextDouble() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
            clients[i] = 100_000 + i;
            // The copy is the risk with a little noise: highly correlated, slightly less informative.
            float[] row = {(float) risk, (float) (risk * 2 + 1 + 0.4 * random.nextGaussian()),
                    (float) random.nextGaussian(), kind == 0 ? 1 : 0,
                    kind == 1 ? 1 : 0, kind == 2 ? 1 : 0};
            if (i % 25 == 0) {
                row[0] = Float.NaN;
                row[1] = Float.NaN;
            }
            System.arraycopy(row, 0, values, i * row.length, row.length);
        }
        data = new TrainingSet(NAMES, values, y, clients);
        manifest = new FeatureManifest("sha", new Vocabularies(Map.of("application.KIND", List.of("a", "b", "c"))),
                List.of(new Feature("RISK", "application", "RISK"), new Feature("RISK_COPY", "application", "COPY"),
                        new Feature("NOISE", "application", "NOISE"), new Feature("KIND_a", "application", "KIND"),
                        new Feature("KIND_b", "application", "KIND"), new Feature("KIND_c", "application", "KIND")));
        folds = StratifiedFolds.assign(y, 3, 5);
        scorecard = new ScorecardTraining(PointsScale.DEFAULT, 1e-3).train(data, manifest, folds,
                BusinessCost.DEFAULT);
    }

    @Test
    void selectsInformativeVariablesAndSaysWhyOthersAreLeftOut() {
        Map<String, Scorecard.Candidate> byVariable = scorecard.informationValues().stream()
                .collect(Collectors.toMap(Scorecard.Candidate::variable, Function.identity()));
        assertEquals(Scorecard.SELECTED, byVariable.get("RISK").status(), byVariable.toString());
        assertEquals(Scorecard.SELECTED, byVariable.get("KIND").status());
        assertTrue(byVariable.get("NOISE").informationValue() < Scorecard.MIN_INFORMATION_VALUE);
        assertEquals("IV below 0.02", byVariable.get("NOISE").status());
        assertTrue(byVariable.get("COPY").status().startsWith("correlated with RISK (r = "),
                byVariable.get("COPY").status());
        assertEquals(List.of("RISK", "KIND"), scorecard.variables().stream().map(ScorecardVariable::variable)
                .toList());
        assertTrue(scorecard.variables().get(1).categorical());
    }

    @Test
    void givesMorePointsToSaferBinsAndEvaluatesOutOfFold() {
        ScorecardVariable risk = scorecard.variables().get(0);
        assertTrue(risk.coefficient() < 0, "coefficient on WoE " + risk.coefficient());
        List<ScorecardBin> ranges = risk.bins().subList(0, risk.bins().size() - 1);
        // Risk rises with the value, so points fall.
        assertTrue(ranges.get(0).points() > ranges.get(ranges.size() - 1).points(), ranges.toString());
        assertTrue(scorecard.evaluation().rocAuc() > 0.7, "AUC " + scorecard.evaluation().rocAuc());
        assertTrue(scorecard.normalizedCost() < 1);
    }

    @Test
    void pointsOfAClientSumToTheTotalAndMatchTheProbability() {
        Map<String, Double> client = Map.of("RISK", -1.0, "RISK_COPY", -1.0, "NOISE", 0.0, "KIND_a", 1.0,
                "KIND_b", 0.0, "KIND_c", 0.0);
        ScorecardPoints points = scorecard.points(name -> client.getOrDefault(name, Double.NaN));
        assertEquals(points.total(), points.variables().stream().mapToDouble(ScorecardPoints.VariablePoints::points)
                .sum(), 0);
        assertEquals(PointsScale.DEFAULT.probabilityAt(points.total()), points.probability(), 1e-12);
        assertEquals("a", points.variables().get(1).bin().label().substring(0, 1));
        // A missing RISK falls in the missing bin.
        ScorecardPoints unknown = scorecard.points(name -> name.equals("RISK") ? Double.NaN
                : client.getOrDefault(name, Double.NaN));
        assertEquals("missing", unknown.variables().get(0).bin().label());
    }

    /**
     * The out-of-fold evaluation refits everything inside each fold: a scorecard trained from scratch on the rows
     * outside fold f (its binning, selection and fit on those rows alone) gives fold f's out-of-fold
     * probabilities; pooled, they give the evaluation's metrics exactly. The final scorecard, fitted on every row,
     * would score those rows differently (better, having seen them).
     */
    @Test
    void evaluatesWithAScorecardRefittedWithoutEachFold() {
        double[] outOfFold = new double[data.rows()];
        int[] all = java.util.stream.IntStream.range(0, NAMES.size()).toArray();
        for (int fold = 0; fold < 3; fold++) {
            int f = fold;
            int[] rows = java.util.stream.IntStream.range(0, data.rows()).filter(i -> folds[i] != f).toArray();
            TrainingSet outside = data.subset(rows, all);
            Scorecard refit = new ScorecardTraining(PointsScale.DEFAULT, 1e-3).train(outside, manifest,
                    StratifiedFolds.assign(outside.outcomes(), 3, 9), BusinessCost.DEFAULT);
            for (int i = 0; i < data.rows(); i++) {
                if (folds[i] == f) {
                    int row = i;
                    outOfFold[i] = refit.points(name -> data.value(row, NAMES.indexOf(name))).probability();
                }
            }
        }
        Evaluation pooled = Evaluation.of(data.outcomes(), outOfFold, 0);
        assertEquals(pooled.rocAuc(), scorecard.evaluation().rocAuc(), 1e-12);
        assertEquals(pooled.brier(), scorecard.evaluation().brier(), 1e-12);
        assertEquals(pooled.logLoss(), scorecard.evaluation().logLoss(), 1e-12);

        double[] inSample = new double[data.rows()];
        for (int i = 0; i < data.rows(); i++) {
            int row = i;
            inSample[i] = scorecard.points(name -> data.value(row, NAMES.indexOf(name))).probability();
        }
        assertNotEquals(Evaluation.of(data.outcomes(), inSample, 0).logLoss(), scorecard.evaluation().logLoss());
    }
}
