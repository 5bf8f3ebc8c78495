/**
 * The training recipe, written once for every engine ({@link fr.pretadepenser.scoring.model.ModelTraining}):
 * parameter search by cross-validated AUC, class weighting and threshold by business cost, baselines, fairness,
 * the scorecard challenger, the final model and its description for the bundle. Its subpackages are one idea each:
 * {@code training} (fitting trees fold by fold), {@code evaluation} (metrics, cost, the decision rule),
 * {@code scorecard} (the points challenger) and {@code bundle} (the versioned, checked artefact).
 */
package fr.pretadepenser.scoring.model;
