/**
 * Fitting: the training rows and their stratified folds, cross-validated gradient-boosted trees (XGBoost4J) with
 * early stopping, the random search over their parameters, and the logistic-regression baseline on the same folds
 * (XGBoost's linear booster). The standardisation that baseline needs stays hand-written: XGBoost has none, and
 * it must be computed on each fold's training rows only, in two passes over the row-major matrix.
 */
package fr.pretadepenser.scoring.model.training;
