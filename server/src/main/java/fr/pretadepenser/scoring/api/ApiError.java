package fr.pretadepenser.scoring.api;

import java.util.List;

/**
 * The body of every error the API answers: a stable code for programs, a sentence for people, and one detail per
 * problem field so that a form can show them all at once.
 *
 * @param error   a stable code, e.g. {@code invalid_application}, {@code not_found}, {@code unauthenticated}
 * @param message what went wrong and how to fix it
 * @param details one entry per field at fault (empty when the error is not about fields)
 */
public record ApiError(String error, String message, List<Detail> details) {

    /** Copies the details so that an error cannot change. */
    public ApiError {
        details = List.copyOf(details);
    }

    /**
     * One field at fault.
     *
     * @param field   where, e.g. {@code application.DAYS_BIRTH} or {@code query.limit}
     * @param problem what is wrong and what was expected
     */
    public record Detail(String field, String problem) {
    }
}
