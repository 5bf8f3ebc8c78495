package fr.pretadepenser.scoring.model.selection;

/**
 * Null importance of each feature (gradient-boosting gain on the real target against shuffled ones).
 *
 * @param actual   boosting gain on the real target
 * @param nullMean mean gain over the shuffled targets
 * @param nullP90  90th percentile of those gains
 * @param shuffles how many shuffled targets
 */
public record NullImportance(double[] actual, double[] nullMean, double[] nullP90, int shuffles) {

    /** Whether feature {@code column} gains more on the real target than on nine shuffled ones in ten. */
    public boolean passes(int column) {
        return actual[column] > 0 && actual[column] > nullP90[column];
    }

    /** log((1 + gain) / (1 + null 90th percentile)): above 0 when it passes (Olivier's null-importance score). */
    public double score(int column) {
        return Math.log1p(actual[column]) - Math.log1p(nullP90[column]);
    }
}
