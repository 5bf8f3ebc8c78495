/**
 * Data drift: how far a batch of new applications has moved from the training data a model bundle remembers.
 * {@link fr.pretadepenser.scoring.drift.DriftAnalysis} builds the batch's features with the bundle's vocabularies,
 * compares each feature with its training reference (population stability index on the stored decile bins, a
 * Kolmogorov-Smirnov or chi-square test on the same bins), aggregates per original variable, weighs by the model's
 * importance, and writes {@code drift.json} and {@code drift.html}.
 */
package fr.pretadepenser.scoring.drift;
