/**
 * Fitting gradient-boosted trees on cross-validation folds: {@link fr.pretadepenser.scoring.model.training.FoldTrainer}
 * (XGBoost4J here, XGBoost4J-Spark in the spark module), the early-stopping rule, stratified folds, the random
 * search over parameters, the settings and the logistic baseline on the same folds (XGBoost's linear booster). The
 * standardisation that baseline needs stays hand-written: XGBoost has none, and it must be computed on each fold's
 * training rows only, in two passes over the row-major matrix.
 */
package fr.pretadepenser.scoring.model.training;
