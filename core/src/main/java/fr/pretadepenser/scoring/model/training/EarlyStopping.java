package fr.pretadepenser.scoring.model.training;

/**
 * The early-stopping rule of every fold, whoever trains it: keep the round with the best validation AUC, stop
 * once {@code patience} rounds have not beaten it or at the round limit. Fed one round at a time (XGBoost4J), or
 * with a whole validation history (XGBoost4J-Spark, which stops by its own rule first).
 */
public final class EarlyStopping {

    private final int maxRounds;
    private final int patience;
    private double best = Double.NEGATIVE_INFINITY;
    private int bestRound;

    /**
     * @param maxRounds the round limit
     * @param patience  rounds without a better AUC before stopping
     */
    public EarlyStopping(int maxRounds, int patience) {
        this.maxRounds = maxRounds;
        this.patience = patience;
    }

    /** Whether round {@code round} (0-based) is to be trained. */
    public boolean goesOn(int round) {
        return round < maxRounds && round - bestRound < patience;
    }

    /** Records the validation AUC after round {@code round}. */
    public void record(int round, double auc) {
        if (auc > best) {
            best = auc;
            bestRound = round;
        }
    }

    /** Replays a validation history (AUC after each round) through the rule. */
    public static EarlyStopping replay(float[] history, int maxRounds, int patience) {
        EarlyStopping stopping = new EarlyStopping(maxRounds, patience);
        for (int round = 0; round < history.length && stopping.goesOn(round); round++) {
            stopping.record(round, history[round]);
        }
        return stopping;
    }

    /** The best validation AUC so far. */
    public double best() {
        return best;
    }

    /** The rounds that reached it (the best round, counted from 1). */
    public int rounds() {
        return bestRound + 1;
    }
}
