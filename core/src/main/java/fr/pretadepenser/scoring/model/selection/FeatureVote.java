package fr.pretadepenser.scoring.model.selection;

import fr.pretadepenser.scoring.model.training.TrainingSet;
import fr.pretadepenser.scoring.progress.Progress;
import ml.dmlc.xgboost4j.java.XGBoostError;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The vote of the methods on some training rows: each method's score of every feature, its verdict (a vote for
 * the feature when it is in the method's top {@link SelectionSettings#voteTop()} and not rejected, score above 0),
 * the number of votes, and the features ranked by votes, then by their mean rank over the voting methods.
 *
 * @param scores         each method's score per feature (higher is stronger; 0 is rejected)
 * @param verdicts       each method's verdict per feature (null importance: passes its test)
 * @param votes          votes per feature (the voting methods only)
 * @param ranking        feature columns, best first
 * @param nullImportance the null-importance figures, or null when not run
 * @param seconds        each method's time
 * @param rows           training rows the vote saw (the filters); the model-based methods saw {@code sampled}
 * @param sampled        rows of the sample of the model-based methods
 */
public record FeatureVote(Map<SelectionMethod, double[]> scores, Map<SelectionMethod, boolean[]> verdicts,
                          int[] votes, int[] ranking, NullImportance nullImportance,
                          Map<SelectionMethod, Double> seconds, int rows, int sampled) {

    /**
     * Runs the methods of {@code settings} on the rows {@code rows} of {@code data} (and on nothing else) and takes
     * their vote; {@code progress} hears of each fit ({@link #fits}), its stage begun and ended by the caller.
     */
    public static FeatureVote take(TrainingSet data, int[] rows, SelectionSettings settings, long seed,
                                   Progress progress) throws XGBoostError {
        int p = data.columns();
        int[] sampleRows = stratifiedSample(data.outcomes(), rows, settings.sampleRows(), seed);
        TrainingSet sample = null;
        Map<SelectionMethod, double[]> scores = new EnumMap<>(SelectionMethod.class);
        Map<SelectionMethod, Double> seconds = new EnumMap<>(SelectionMethod.class);
        NullImportance nulls = null;
        int done = 0;
        for (SelectionMethod method : SelectionMethod.values()) {
            if (!settings.runs(method) && !(method == SelectionMethod.BOOSTING
                    && settings.runs(SelectionMethod.NULL_IMPORTANCE))) {
                continue;
            }
            if (sample == null && method.ordinal() >= SelectionMethod.RFE.ordinal()) {
                sample = data.subset(sampleRows, IntStream.range(0, p).toArray());
            }
            long start = System.nanoTime();
            switch (method) {
                case PEARSON -> scores.put(method, Filters.pearson(data, rows));
                case CHI_SQUARE -> scores.put(method, Filters.chiSquare(data, rows));
                case RFE -> scores.put(method, LinearSelection.recursiveElimination(sample, settings.voteTop()));
                case L1_LOGISTIC -> scores.put(method, LinearSelection.l1Weights(sample));
                case RANDOM_FOREST -> scores.put(method, TreeImportance.forest(sample, settings.forestTrees(), seed,
                        settings.threads()));
                case BOOSTING -> scores.put(method, TreeImportance.boosting(sample, settings.boostingRounds(), seed,
                        settings.threads()));
                case NULL_IMPORTANCE -> {
                    int before = done;
                    int[] shuffled = {0};
                    nulls = TreeImportance.nullImportance(sample, scores.get(SelectionMethod.BOOSTING),
                            settings.boostingRounds(), settings.nullShuffles(), seed, settings.threads(),
                            () -> progress.update(before + ++shuffled[0], "null importance, shuffle " + shuffled[0]));
                    done += settings.nullShuffles() - 1;
                    double[] s = new double[p];
                    for (int c = 0; c < p; c++) {
                        s[c] = nulls.score(c);
                    }
                    scores.put(method, s);
                }
            }
            seconds.put(method, (System.nanoTime() - start) / 1e9);
            progress.update(++done, method.label());
        }
        if (!settings.runs(SelectionMethod.BOOSTING)) {
            // Run only as null importance's real-target gains: it does not vote.
            scores.remove(SelectionMethod.BOOSTING);
        }
        return of(scores, nulls, settings.voteTop(), seconds, rows.length, sampleRows.length);
    }

    /** The fits a vote makes: one per method, one per shuffled target of null importance. */
    public static int fits(SelectionSettings settings) {
        int fits = settings.methods().size();
        if (settings.runs(SelectionMethod.NULL_IMPORTANCE)) {
            fits += settings.nullShuffles() - 1 + (settings.runs(SelectionMethod.BOOSTING) ? 0 : 1);
        }
        return fits;
    }

    /** The vote over scores already computed. */
    static FeatureVote of(Map<SelectionMethod, double[]> scores, NullImportance nulls, int voteTop,
                          Map<SelectionMethod, Double> seconds, int rows, int sampled) {
        int p = scores.values().iterator().next().length;
        Map<SelectionMethod, boolean[]> verdicts = new EnumMap<>(SelectionMethod.class);
        int[] votes = new int[p];
        double[] rankSum = new double[p];
        int voters = 0;
        for (Map.Entry<SelectionMethod, double[]> e : scores.entrySet()) {
            double[] s = e.getValue();
            boolean[] verdict = new boolean[p];
            if (e.getKey() == SelectionMethod.NULL_IMPORTANCE) {
                for (int c = 0; c < p; c++) {
                    verdict[c] = nulls.passes(c);
                }
            } else {
                int[] order = order(s);
                for (int rank = 0; rank < p; rank++) {
                    int c = order[rank];
                    verdict[c] = rank < voteTop && s[c] > 0;
                    rankSum[c] += rank;
                    votes[c] += verdict[c] ? 1 : 0;
                }
                voters++;
            }
            verdicts.put(e.getKey(), verdict);
        }
        int n = Math.max(1, voters);
        int[] ranking = IntStream.range(0, p).boxed()
                .sorted(Comparator.comparingInt((Integer c) -> -votes[c]).thenComparingDouble(c -> rankSum[c] / n)
                        .thenComparingInt(c -> c))
                .mapToInt(Integer::intValue).toArray();
        return new FeatureVote(scores, verdicts, votes, ranking, nulls, seconds, rows, sampled);
    }

    /** Columns by score, highest first (lower column first on a tie: deterministic). */
    static int[] order(double[] scores) {
        return IntStream.range(0, scores.length).boxed()
                .sorted(Comparator.comparingDouble((Integer c) -> -scores[c]).thenComparingInt(c -> c))
                .mapToInt(Integer::intValue).toArray();
    }

    /** The first {@code k} columns of the ranking, in the feature table's order (a model reads them so). */
    public int[] top(int k) {
        int[] top = Arrays.copyOf(ranking, Math.min(k, ranking.length));
        Arrays.sort(top);
        return top;
    }

    /** Share of the vote's features (top {@code k}) that null importance passes, or NaN without it. */
    public double nullAgreement(int k) {
        if (nullImportance == null) {
            return Double.NaN;
        }
        int[] top = top(k);
        return (double) Arrays.stream(top).filter(nullImportance::passes).count() / top.length;
    }

    /**
     * At most {@code max} of {@code rows}, the same share of defaults as all of them (each class sampled
     * separately), in row order; all of them when there are no more.
     */
    static int[] stratifiedSample(int[] outcomes, int[] rows, int max, long seed) {
        if (rows.length <= max) {
            return rows.clone();
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<Integer> kept = new ArrayList<>();
        for (int label = 0; label <= 1; label++) {
            int y = label;
            int[] of = Arrays.stream(rows).filter(r -> outcomes[r] == y).toArray();
            int take = (int) Math.round((double) max * of.length / rows.length);
            // A partial Fisher-Yates: the first `take` places hold a uniform sample.
            for (int i = 0; i < take; i++) {
                int j = i + random.nextInt(of.length - i);
                int swap = of[i];
                of[i] = of[j];
                of[j] = swap;
                kept.add(of[i]);
            }
        }
        return kept.stream().mapToInt(Integer::intValue).sorted().toArray();
    }
}
