package fr.pretadepenser.scoring.model.selection;

import fr.pretadepenser.scoring.features.Feature;
import fr.pretadepenser.scoring.features.FeatureManifest;
import fr.pretadepenser.scoring.model.evaluation.Metrics;
import fr.pretadepenser.scoring.model.training.BoostingParameters;
import fr.pretadepenser.scoring.model.training.CrossValidation;
import fr.pretadepenser.scoring.model.training.FoldTrainer;
import fr.pretadepenser.scoring.model.training.TrainingSet;
import fr.pretadepenser.scoring.model.training.TrainingSettings;
import fr.pretadepenser.scoring.model.training.XgboostFoldTrainer;
import fr.pretadepenser.scoring.progress.Progress;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoostError;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * Feature selection inside cross-validation. For each outer fold, every method sees only the fold's training
 * rows, the vote is taken there, and a model on the vote's top K features is trained on those rows and predicts the
 * fold's held-out rows: the out-of-fold AUC of "select, then train" is honest, as the notebook's (selection on all
 * rows, then validation) is not. The published ranking is the vote on every labelled row, taken last.
 */
public final class NestedSelection {

    /** Rows whose one-row scoring time is measured, for the median. */
    private static final int TIMED_ROWS = 200;

    private final SelectionSettings settings;
    private final TrainingSettings training;

    /**
     * @param settings the methods and sizes
     * @param training the folds' trees: round limit, patience, seed, threads
     */
    public NestedSelection(SelectionSettings settings, TrainingSettings training) {
        this.settings = settings;
        this.training = training;
    }

