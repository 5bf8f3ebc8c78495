/**
 * Fitting gradient-boosted trees on cross-validation folds: {@link fr.pretadepenser.scoring.model.training.FoldTrainer}
 * (XGBoost4J here, XGBoost4J-Spark in the spark module), the early-stopping rule, stratified folds, the random
 * search over parameters, the settings and the logistic baseline on the same folds.
 */
package fr.pretadepenser.scoring.model.training;
