package fr.pretadepenser.scoring.model.training;

import fr.pretadepenser.scoring.progress.Progress;
import ml.dmlc.xgboost4j.java.XGBoostError;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A bounded random search over the boosting parameters, scored by cross-validated ROC AUC. The first trial is
 * the given parameters ({@link BoostingParameters#DEFAULT} for {@code scoring train}); the search stops after the
 * settings' number of trials or once their time budget is spent (at least one trial always runs). Every trial is
 * recorded. The class weight is not searched: every trial keeps the first trial's ({@code scale_pos_weight}).
 */
public final class RandomSearch {

    private RandomSearch() {
    }

    /**
     * One trial of the search.
     *
     * @param index      0 for the default parameters, then 1, 2, ...
     * @param validation its cross-validation
     */
    public record Trial(int index, CrossValidation validation) {
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
            CrossValidation cv = CrossValidation.run(trainer, folds, settings.maxRounds(), parameters,
                    t == 0 ? fitted : null, progress);
            done.add(new Trial(t, cv));
            double best = done.stream().mapToDouble(x -> x.validation().meanAuc()).max().orElse(Double.NaN);
            progress.begin("trial " + (t + 1) + "/" + trials, 0, "");
            // The folds reported under their own stages; this line sums the trial up with its whole time.
            progress.end(String.format(java.util.Locale.ROOT, "CV AUC %.4f ± %.4f (best so far %.4f)",
                    cv.meanAuc(), cv.aucSpread(), best), (System.nanoTime() - trialStart) / 1e9);
        }
        return done;
    }

    /** The best trial by mean CV AUC (the earliest on a tie). */
    public static Trial best(List<Trial> trials) {
        Trial best = trials.get(0);
        for (Trial t : trials) {
            if (t.validation().meanAuc() > best.validation().meanAuc()) {
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
