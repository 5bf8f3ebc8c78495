/**
 * The scorecard challenger: variables binned monotonically, weight of evidence and information value, an L2
 * logistic regression on the WoE columns, and whole points per bin, refitted inside each fold so that its
 * comparison with the boosted model is honest.
 */
package fr.pretadepenser.scoring.model.scorecard;
