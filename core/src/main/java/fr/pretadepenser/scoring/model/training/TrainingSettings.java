package fr.pretadepenser.scoring.model.training;

import fr.pretadepenser.scoring.model.evaluation.BusinessCost;

/**
 * How to train: cross-validation, search budget, business cost and seed.
 *
 * @param folds         cross-validation folds (default 5)
 * @param trials        random-search trials, the default parameters first (default 10)
 * @param budgetSeconds time after which no new trial starts
 * @param cost          business cost weights for the threshold
 * @param seed          seed of the folds, the search and XGBoost's sampling
 * @param maxRounds     most trees per model
 * @param patience      early-stopping patience in rounds
 * @param threads       XGBoost threads
 * @param applicationOnly whether to use only the application table's features (to measure what the side
 *                        tables add)
 * @param scorecard       whether to fit the scorecard challenger too (absent from older bundles: false)
 * @param pruning         whether a search trial stops early once its first folds show it worse than the best trial
 *                        so far ({@link TrialPruning}; absent from older bundles, which did not: false)
 */
public record TrainingSettings(int folds, int trials, double budgetSeconds, BusinessCost cost, long seed,
                               int maxRounds, int patience, int threads, boolean applicationOnly, boolean scorecard,
                               boolean pruning) {

    /** Settings whose search cross-validates every trial on every fold, as before pruning existed. */
    public TrainingSettings(int folds, int trials, double budgetSeconds, BusinessCost cost, long seed, int maxRounds,
                            int patience, int threads, boolean applicationOnly, boolean scorecard) {
        this(folds, trials, budgetSeconds, cost, seed, maxRounds, patience, threads, applicationOnly, scorecard, false);
    }

    /** Settings without the scorecard challenger, as before it existed. */
    public TrainingSettings(int folds, int trials, double budgetSeconds, BusinessCost cost, long seed, int maxRounds,
                            int patience, int threads, boolean applicationOnly) {
        this(folds, trials, budgetSeconds, cost, seed, maxRounds, patience, threads, applicationOnly, false, false);
    }

    /** Checks ranges, so that a bad command line fails before any work. */
    public TrainingSettings {
        if (folds < 2 || trials < 1 || budgetSeconds <= 0 || maxRounds < 1 || patience < 1 || threads < 1) {
            throw new IllegalArgumentException("training settings out of range: folds >= 2, trials >= 1,"
                    + " budget > 0, rounds >= 1, patience >= 1, threads >= 1; were " + this);
        }
    }
}
