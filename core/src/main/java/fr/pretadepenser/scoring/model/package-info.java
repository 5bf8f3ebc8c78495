/**
 * The model: stratified cross-validation of gradient-boosted trees (XGBoost4J), the business-cost threshold,
 * the metrics a risk committee reads (ROC AUC, Gini, KS, PR AUC, Brier, log loss, calibration), and the baselines
 * the model must beat.
 */
package fr.pretadepenser.scoring.model;
