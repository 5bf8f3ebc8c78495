package fr.pretadepenser.scoring.data.check;

import java.util.List;

/**
 * A scoring request that cannot be scored: lists every problem found, each naming its field, so that the caller
 * can fix them all at once. The server answers it with 400 and the list.
 */
public final class InvalidApplicationException extends RuntimeException {

    private final List<FieldProblem> problems;

    /**
     * @param problems every problem found (at least one), in request order
     * @throws IllegalArgumentException for an empty list: a request without problems is valid
     */
    public InvalidApplicationException(List<FieldProblem> problems) {
        this(problems, problems.size());
    }

    /** With the number of problems found, larger than the list when it was cut short. */
    InvalidApplicationException(List<FieldProblem> problems, int found) {
        super(summary(problems, found));
        this.problems = List.copyOf(problems);
    }

    /** Every problem, in request order; the last may be "... and N more problems" when there were too many. */
    public List<FieldProblem> problems() {
        return problems;
    }

    private static String summary(List<FieldProblem> problems, int found) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an invalid application has at least one problem");
        }
        StringBuilder m = new StringBuilder().append(found).append(found == 1 ? " problem: " : " problems: ");
        for (int i = 0; i < problems.size(); i++) {
            m.append(i == 0 ? "" : "; ").append(problems.get(i));
        }
        return m.toString();
    }
}
