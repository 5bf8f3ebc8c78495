/**
 * Fitting gradient-boosted trees on cross-validation folds: {@link fr.pretadepenser.scoring.model.training.FoldTrainer}
 * (XGBoost4J here, XGBoost4J-Spark in the spark module), the early-stopping rule, stratified folds, the random
 * search over parameters, the settings and the logistic baseline on the same folds. That baseline's standardisation
 * and its fit by limited-memory BFGS ({@code Lbfgs}) are hand-written: no library standardises on each fold's training
 * rows only, and none that a bank can ship minimises a function given as a callback by a quasi-Newton method.
 */
package fr.pretadepenser.scoring.model.training;
