package fr.pretadepenser.scoring.model.scorecard;

import fr.pretadepenser.scoring.features.Feature;
import fr.pretadepenser.scoring.features.FeatureManifest;
import fr.pretadepenser.scoring.model.evaluation.BusinessCost;
import fr.pretadepenser.scoring.model.evaluation.Evaluation;
import fr.pretadepenser.scoring.model.evaluation.Metrics;
import fr.pretadepenser.scoring.model.evaluation.Threshold;
import fr.pretadepenser.scoring.model.evaluation.ThresholdSearch;
import fr.pretadepenser.scoring.model.training.TrainingSet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fits the scorecard challenger and evaluates it on the boosted model's folds.
 *
 * <p>Candidates are the original variables of the feature manifest, one per (table, variable): a one-hot group of
 * the application is one categorical variable; the numeric features of one original variable (e.g. the MIN, MEAN and
 * MAX of a bureau column) are each binned and the one with the largest information value represents it, so the
 * scorecard has one line per original variable, as the SHAP view does. Candidates with an IV below
 * {@link Scorecard#MIN_INFORMATION_VALUE} are left out; the rest are taken by decreasing IV, skipping one whose WoE
 * column correlates above {@link Scorecard#MAX_CORRELATION} with one already taken, up to
 * {@link Scorecard#MAX_VARIABLES}. An L2 logistic regression ({@link WoeRegression}) is fitted on the WoE values.
 *
 * <p>For the out-of-fold scores, binning, selection and fit are all redone on each fold's training rows, so that no
 * held-out default shapes the bins that score it. The bundle's scorecard is the fit on every row.
 */
public final class ScorecardTraining {

    private final PointsScale scale;
    private final double l2;

    /**
     * @param scale how log-odds become points
     * @param l2    the logistic regression's L2 penalty per row
     */
    public ScorecardTraining(PointsScale scale, double l2) {
        this.scale = scale;
        this.l2 = l2;
    }

    /** A candidate variable: its table, name and the feature columns it reads. */
    private record Group(String table, String variable, boolean categorical, List<String> categories,
                         List<Integer> columns) {
    }

    /** One fit: the scorecard's variables with points, intercept, and the candidates' fate. */
    private record Fit(List<ScorecardVariable> variables, double intercept, List<Scorecard.Candidate> candidates) {
    }

    /**
     * The scorecard fitted on every row, with its out-of-fold evaluation.
     *
     * @param folds the fold of each row, as the boosted model was validated
     */
    public Scorecard train(TrainingSet data, FeatureManifest features, int[] folds, BusinessCost cost) {
        int k = Arrays.stream(folds).max().orElse(0) + 1;
        List<boolean[]> masks = new ArrayList<>();
        for (int fold = 0; fold <= k; fold++) {
            boolean[] train = new boolean[data.rows()];
            for (int i = 0; i < train.length; i++) {
                // Mask k is every row: the final fit.
                train[i] = fold == k || folds[i] != fold;
            }
            masks.add(train);
        }
        List<List<ScorecardVariable>> binned = binAll(data, groups(features), masks);
        Map<String, Integer> index = index(data);
        double[] outOfFold = new double[data.rows()];
        double[] foldAuc = new double[k];
        for (int fold = 0; fold < k; fold++) {
            Fit fit = fit(data, index, binned.get(fold), masks.get(fold));
            Scorecard partial = new Scorecard(scale, fit.intercept(), fit.variables(), List.of(), null, 0, 0, 0,
                    null);
            List<Integer> held = new ArrayList<>();
            for (int i = 0; i < data.rows(); i++) {
                if (folds[i] == fold) {
                    outOfFold[i] = partial.points(reader(data, index, i)).probability();
                    held.add(i);
                }
            }
            foldAuc[fold] = Metrics.rocAuc(held.stream().mapToInt(i -> data.outcomes()[i]).toArray(),
                    held.stream().mapToDouble(i -> outOfFold[i]).toArray());
        }
        Fit fit = fit(data, index, binned.get(k), masks.get(k));
        double mean = Arrays.stream(foldAuc).average().orElse(0);
        double spread = Math.sqrt(Arrays.stream(foldAuc).map(a -> (a - mean) * (a - mean)).sum() / k);
        Threshold threshold = ThresholdSearch.search(data.outcomes(), outOfFold, cost);
        double t = threshold.value();
        // Clamped: a threshold of 0 or 1 (refuse everybody or nobody) has no finite points.
        double clamped = Math.max(1e-9, Math.min(1 - 1e-9, t));
        double thresholdPoints = scale.pointsAt((1 - clamped) / clamped);
        return new Scorecard(scale, fit.intercept(), fit.variables(), fit.candidates(),
                Evaluation.of(data.outcomes(), outOfFold, spread), t, thresholdPoints, threshold.normalizedCost(),
                threshold.confusion());
    }

    /** One-hot groups (categories from the vocabularies) and numeric groups, per (table, variable). */
    private static List<Group> groups(FeatureManifest features) {
        Map<String, List<String>> categories = new LinkedHashMap<>();
        Map<String, List<Integer>> columns = new LinkedHashMap<>();
        Map<String, String[]> keys = new HashMap<>();
        Map<String, Boolean> categorical = new HashMap<>();
        List<Feature> list = features.features();
        for (int c = 0; c < list.size(); c++) {
            Feature f = list.get(c);
            String category = category(features, f);
            String key = f.table() + "." + f.variable() + (category != null ? "#onehot" : "");
            keys.putIfAbsent(key, new String[]{f.table(), f.variable()});
            categorical.put(key, category != null);
            columns.computeIfAbsent(key, x -> new ArrayList<>()).add(c);
            categories.computeIfAbsent(key, x -> new ArrayList<>()).add(category);
        }
        List<Group> groups = new ArrayList<>();
        columns.forEach((key, cols) -> groups.add(new Group(keys.get(key)[0], keys.get(key)[1],
                categorical.get(key), categorical.get(key) ? categories.get(key) : List.of(), cols)));
        return groups;
    }

    /** The category of a one-hot column {@code variable_category} of a text column with a vocabulary, else null. */
    private static String category(FeatureManifest features, Feature f) {
        String prefix = f.variable() + "_";
        if (!f.name().startsWith(prefix)) {
            return null;
        }
        String category = f.name().substring(prefix.length());
        List<String> vocabulary = features.vocabularies().byColumn().get(f.table() + "." + f.variable());
        return vocabulary != null && (vocabulary.contains(category) || category.equals("nan")) ? category : null;
    }

    /** Every group binned on every mask: each column is read once for all masks (row-major reads are slow). */
    private static List<List<ScorecardVariable>> binAll(TrainingSet data, List<Group> groups, List<boolean[]> masks) {
        List<List<ScorecardVariable>> result = new ArrayList<>();
        masks.forEach(m -> result.add(new ArrayList<>()));
        for (Group g : groups) {
            if (g.categorical()) {
                float[][] columns = new float[g.columns().size()][];
                for (int j = 0; j < columns.length; j++) {
                    columns[j] = column(data, g.columns().get(j));
                }
                for (int m = 0; m < masks.size(); m++) {
                    result.get(m).add(VariableBinning.categorical(g.table(), g.variable(), g.categories(), columns,
                            data.outcomes(), masks.get(m)));
                }
                continue;
            }
            ScorecardVariable[] best = new ScorecardVariable[masks.size()];
            for (int c : g.columns()) {
                float[] column = column(data, c);
                for (int m = 0; m < masks.size(); m++) {
                    ScorecardVariable v = VariableBinning.numeric(g.table(), g.variable(), data.featureNames().get(c),
                            column, data.outcomes(), masks.get(m));
                    if (best[m] == null || v.informationValue() > best[m].informationValue()) {
                        best[m] = v;
                    }
                }
            }
            for (int m = 0; m < masks.size(); m++) {
                result.get(m).add(best[m]);
            }
        }
        return result;
    }

    /** Selection on the training rows, then the logistic regression on WoE values and the points. */
    private Fit fit(TrainingSet data, Map<String, Integer> index, List<ScorecardVariable> binned, boolean[] train) {
        List<ScorecardVariable> ranked = new ArrayList<>(binned);
        ranked.sort(Comparator.comparingDouble(ScorecardVariable::informationValue).reversed());
        List<ScorecardVariable> chosen = new ArrayList<>();
        List<float[]> woe = new ArrayList<>();
        List<Scorecard.Candidate> candidates = new ArrayList<>();
        for (ScorecardVariable v : ranked) {
            String status;
            if (v.informationValue() < Scorecard.MIN_INFORMATION_VALUE) {
                status = "IV below " + Scorecard.MIN_INFORMATION_VALUE;
            } else if (chosen.size() == Scorecard.MAX_VARIABLES) {
                status = "beyond the " + Scorecard.MAX_VARIABLES + " strongest";
            } else {
                float[] column = woeColumn(data, index, v);
                status = Scorecard.SELECTED;
                for (int j = 0; j < chosen.size(); j++) {
                    double r = correlation(column, woe.get(j), train);
                    if (Math.abs(r) > Scorecard.MAX_CORRELATION) {
                        status = String.format(java.util.Locale.ROOT, "correlated with %s (r = %.2f)",
                                chosen.get(j).variable(), r);
                        break;
                    }
                }
                if (status.equals(Scorecard.SELECTED)) {
                    chosen.add(v);
                    woe.add(column);
                }
            }
            candidates.add(new Scorecard.Candidate(v.table(), v.variable(), v.feature(), v.informationValue(),
                    status));
        }
        int p = chosen.size();
        float[] x = new float[data.rows() * p];
        for (int j = 0; j < p; j++) {
            float[] column = woe.get(j);
            for (int i = 0; i < data.rows(); i++) {
                x[i * p + j] = column[i];
            }
        }
        double[] weights = new WoeRegression(l2).fit(x, data.outcomes(), train, p);
        List<ScorecardVariable> scored = new ArrayList<>(p);
        for (int j = 0; j < p; j++) {
            scored.add(chosen.get(j).withPoints(weights[j], weights[p], p, scale));
        }
        return new Fit(scored, weights[p], candidates);
    }

    /** The WoE of every row's bin. */
    private static float[] woeColumn(TrainingSet data, Map<String, Integer> index, ScorecardVariable v) {
        float[] column = new float[data.rows()];
        for (int i = 0; i < data.rows(); i++) {
            column[i] = (float) v.bins().get(v.binOf(reader(data, index, i))).woe();
        }
        return column;
    }

    private static java.util.function.ToDoubleFunction<String> reader(TrainingSet data, Map<String, Integer> index,
                                                                     int row) {
        return name -> {
            Integer c = index.get(name);
            return c == null ? Double.NaN : data.value(row, c);
        };
    }

    /** Pearson correlation over the training rows (0 when a column is constant). */
    static double correlation(float[] a, float[] b, boolean[] train) {
        double n = 0, sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
        for (int i = 0; i < a.length; i++) {
            if (train[i]) {
                n++;
                sa += a[i];
                sb += b[i];
                saa += (double) a[i] * a[i];
                sbb += (double) b[i] * b[i];
                sab += (double) a[i] * b[i];
            }
        }
        double va = saa - sa * sa / n;
        double vb = sbb - sb * sb / n;
        return va <= 1e-12 || vb <= 1e-12 ? 0 : (sab - sa * sb / n) / Math.sqrt(va * vb);
    }

    private static float[] column(TrainingSet data, int c) {
        float[] column = new float[data.rows()];
        for (int i = 0; i < column.length; i++) {
            column[i] = data.value(i, c);
        }
        return column;
    }

    private static Map<String, Integer> index(TrainingSet data) {
        Map<String, Integer> index = new HashMap<>();
        for (int c = 0; c < data.columns(); c++) {
            index.put(data.featureNames().get(c), c);
        }
        return index;
    }
}
