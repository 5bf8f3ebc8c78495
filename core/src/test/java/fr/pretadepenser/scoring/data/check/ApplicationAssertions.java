package fr.pretadepenser.scoring.data.check;

import java.util.List;
import java.util.Map;

import static fr.pretadepenser.scoring.data.check.Requests.CHECK;
import static fr.pretadepenser.scoring.data.check.Requests.application;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Assertions on the valid application of {@link Requests} with one value changed. */
final class ApplicationAssertions {

    private ApplicationAssertions() {
    }

    /** The problems of the valid application with one value set (null: a JSON null). */
    static List<FieldProblem> problemsWith(String column, Object value) {
        Map<String, Object> a = application();
        a.put(column, value);
        return CHECK.applicationProblems(a, "application");
    }

    /** Asserts that the application is valid with that value. */
    static void accepts(String column, Object value) {
        assertEquals(List.of(), problemsWith(column, value), column + " = " + value);
    }

    /** Asserts that the value is the application's one problem, with that message. */
    static void refuses(String column, Object value, String problem) {
        assertEquals(List.of(new FieldProblem("application." + column, problem)), problemsWith(column, value));
    }
}
