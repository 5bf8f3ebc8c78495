package fr.pretadepenser.scoring.model.selection;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * How to select: which methods, how many features each method votes for, the sizes compared, and the budget of the
 * slow methods.
 *
 * @param methods       the methods run (those that vote, and null importance when present)
 * @param voteTop       how many features each method votes for (its top, among those it does not reject)
 * @param sizes         the numbers of features compared by out-of-fold AUC ({@link #ALL} or more: every feature)
 * @param sampleRows    most training rows the model-based methods see (a stratified sample of the fold's rows when
 *                      it has more); the two filters see every row
 * @param boostingRounds rounds of the boosting and null-importance fits
 * @param forestTrees   trees of the random forest
 * @param nullShuffles  trainings on a shuffled target for null importance
 * @param seed          seed of the samples, shuffles and fits
 * @param threads       XGBoost threads
 */
public record SelectionSettings(Set<SelectionMethod> methods, int voteTop, List<Integer> sizes, int sampleRows,
                                int boostingRounds, int forestTrees, int nullShuffles, long seed, int threads) {

    /** A size that stands for every feature. */
    public static final int ALL = Integer.MAX_VALUE;

    /** Sizes compared by default: the notebook keeps about 100 of several hundred; and every feature. */
    public static final List<Integer> DEFAULT_SIZES = List.of(25, 50, 100, 200, ALL);

    /** Checks ranges and copies the collections. */
    public SelectionSettings {
        // In the methods' order, whatever the caller's set.
        methods = methods.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(methods));
        sizes = List.copyOf(sizes);
        if (methods.stream().noneMatch(SelectionMethod::votes) || voteTop < 1 || sizes.isEmpty()
                || sizes.stream().anyMatch(k -> k < 1) || sampleRows < 100 || boostingRounds < 1 || forestTrees < 1
                || nullShuffles < 1 || threads < 1) {
            throw new IllegalArgumentException("selection settings out of range: at least one voting method,"
                    + " vote top >= 1, sizes >= 1, sample >= 100 rows, rounds, trees, shuffles and threads >= 1;"
                    + " were " + this);
        }
    }

    /** Every method, the notebook's sizes, 50,000 sampled rows, 10 shuffles. */
    public static SelectionSettings defaults(long seed, int threads) {
        return new SelectionSettings(EnumSet.allOf(SelectionMethod.class), 100, DEFAULT_SIZES, 50_000, 150, 100, 10,
                seed, threads);
    }

    /** The same settings comparing other sizes. */
    public SelectionSettings withSizes(List<Integer> other) {
        return new SelectionSettings(methods, voteTop, other, sampleRows, boostingRounds, forestTrees, nullShuffles,
                seed, threads);
    }

    /** Whether {@code method} is run. */
    public boolean runs(SelectionMethod method) {
        return methods.contains(method);
    }
}
