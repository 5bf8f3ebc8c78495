/**
 * Feature selection inside cross-validation: six ways of ranking features (as the "6 ways for feature selection"
 * notebook) and null importance, each run on a fold's training rows only, their vote, and the out-of-fold AUC of
 * "select, then train" at several sizes.
 */
package fr.pretadepenser.scoring.model.selection;
