package fr.pretadepenser.scoring.data.check;

import fr.pretadepenser.scoring.data.ClientRecords;
import fr.pretadepenser.scoring.data.History;
import fr.pretadepenser.scoring.data.ScoringWarning;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static fr.pretadepenser.scoring.data.check.Requests.CHECK;
import static fr.pretadepenser.scoring.data.check.Requests.application;
import static fr.pretadepenser.scoring.data.check.Requests.first;
import static fr.pretadepenser.scoring.data.check.Requests.history;
import static fr.pretadepenser.scoring.data.check.Requests.row;
import static fr.pretadepenser.scoring.data.check.Requests.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class HistoryCheckTest {

    private static List<FieldProblem> problems(Object history) {
        return CHECK.historyProblems(history, "history");
    }

    /** The warnings of a valid history sent with a valid new application. */
    private static List<ScoringWarning> warnings(Object history) {
        return CHECK.check(application(), history, "").warnings();
    }

    private static List<FieldProblem> one(String field, String problem) {
        return List.of(new FieldProblem(field, problem));
    }

    @Nested
    class Structure {

        @Test
        void acceptsAValidHistoryAndAnEmptyOne() {
            assertEquals(List.of(), problems(history()));
            assertEquals(History.NONE, CHECK.history(Map.of()));
        }

        @Test
        void refusesAHistoryThatIsNoObject() {
            assertEquals(one("history", "expected an object of tables (bureau, bureau_balance, previous_application,"
                    + " POS_CASH_balance, installments_payments, credit_card_balance), got a list"),
                    problems(List.of()));
        }

        @Test
        void refusesUnknownTablesSuggestingTheClosest() {
            assertEquals(one("history.bureaux", "unknown table; did you mean bureau?"),
                    problems(Map.of("bureaux", List.of())));
            assertEquals(one("history.pos_cash_balance", "unknown table; did you mean POS_CASH_balance?"),
                    problems(Map.of("pos_cash_balance", List.of())));
            assertEquals(one("history.loans", "unknown table; known: bureau, bureau_balance, previous_application,"
                    + " POS_CASH_balance, installments_payments, credit_card_balance"),
                    problems(Map.of("loans", List.of())));
        }

        @Test
        void takesANullTableAsNone() {
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("bureau", null);
            assertEquals(History.NONE, CHECK.history(h));
        }

        @Test
        void refusesATableThatIsNoListAndARowThatIsNoObject() {
            assertEquals(one("history.bureau", "expected a list of rows, got an object"),
                    problems(Map.of("bureau", Map.of())));
            Map<String, Object> h = history();
            table(h, "bureau").add(5);
            assertEquals(one("history.bureau[1]", "expected an object (one row of bureau), got 5"), problems(h));
        }

        @Test
        void checksEachRowLikeTheApplicationButScoresAnUnknownCategoryWithAWarning() {
            Map<String, Object> h = history();
            first(h, "bureau").put("CREDIT_ACTIVE", "Finished");
            first(h, "bureau").put("AMT_CREDIT_SUMM", 1.0);
            first(h, "installments_payments").put("NUM_INSTALMENT_NUMBER", 1.5);
            assertEquals(List.of(
                    new FieldProblem("history.bureau[0].AMT_CREDIT_SUMM",
                            "unknown column of bureau; did you mean AMT_CREDIT_SUM?"),
                    new FieldProblem("history.installments_payments[0].NUM_INSTALMENT_NUMBER",
                            "expected a whole number, got 1.5")), problems(h));
            // History rows come from other systems: a value outside the Kaggle files' categories is scored as
            // none of the column's categories, with a warning, rather than refused.
            first(h, "bureau").remove("AMT_CREDIT_SUMM");
            first(h, "installments_payments").put("NUM_INSTALMENT_NUMBER", 1);
            assertEquals(List.of(new ScoringWarning(ScoringWarning.Kind.UNKNOWN_CATEGORY, "bureau", "CREDIT_ACTIVE",
                    "Finished", 1)), warnings(h));
        }

        @Test
        void warnsOfAKaggleCategoryTheModelNeverSaw() {
            Map<String, Object> h = history();
            // The test vocabulary of POS_CASH_balance has Active, Completed and Signed only.
            first(h, "POS_CASH_balance").put("NAME_CONTRACT_STATUS", "Returned to the store");
            List<ScoringWarning> warnings = warnings(h);
            assertEquals(List.of(new ScoringWarning(ScoringWarning.Kind.UNSEEN_CATEGORY, "POS_CASH_balance",
                    "NAME_CONTRACT_STATUS", "Returned to the store", 1)), warnings);
            assertEquals("POS_CASH_balance.NAME_CONTRACT_STATUS: 'Returned to the store' (1 row) is a category the"
                    + " model never saw in training; scored as none of the column's categories",
                    warnings.get(0).message());
        }

        @Test
        void refusesMoreThanTenThousandRowsInAll() {
            Map<String, Object> h = new LinkedHashMap<>();
            List<Object> rows = new ArrayList<>();
            for (int i = 0; i < 10_000; i++) {
                rows.add(row("DAYS_CREDIT", -i));
            }
            h.put("bureau", rows);
            assertEquals(List.of(), problems(h));

            h.put("previous_application", List.of(row()));
            assertEquals(one("history", "expected at most 10000 rows in all tables, got 10001"), problems(h));
        }
    }

    @Nested
    class Links {

        @Test
        void bureauBalanceRowsNeedAKeyAndOneOfNoBureauRowIsAWarning() {
            Map<String, Object> h = history();
            first(h, "bureau_balance").put("SK_ID_BUREAU", 999);
            table(h, "bureau_balance").add(row("MONTHS_BALANCE", -2));
            assertEquals(one("history.bureau_balance[2].SK_ID_BUREAU",
                    "required: expected the SK_ID_BUREAU of a row of history.bureau, got nothing"), problems(h));
            table(h, "bureau_balance").remove(2);
            assertEquals(List.of(new ScoringWarning(ScoringWarning.Kind.UNLINKED_ROWS, "bureau_balance",
                    "SK_ID_BUREAU", "bureau", 1)), warnings(h));
            assertEquals("bureau_balance: 1 row whose SK_ID_BUREAU names no row of bureau; left out of the"
                    + " features, as in the batch pipeline", warnings(h).get(0).message());
        }

        @Test
        void monthlyRowsAndInstallmentsNeedAKeyAndOnesOfNoPreviousApplicationAreScoredWithAWarning() {
            Map<String, Object> h = history();
            first(h, "POS_CASH_balance").put("SK_ID_PREV", 7);
            first(h, "installments_payments").put("SK_ID_PREV", null);
            first(h, "credit_card_balance").put("SK_ID_PREV", 1038818.0);
            assertEquals(one("history.installments_payments[0].SK_ID_PREV",
                    "required: expected the SK_ID_PREV of a row of history.previous_application, got null"),
                    problems(h));
            // In the real files about 4.5% of POS loans and 12% of card loans have no previous application.
            first(h, "installments_payments").put("SK_ID_PREV", 8);
            table(h, "POS_CASH_balance").add(new LinkedHashMap<>(first(h, "POS_CASH_balance")));
            assertEquals(List.of(
                    new ScoringWarning(ScoringWarning.Kind.UNLINKED_ROWS, "POS_CASH_balance", "SK_ID_PREV",
                            "previous_application", 2),
                    new ScoringWarning(ScoringWarning.Kind.UNLINKED_ROWS, "installments_payments", "SK_ID_PREV",
                            "previous_application", 1)), warnings(h));
            assertEquals("POS_CASH_balance: 2 rows whose SK_ID_PREV names no row of previous_application; counted"
                    + " in the client's features, as in the batch pipeline", warnings(h).get(0).message());
        }

        @Test
        void refusesTwoRowsWithOneKey() {
            Map<String, Object> h = history();
            table(h, "previous_application").add(row("SK_ID_PREV", 1038818));
            assertEquals(one("history.previous_application[1].SK_ID_PREV", "expected a key no other row has, got"
                    + " 1038818, already the key of history.previous_application[0]"), problems(h));
        }

        @Test
        void rowsNamingAClientNameTheApplicationsOne() {
            Map<String, Object> h = history();
            first(h, "bureau").put("SK_ID_CURR", 100002);
            first(h, "POS_CASH_balance").put("SK_ID_CURR", 100003);
            assertEquals(one("history.POS_CASH_balance[0].SK_ID_CURR",
                    "expected the application's 100002 (or none), got 100003"),
                    CHECK.problems(application(100002), h, ""));
        }

        @Test
        void rowsOfANewApplicantNameNoClient() {
            Map<String, Object> h = history();
            first(h, "bureau").put("SK_ID_CURR", 100002);
            assertEquals(one("history.bureau[0].SK_ID_CURR",
                    "expected none: the application has no SK_ID_CURR (a new applicant), got 100002"),
                    CHECK.problems(application(), h, ""));
        }

        @Test
        void withoutAnApplicationRowsAgreeOnTheClient() {
            Map<String, Object> h = history();
            first(h, "bureau").put("SK_ID_CURR", 100002);
            first(h, "previous_application").put("SK_ID_CURR", 100003);
            assertEquals(one("history.previous_application[0].SK_ID_CURR",
                    "expected 100002, as in history.bureau[0] (or none), got 100003"), problems(h));
        }
    }

    @Nested
    class Conversion {

        @Test
        void convertsRowsToLongsDoublesAndText() {
            History history = CHECK.history(history());
            assertEquals(List.of(Map.of("SK_ID_BUREAU", 5714462L, "CREDIT_ACTIVE", "Closed", "DAYS_CREDIT", -497L,
                    "AMT_CREDIT_SUM", 91323.0, "AMT_CREDIT_SUM_DEBT", 0.0)), history.bureau());
            assertEquals(Map.of("SK_ID_BUREAU", 5714462L, "MONTHS_BALANCE", -1L, "STATUS", "0"),
                    history.bureauBalance().get(1));
            assertEquals(List.of(Map.of("SK_ID_PREV", 1038818L, "NAME_CONTRACT_STATUS", "Approved",
                    "AMT_CREDIT", 179055.0, "DAYS_DECISION", -606L, "DAYS_TERMINATION", 365243.0)),
                    history.previousApplications());
            assertEquals(List.of(Map.of("SK_ID_PREV", 1038818L, "MONTHS_BALANCE", -19L, "CNT_INSTALMENT", 24.0,
                    "NAME_CONTRACT_STATUS", "Active", "SK_DPD", 0L)), history.posCashBalance());
            assertEquals(List.of(Map.of("SK_ID_PREV", 1038818L, "NUM_INSTALMENT_NUMBER", 1L,
                    "DAYS_INSTALMENT", -565.0, "AMT_PAYMENT", 9251.775)), history.installmentsPayments());
            assertEquals(List.of(Map.of("SK_ID_PREV", 1038818L, "MONTHS_BALANCE", -6L, "AMT_BALANCE", -1245.15,
                    "NAME_CONTRACT_STATUS", "Active")), history.creditCardBalance());
        }

        @Test
        void aRequestWithAHistoryIsANewApplication() {
            ClientRecords records = CHECK.records(application(), history());
            assertEquals(0L, records.application().clientId());
            assertEquals(Optional.of(CHECK.history(history())), records.history());
        }

        @Test
        void aRequestWithoutHistoryIsAStoredClientsOrANewApplicantWithNone() {
            assertEquals(Optional.empty(), CHECK.records(application(100002), null).history());
            assertEquals(Optional.of(History.NONE), CHECK.records(application(), null).history());
        }

        @Test
        void reportsTheProblemsOfBothUnderTheRequestsPath() {
            Map<String, Object> a = application();
            a.put("DAYS_BIRTH", 10);
            Map<String, Object> h = history();
            first(h, "bureau").put("AMT_CREDIT_SUM", "a lot");
            List<FieldProblem> expected = List.of(
                    new FieldProblem("applications[4].application.DAYS_BIRTH", "expected a birth date 18 to 120"
                            + " years before the application, in days (-43830 to -6575), got 10"),
                    new FieldProblem("applications[4].history.bureau[0].AMT_CREDIT_SUM",
                            "expected a number, got text \"a lot\""));
            assertEquals(expected, CHECK.problems(a, h, "applications[4]"));

            InvalidApplicationException e = assertThrows(InvalidApplicationException.class,
                    () -> CHECK.records(a, h));
            assertEquals("2 problems: application.DAYS_BIRTH: expected a birth date 18 to 120 years before the"
                    + " application, in days (-43830 to -6575), got 10; history.bureau[0].AMT_CREDIT_SUM: expected"
                    + " a number, got text \"a lot\"", e.getMessage());
        }

        @Test
        void capsTheProblemsOfAWholeRequest() {
            Map<String, Object> h = new LinkedHashMap<>();
            List<Object> rows = new ArrayList<>();
            for (int i = 0; i < 150; i++) {
                rows.add(row("SK_DPD", 0.5));
            }
            h.put("POS_CASH_balance", rows);
            List<FieldProblem> problems = CHECK.problems(application(), h, "");
            assertEquals(101, problems.size());
            assertEquals(new FieldProblem("request", "... and 200 more problems"), problems.get(100));
        }
    }
}
