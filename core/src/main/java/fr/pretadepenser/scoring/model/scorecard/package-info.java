/**
 * The scorecard challenger: variables binned monotonically, weight of evidence and information value, an L2
 * logistic regression on the WoE columns, and whole points per bin, refitted inside each fold so that its
 * comparison with the boosted model is honest. The regression ({@code WoeRegression}) stays hand-written: at most 20
 * WoE columns fit in milliseconds, and another optimiser would change the points of every bundle.
 */
package fr.pretadepenser.scoring.model.scorecard;
