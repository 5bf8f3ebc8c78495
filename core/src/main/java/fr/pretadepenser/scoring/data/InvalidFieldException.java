package fr.pretadepenser.scoring.data;

/**
 * A value a caller gave for one field cannot be used: a raw application value of the wrong type, a query parameter
 * out of range, a feature name the model does not have. The message is {@code field: problem}; the server answers
 * 400 naming the field.
 */
public final class InvalidFieldException extends IllegalArgumentException {

    private final String field;
    private final String problem;

    /**
     * @param field   the field at fault, e.g. {@code application.AMT_CREDIT} or {@code bins}
     * @param problem what was expected and what was got
     */
    public InvalidFieldException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
        this.problem = problem;
    }

    /** The field at fault. */
    public String field() {
        return field;
    }

    /** What was expected and what was got. */
    public String problem() {
        return problem;
    }
}
