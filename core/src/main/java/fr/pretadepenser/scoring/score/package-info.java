/**
 * Scoring: {@link fr.pretadepenser.scoring.score.Scorer} is the only code that turns feature rows into scores
 * (probability, decision, band, TreeSHAP contributions, reason codes, scorecard points). Around it, batch scoring of
 * files in the Kaggle layout (ingested and featured as in training) and the scoring of applications as the API
 * receives them (checked, featured online, or read as stored).
 */
package fr.pretadepenser.scoring.score;
