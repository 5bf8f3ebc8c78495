package fr.pretadepenser.scoring.data.check;

import java.util.Objects;

/**
 * One thing wrong with one field of a scoring request, in words the caller can act on.
 *
 * @param field   the field at fault, as a path into the request: {@code application.DAYS_BIRTH},
 *                {@code history.bureau[3].AMT_CREDIT_SUM}, or {@code application} for the whole object
 * @param problem what was expected and what was got, e.g. "expected a number of days before the application
 *                (&lt;= 0), got 120"
 */
public record FieldProblem(String field, String problem) {

    /** Checks that both parts are present. */
    public FieldProblem {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(problem, "problem");
    }

    /** {@code field: problem}, as the exception message and logs print it. */
    @Override
    public String toString() {
        return field + ": " + problem;
    }
}
