package fr.pretadepenser.scoring.data.check;

import fr.pretadepenser.scoring.data.Application;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static fr.pretadepenser.scoring.data.check.ApplicationAssertions.accepts;
import static fr.pretadepenser.scoring.data.check.ApplicationAssertions.refuses;
import static fr.pretadepenser.scoring.data.check.Requests.CHECK;
import static fr.pretadepenser.scoring.data.check.Requests.application;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApplicationCheckTest {

    @Nested
    class Structure {

        @Test
        void acceptsAValidApplication() {
            assertEquals(List.of(), CHECK.applicationProblems(application(), "application"));
        }

        @Test
        void refusesAnApplicationThatIsNoObject() {
            assertEquals(List.of(new FieldProblem("application", "expected an object of application columns,"
                    + " got a list")), CHECK.applicationProblems(List.of(application()), "application"));
            assertEquals(List.of(new FieldProblem("applications[4].application", "expected an object of"
                    + " application columns, got null")),
                    CHECK.applicationProblems(null, "applications[4].application"));
        }

        @Test
        void refusesUnknownColumnsSuggestingTheClosest() {
            refuses("AMT_CREDT", 1.0, "unknown column of application; did you mean AMT_CREDIT?");
            refuses("amt_credit", 1.0, "unknown column of application; did you mean AMT_CREDIT?");
            refuses("DAYS_BIRHT", 1.0, "unknown column of application; did you mean DAYS_BIRTH?");
            refuses("AmtAnnuity", 1.0, "unknown column of application; did you mean AMT_ANNUITY?");
            refuses("SALARY", 1.0, "unknown column of application");
        }

        @Test
        void refusesTheTarget() {
            refuses("TARGET", 0, "TARGET is the outcome, not an input; leave it out");
        }

        @Test
        void refusesNamesThatAreNoText() {
            Map<Object, Object> a = new HashMap<>(application());
            a.put(7, "x");
            assertEquals(List.of(new FieldProblem("application", "expected names as text, got 7")),
                    CHECK.applicationProblems(a, "application"));
        }

        @Test
        void readsSortedMapsOfOtherKeysWithoutLookingUpText() {
            Map<Object, Object> a = new TreeMap<>(Map.of(1, "x", 2, "y"));
            assertEquals(2 + ApplicationCheck.REQUIRED.size(), CHECK.applicationProblems(a, "application").size());
        }
    }

    @Nested
    class Required {

        @Test
        void listsTheRequiredFields() {
            assertEquals(List.of("NAME_CONTRACT_TYPE", "CODE_GENDER", "AMT_INCOME_TOTAL", "AMT_CREDIT", "DAYS_BIRTH"),
                    ApplicationCheck.REQUIRED);
        }

        @Test
        void refusesARequiredFieldMissingOrNull() {
            Map<String, Object> a = application();
            a.remove("DAYS_BIRTH");
            assertEquals(List.of(new FieldProblem("application.DAYS_BIRTH", "required in every application:"
                    + " expected a whole number, got nothing")), CHECK.applicationProblems(a, "application"));
            refuses("CODE_GENDER", null, "required in every application: expected text, got null");
        }

        @Test
        void acceptsOtherColumnsMissingOrNull() {
            Map<String, Object> a = application();
            a.remove("DAYS_EMPLOYED");
            assertEquals(List.of(), CHECK.applicationProblems(a, "application"));
            accepts("EXT_SOURCE_1", null);
        }
    }

    @Nested
    class ClientId {

        @Test
        void fillsZeroForANewApplicant() {
            assertEquals(0L, CHECK.application(application()).clientId());
            Map<String, Object> a = application();
            a.put("SK_ID_CURR", null);
            assertEquals(0L, CHECK.application(a).clientId());
        }

        @Test
        void keepsAPositiveWholeClientId() {
            assertEquals(100002L, CHECK.application(application(100002)).clientId());
            accepts("SK_ID_CURR", 100002.0);
            accepts("SK_ID_CURR", new BigInteger("100002"));
        }

        @Test
        void refusesAClientIdThatIsNotAPositiveWholeNumber() {
            refuses("SK_ID_CURR", 0, "expected a positive identifier (>= 1), got 0");
            refuses("SK_ID_CURR", -5L, "expected a positive identifier (>= 1), got -5");
            refuses("SK_ID_CURR", 1.5, "expected a whole number, got 1.5");
            refuses("SK_ID_CURR", "100002", "expected a whole number, got text \"100002\"");
        }
    }

    @Nested
    class Conversion {

        @Test
        void givesTheValuesAsLongsDoublesAndText() {
            Map<String, Object> a = application(100002);
            a.put("CNT_CHILDREN", 2.0);
            a.put("AMT_CREDIT", 406597);
            a.put("AMT_GOODS_PRICE", new BigDecimal("351000.50"));
            a.put("DAYS_BIRTH", new BigInteger("-9461"));

            Map<String, Object> expected = new LinkedHashMap<>();
            expected.put("SK_ID_CURR", 100002L);
            expected.put("NAME_CONTRACT_TYPE", "Cash loans");
            expected.put("CODE_GENDER", "F");
            expected.put("FLAG_OWN_CAR", "N");
            expected.put("CNT_CHILDREN", 2L);
            expected.put("AMT_INCOME_TOTAL", 202500.0);
            expected.put("AMT_CREDIT", 406597.0);
            expected.put("AMT_ANNUITY", null);
            expected.put("NAME_INCOME_TYPE", "Working");
            expected.put("DAYS_BIRTH", -9461L);
            expected.put("DAYS_EMPLOYED", -637L);
            expected.put("EXT_SOURCE_2", 0.2629485927471776);
            expected.put("FLAG_MOBIL", 1L);
            expected.put("REGION_RATING_CLIENT", 2L);
            expected.put("HOUR_APPR_PROCESS_START", 10L);
            expected.put("AMT_GOODS_PRICE", 351000.5);
            assertEquals(new Application(expected), CHECK.application(a));
        }

        @Test
        void throwsEveryProblemAtOnce() {
            Map<String, Object> a = application();
            a.put("DAYS_BIRTH", 120);
            a.put("CODE_GENDER", "Robot");
            a.put("AMT_CREDT", 5.0);
            a.remove("AMT_INCOME_TOTAL");
            a.put("TARGET", 1);

            InvalidApplicationException e = assertThrows(InvalidApplicationException.class,
                    () -> CHECK.application(a));

            assertEquals(List.of(
                    new FieldProblem("application.CODE_GENDER", "unknown category 'Robot'; allowed: F, M, XNA"),
                    new FieldProblem("application.DAYS_BIRTH", "expected a birth date 18 to 120 years before the"
                            + " application, in days (-43830 to -6575), got 120"),
                    new FieldProblem("application.AMT_CREDT", "unknown column of application; did you mean"
                            + " AMT_CREDIT?"),
                    new FieldProblem("application.TARGET", "TARGET is the outcome, not an input; leave it out"),
                    new FieldProblem("application.AMT_INCOME_TOTAL", "required in every application: expected a"
                            + " number, got nothing")), e.problems());
            assertTrue(e.getMessage().startsWith("5 problems: application.CODE_GENDER: unknown category 'Robot';"
                    + " allowed: F, M, XNA; application.DAYS_BIRTH: expected"), e.getMessage());
        }

        @Test
        void namesOneProblemInTheSingular() {
            Map<String, Object> a = application();
            a.put("CNT_CHILDREN", -1);
            InvalidApplicationException e = assertThrows(InvalidApplicationException.class,
                    () -> CHECK.application(a));
            assertEquals("1 problem: application.CNT_CHILDREN: expected a count (>= 0), got -1", e.getMessage());
        }

        @Test
        void keepsTheFirstHundredProblemsAndCountsTheRest() {
            Map<String, Object> a = application();
            for (int i = 0; i < 130; i++) {
                a.put("UNKNOWN_" + i, i);
            }
            List<FieldProblem> problems = CHECK.applicationProblems(a, "application");

            assertEquals(101, problems.size());
            assertEquals(new FieldProblem("application.UNKNOWN_99", "unknown column of application"),
                    problems.get(99));
            assertEquals(new FieldProblem("application", "... and 30 more problems"), problems.get(100));
            InvalidApplicationException e = assertThrows(InvalidApplicationException.class,
                    () -> CHECK.application(a));
            assertTrue(e.getMessage().startsWith("130 problems: "));
            assertTrue(e.getMessage().endsWith("; application: ... and 30 more problems"));
        }
    }
}
