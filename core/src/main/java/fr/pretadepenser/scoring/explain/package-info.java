/**
 * Explanations: exact TreeSHAP contributions (XGBoost's, computed in Java over its trees), summed per
 * original variable with the feature manifest (all one-hot columns of NAME_INCOME_TYPE become one contribution),
 * locally for one application and globally as mean absolute contribution.
 */
package fr.pretadepenser.scoring.explain;
