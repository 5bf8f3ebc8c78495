/**
 * The read side of the scoring API: every known client (training and test applications of the feature database)
 * scored once by the model bundle, searchable by id prefix, contract type, income type and risk band; a client's
 * profile (application values with labels and units, a summary of the credit history); the most similar training
 * clients; and the distribution of any model feature among clients. {@link
 * fr.pretadepenser.scoring.portfolio.ClientDirectory} is the entry point; the other public types are its results.
 */
package fr.pretadepenser.scoring.portfolio;
