package fr.pretadepenser.scoring.model.training;

import fr.pretadepenser.scoring.progress.Progress;
import ml.dmlc.xgboost4j.java.XGBoostError;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/**
 * A bounded random search over the boosting parameters, scored by cross-validated ROC AUC. The first trial is
 * the given parameters ({@link BoostingParameters#DEFAULT} for {@code scoring train}); the search stops after the
 * settings' number of trials or once their time budget is spent (at least one trial always runs). With the settings'
 * pruning, a trial after the first stops once its first folds show it worse than the best complete trial on the same
 * folds ({@link TrialPruning}); it is recorded with the folds it ran and is never chosen. Every trial is recorded. The
 * class weight is not searched: every trial keeps the first trial's ({@code scale_pos_weight}).
 */
public final class RandomSearch {

    private RandomSearch() {
    }

    /**
     * One trial of the search.
     *
     * @param index      0 for the default parameters, then 1, 2, ...
     * @param validation its cross-validation, over the folds it ran
     * @param pruned     whether it stopped before its last fold
     */
    public record Trial(int index, CrossValidation validation, boolean pruned) {
    }

    /**
     * Runs the search; trials in the order they ran.
     *
     * @param first  the parameters of the first trial ({@link BoostingParameters#DEFAULT} unless told otherwise)
     * @param fitted a fold of the first trial fitted already with {@code first}, or null
     */
    public static List<Trial> run(FoldTrainer trainer, int[] folds, TrainingSettings settings,
                                  BoostingParameters first, CrossValidation.FittedFold fitted, Progress progress)
            throws XGBoostError {
        int trials = settings.trials();
        SplittableRandom random = new SplittableRandom(settings.seed());
        List<Trial> done = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < trials; t++) {
            // Draw even for the first trial, so that trial k's parameters do not depend on the budget.
            BoostingParameters sampled = sample(random);
            BoostingParameters parameters = t == 0 ? first : sampled.withScalePosWeight(first.scalePosWeight());
            if (t > 0 && (System.nanoTime() - start) / 1e9 > settings.budgetSeconds()) {
                break;
            }
            long trialStart = System.nanoTime();
            progress.begin("trial " + (t + 1) + "/" + trials, 0, "");
            double[] incumbent = done.isEmpty() ? null : best(done).validation().foldAuc();
            Predicate<double[]> stop = auc -> settings.pruning() && incumbent != null
                    && TrialPruning.stops(auc, incumbent);
            CrossValidation cv = CrossValidation.run(trainer, folds, settings.maxRounds(), parameters,
                    t == 0 ? fitted : null, stop, progress);
            boolean pruned = incumbent != null && cv.foldAuc().length < incumbent.length;
            done.add(new Trial(t, cv, pruned));
            Trial best = best(done);
            progress.begin("trial " + (t + 1) + "/" + trials, 0, "");
            // The folds reported under their own stages; this line sums the trial up with its whole time.
            String summary = pruned
                    ? String.format(Locale.ROOT, "pruned after %d folds: AUC %.4f on them against %.4f for trial %d",
                    cv.foldAuc().length, cv.meanAuc(), Arrays.stream(best.validation().foldAuc())
                            .limit(cv.foldAuc().length).average().orElse(Double.NaN), best.index() + 1)
                    : String.format(Locale.ROOT, "CV AUC %.4f ± %.4f (best so far %.4f)", cv.meanAuc(),
                    cv.aucSpread(), best.validation().meanAuc());
            progress.end(summary, (System.nanoTime() - trialStart) / 1e9);
        }
        return done;
    }

    /**
     * The best trial that ran every fold, by mean CV AUC (the earliest on a tie). A pruned trial's mean is over its
     * first folds only, which may be easier ones, so it is not compared.
     */
    public static Trial best(List<Trial> trials) {
        Trial best = trials.get(0);
        for (Trial t : trials) {
            if (!t.pruned() && t.validation().meanAuc() > best.validation().meanAuc()) {
                best = t;
            }
        }
        return best;
    }

    static BoostingParameters sample(SplittableRandom r) {
        return new BoostingParameters(
                3 + r.nextInt(6),
                logUniform(r, 0.02, 0.15),
                logUniform(r, 1, 100),
                0.6 + 0.4 * r.nextDouble(),
                0.2 + 0.8 * r.nextDouble(),
                logUniform(r, 1e-3, 10),
                logUniform(r, 0.1, 50),
                1);
    }

    private static double logUniform(SplittableRandom r, double low, double high) {
        return Math.exp(Math.log(low) + r.nextDouble() * (Math.log(high) - Math.log(low)));
    }
}
