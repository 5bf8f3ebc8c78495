/**
 * The scorecard challenger: weight-of-evidence bins per original variable, selection by information value and
 * correlation, an L2 logistic regression on the WoE columns and points per bin, fitted and evaluated on the boosted
 * model's folds. The regression ({@code WoeRegression}) stays hand-written: at most 20 WoE columns fit in
 * milliseconds, and another optimiser would change the points of every bundle.
 */
package fr.pretadepenser.scoring.model.scorecard;
