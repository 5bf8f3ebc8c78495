/**
 * Batch scoring of new applications in the Kaggle layout: ingests them (with their optional credit history) into a
 * scratch database, builds their features with the bundle's frozen vocabularies, predicts and explains each one,
 * and writes the decisions with the three variables that pushed each score most toward default.
 */
package fr.pretadepenser.scoring.predict;
