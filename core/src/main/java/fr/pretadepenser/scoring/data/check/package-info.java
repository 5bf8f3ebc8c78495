/**
 * The checking of scoring requests: {@link fr.pretadepenser.scoring.data.check.ApplicationCheck} takes an
 * application and its history as a JSON parser hands them over and returns the
 * {@link fr.pretadepenser.scoring.data.ClientRecords} the feature builder reads, or throws an
 * {@link fr.pretadepenser.scoring.data.check.InvalidApplicationException} listing every
 * {@link fr.pretadepenser.scoring.data.check.FieldProblem}: unknown names, wrong types, values out of their plausible
 * range (one table, {@code Ranges}), categories the model does not know, rows that do not link up.
 */
package fr.pretadepenser.scoring.data.check;