    /**
     * Runs the selection on {@code data}, whose columns are {@code features}' in order, with the outer folds
     * {@code folds}.
     */
    public SelectionResult run(FeatureManifest features, TrainingSet data, int[] folds, Progress progress)
            throws XGBoostError {
        long start = System.nanoTime();
        int p = data.columns();
        int k = Arrays.stream(folds).max().orElse(0) + 1;
        List<Integer> sizes = new ArrayList<>(new TreeSet<>(settings.sizes().stream().map(s -> Math.min(s, p))
                .toList()));
        double[][] outOfFold = new double[sizes.size()][data.rows()];
        double[][] foldAuc = new double[sizes.size()][k];
        int[][] rounds = new int[sizes.size()][k];
        double[][] seconds = new double[sizes.size()][k];
        int[] inTop = new int[p];
        List<List<String>> foldTop = new ArrayList<>();
        for (int fold = 0; fold < k; fold++) {
            int f = fold;
            int[] trainRows = IntStream.range(0, folds.length).filter(i -> folds[i] != f).toArray();
            progress.begin("select: fold " + (fold + 1) + "/" + k + " vote", fitsPerVote(), "fits");
            FeatureVote vote = FeatureVote.take(data, trainRows, settings, training.seed() + fold, progress);
            progress.end(String.format(Locale.ROOT, "%d rows (%d sampled), %d features with a vote", vote.rows(),
                    vote.sampled(), Arrays.stream(vote.votes()).filter(v -> v > 0).count()));
            for (int c : vote.top(settings.voteTop())) {
                inTop[c]++;
            }
            foldTop.add(Arrays.stream(vote.ranking()).limit(settings.voteTop())
                    .mapToObj(c -> features.features().get(c).name()).toList());
            for (int s = 0; s < sizes.size(); s++) {
                int size = sizes.get(s);
                TrainingSet kept = size >= p ? data : data.subset(IntStream.range(0, data.rows()).toArray(),
                        vote.top(size));
                long fitStart = System.nanoTime();
                progress.begin("select: fold " + (fold + 1) + "/" + k + ", " + size + " features",
                        training.maxRounds(), "rounds");
                FoldTrainer.FoldFit fit = new XgboostFoldTrainer(kept, folds, training)
                        .fit(fold, BoostingParameters.DEFAULT, progress);
                int next = 0;
                for (int i = 0; i < folds.length; i++) {
                    if (folds[i] == fold) {
                        outOfFold[s][i] = fit.predictions()[next++];
                    }
                }
                foldAuc[s][fold] = fit.auc();
                rounds[s][fold] = fit.rounds();
                seconds[s][fold] = (System.nanoTime() - fitStart) / 1e9;
                progress.end(String.format(Locale.ROOT, "AUC %.4f at round %d", fit.auc(), fit.rounds()));
            }
        }

        progress.begin("select: vote on every row", fitsPerVote(), "fits");
        int[] all = IntStream.range(0, data.rows()).toArray();
        FeatureVote vote = FeatureVote.take(data, all, settings, training.seed(), progress);
        progress.end(vote.rows() + " rows (" + vote.sampled() + " sampled)");

        progress.begin("select: one-row timing", sizes.size(), "sizes");
        int[] timed = FeatureVote.stratifiedSample(data.outcomes(), all, settings.sampleRows(), training.seed());
        List<SelectionResult.SizeResult> results = new ArrayList<>();
        double best = 0;
        for (int s = 0; s < sizes.size(); s++) {
            int size = sizes.get(s);
            // The folds of one size make one cross-validation, whose spread and rounds are the training's.
            CrossValidation cv = new CrossValidation(BoostingParameters.DEFAULT, outOfFold[s], foldAuc[s], rounds[s],
                    seconds[s]);
            double millis = oneRowMillis(data.subset(timed, vote.top(size)), cv.finalRounds());
            double auc = Metrics.rocAuc(data.outcomes(), cv.outOfFold());
            best = Math.max(best, auc);
            results.add(new SelectionResult.SizeResult(size, auc, Arrays.stream(cv.foldAuc()).boxed().toList(),
                    cv.aucSpread(), cv.finalRounds(), Arrays.stream(cv.foldSeconds()).average().orElse(0), millis));
            progress.update(s + 1);
        }
        progress.end("");
        double floor = best - SelectionResult.AUC_TOLERANCE;
        int recommended = results.stream().filter(r -> r.auc() >= floor).mapToInt(SelectionResult.SizeResult::size)
                .min().orElse(p);

        List<SelectionResult.FeatureVerdict> verdicts = new ArrayList<>();
        for (int rank = 0; rank < p; rank++) {
            int c = vote.ranking()[rank];
            Feature feature = features.features().get(c);
            Map<String, Boolean> says = new LinkedHashMap<>();
            Map<String, Double> scores = new LinkedHashMap<>();
            for (Map.Entry<SelectionMethod, boolean[]> e : vote.verdicts().entrySet()) {
                says.put(e.getKey().key(), e.getValue()[c]);
                scores.put(e.getKey().key(), vote.scores().get(e.getKey())[c]);
            }
            verdicts.add(new SelectionResult.FeatureVerdict(feature.name(), feature.table(), feature.variable(),
                    rank + 1, vote.votes()[c], says, scores, (double) inTop[c] / k));
        }
        Map<String, Double> methodSeconds = new LinkedHashMap<>();
        vote.seconds().forEach((m, t) -> methodSeconds.put(m.key(), t));
        return new SelectionResult(settings.methods().stream().sorted().map(SelectionMethod::key).toList(),
                settings.voteTop(), settings.sampleRows(),
                settings.runs(SelectionMethod.NULL_IMPORTANCE) ? settings.nullShuffles() : 0, data.rows(), k, p,
                results, recommended, verdicts, foldTop, methodSeconds, vote.nullAgreement(recommended),
                (System.nanoTime() - start) / 1e9);
    }

    private int fitsPerVote() {
        return FeatureVote.fits(settings);
    }

    /**
     * Median time to score and explain one row (probability, then exact TreeSHAP), one XGBoost thread as the
     * server's, with a model fitted on {@code sample} for {@code rounds} rounds.
     */
    private double oneRowMillis(TrainingSet sample, int rounds) throws XGBoostError {
        Booster booster = XgboostFoldTrainer.fitAll(sample, BoostingParameters.DEFAULT, rounds, training.seed(),
                training.threads());
        try {
            booster.setParam("nthread", 1);
            int n = Math.min(TIMED_ROWS, sample.rows());
            double[] millis = new double[n];
            for (int i = 0; i < n; i++) {
                float[] row = Arrays.copyOfRange(sample.values(), i * sample.columns(), (i + 1) * sample.columns());
                long t = System.nanoTime();
                DMatrix one = new DMatrix(row, 1, sample.columns(), Float.NaN);
                try {
                    booster.predict(one);
                    booster.predictContrib(one, 0);
                } finally {
                    one.dispose();
                }
                millis[i] = (System.nanoTime() - t) / 1e6;
            }
            Arrays.sort(millis);
            return millis[n / 2];
        } finally {
            booster.dispose();
        }
    }
}
