/**
 * How good a model is and where to decide: ROC AUC, Gini, KS, PR AUC, Brier, log loss, calibration, fairness by
 * group, the business cost and the threshold that minimises it, and the decision rule itself
 * ({@link fr.pretadepenser.scoring.model.evaluation.Decision}: refused at or above the threshold).
 */
package fr.pretadepenser.scoring.model.evaluation;
