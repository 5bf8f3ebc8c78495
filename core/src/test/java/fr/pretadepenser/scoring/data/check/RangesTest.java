package fr.pretadepenser.scoring.data.check;

import fr.pretadepenser.scoring.data.ScoringWarning;
import fr.pretadepenser.scoring.schema.Column;
import fr.pretadepenser.scoring.schema.ColumnType;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import fr.pretadepenser.scoring.schema.Table;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static fr.pretadepenser.scoring.data.check.Requests.CHECK;
import static fr.pretadepenser.scoring.data.check.Requests.application;
import static fr.pretadepenser.scoring.data.check.Requests.first;
import static fr.pretadepenser.scoring.data.check.Requests.history;
import static fr.pretadepenser.scoring.data.check.Requests.row;
import static fr.pretadepenser.scoring.data.check.Requests.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;

class RangesTest {

    private static void inApplication(String column, Object good, Object bad, String problem) {
        Map<String, Object> a = application();
        a.put(column, good);
        assertEquals(List.of(), CHECK.applicationProblems(a, "application"), column + " = " + good);
        a.put(column, bad);
        assertEquals(List.of(new FieldProblem("application." + column, problem)),
                CHECK.applicationProblems(a, "application"));
    }

    private static void inHistory(String table, String column, Object good, Object bad, String problem) {
        Map<String, Object> h = history();
        first(h, table).put(column, good);
        assertEquals(List.of(), CHECK.historyProblems(h, "history"), table + "." + column + " = " + good);
        first(h, table).put(column, bad);
        assertEquals(List.of(new FieldProblem("history." + table + "[0]." + column, problem)),
                CHECK.historyProblems(h, "history"));
    }

    /**
     * A history row's implausible number: scored as given with a warning naming what the column's values should
     * be (rows from other systems are never refused for it), where an advisor's would be refused.
     */
    private static void implausibleInHistory(String table, String column, Object good, Object bad, String problem) {
        Map<String, Object> h = history();
        first(h, table).put(column, good);
        assertEquals(List.of(), CHECK.check(application(), h, "").warnings().stream()
                .filter(w -> w.kind() == ScoringWarning.Kind.IMPLAUSIBLE_VALUE).toList(), table + "." + column);
        first(h, table).put(column, bad);
        assertEquals(List.of(), CHECK.historyProblems(h, "history"), table + "." + column + " = " + bad);
        String expected = problem.substring("expected ".length(), problem.lastIndexOf(", got "));
        assertEquals(List.of(new ScoringWarning(ScoringWarning.Kind.IMPLAUSIBLE_VALUE, table, column, expected, 1)),
                CHECK.check(application(), h, "").warnings().stream()
                        .filter(w -> w.kind() == ScoringWarning.Kind.IMPLAUSIBLE_VALUE).toList());
    }

    @Test
    void amountsAndCountsAreNotNegative() {
        inApplication("AMT_CREDIT", 0, -1, "expected an amount (>= 0), got -1");
        inApplication("AMT_REQ_CREDIT_BUREAU_YEAR", 0.0, -1.0, "expected an amount (>= 0), got -1.0");
        inApplication("CNT_CHILDREN", 0, -1, "expected a count (>= 0), got -1");
        inApplication("OBS_30_CNT_SOCIAL_CIRCLE", 348.0, -2.0, "expected a count (>= 0), got -2.0");
    }

    @Test
    void theClientIsEighteenToOneHundredAndTwentyYearsOld() {
        String expected = "expected a birth date 18 to 120 years before the application, in days (-43830 to -6575)";
        inApplication("DAYS_BIRTH", -6575, -6574, expected + ", got -6574");
        inApplication("DAYS_BIRTH", -43830, -43831, expected + ", got -43831");
        inApplication("DAYS_BIRTH", -25229, 120, expected + ", got 120");
    }

    @Test
    void datesAreBeforeTheApplication() {
        inApplication("DAYS_REGISTRATION", 0.0, 120.0,
                "expected a number of days before the application (<= 0), got 120.0");
        inApplication("DAYS_ID_PUBLISH", -7197, 1, "expected a number of days before the application (<= 0), got 1");
    }

    @Test
    void daysEmployedMayBeTheKaggleSentinel() {
        inApplication("DAYS_EMPLOYED", 365243, 100,
                "expected a number of days before the application (<= 0, or 365243 for none), got 100");
    }

    @Test
    void nobodyWorkedLongerThanTheyLived() {
        inApplication("DAYS_EMPLOYED", -9461, -9462,
                "expected employment no longer than the client's life (>= DAYS_BIRTH, -9461), got -9462");
    }

    @Test
    void scoresFlagsHoursAndRatingsHaveTheirRange() {
        inApplication("EXT_SOURCE_3", 1.0, 1.2, "expected a normalized score (0 to 1), got 1.2");
        inApplication("EXT_SOURCE_1", 0, -0.1, "expected a normalized score (0 to 1), got -0.1");
        inApplication("FLAG_MOBIL", 0, 2, "expected a flag (0 or 1), got 2");
        inApplication("REG_CITY_NOT_LIVE_CITY", 1, -1, "expected a flag (0 or 1), got -1");
        inApplication("HOUR_APPR_PROCESS_START", 23, 24, "expected an hour of the day (0 to 23), got 24");
        inApplication("REGION_RATING_CLIENT", 3, 0, "expected a region rating (1 to 3), got 0");
        inApplication("REGION_RATING_CLIENT_W_CITY", -1, 4,
                "expected a region rating (1 to 3, or -1 as in application_test), got 4");
    }

    @Test
    void historyAmountsCountsAndDaysPastDueBelowZeroAreScoredWithAWarning() {
        implausibleInHistory("bureau", "AMT_CREDIT_SUM", 0.0, -1.0, "expected an amount (>= 0), got -1.0");
        implausibleInHistory("POS_CASH_balance", "CNT_INSTALMENT", 0.0, -1.0, "expected a count (>= 0), got -1.0");
        implausibleInHistory("POS_CASH_balance", "SK_DPD", 0, -3, "expected a number of days past due (>= 0), got -3");
        implausibleInHistory("bureau", "CREDIT_DAY_OVERDUE", 2792, -1, "expected a number of days overdue (>= 0), got -1");
        implausibleInHistory("previous_application", "NFLAG_INSURED_ON_APPROVAL", 1.0, 0.5, "expected a flag (0 or 1), got 0.5");
    }

    @Test
    void historyAmountsThatAreNegativeInTheRealFilesAreAllowed() {
        inHistory("bureau", "AMT_CREDIT_SUM_DEBT", -4705600.32, "debt", "expected a number, got text \"debt\"");
        inHistory("bureau", "AMT_CREDIT_SUM_LIMIT", -586406.115, true, "expected a number, got a boolean (true)");
        inHistory("credit_card_balance", "AMT_RECIVABLE", -420250.185, "x", "expected a number, got text \"x\"");
        inHistory("previous_application", "AMT_DOWN_PAYMENT", -0.9, "x", "expected a number, got text \"x\"");
    }

    @Test
    void historyMonthsAndDaysAfterTheApplicationAreScoredWithAWarningWhereTheRealFilesSaySo() {
        implausibleInHistory("bureau_balance", "MONTHS_BALANCE", 0, 1,
                "expected a number of months before the application (<= 0), got 1");
        implausibleInHistory("bureau", "DAYS_CREDIT", 0, 5, "expected a number of days before the application (<= 0), got 5");
        implausibleInHistory("previous_application", "DAYS_FIRST_DUE", 365243.0, 10.0,
                "expected a number of days before the application (<= 0, or 365243 for none), got 10.0");
        implausibleInHistory("installments_payments", "DAYS_ENTRY_PAYMENT", -1.0, 3.0,
                "expected a number of days before the application (<= 0), got 3.0");
        inHistory("bureau", "DAYS_CREDIT_ENDDATE", 31199.0, "x", "expected a number, got text \"x\"");
        inHistory("previous_application", "DAYS_LAST_DUE_1ST_VERSION", 1688.0, "x",
                "expected a number, got text \"x\"");
    }

    /**
     * Rows holding, column by column, the least and greatest values of the real Kaggle files (the full files'
     * published minima and maxima, and a sample of real rows): no rule may refuse them.
     */
    @Test
    void acceptsTheExtremesOfTheRealFiles() {
        Map<String, Object> low = row("SK_ID_CURR", 100002, "NAME_CONTRACT_TYPE", "Cash loans", "CODE_GENDER",
                "XNA", "CNT_CHILDREN", 0, "AMT_INCOME_TOTAL", 25650.0, "AMT_CREDIT", 45000.0, "AMT_ANNUITY", 1615.5,
                "AMT_GOODS_PRICE", 40500.0, "REGION_POPULATION_RELATIVE", 0.00029, "DAYS_BIRTH", -25229,
                "DAYS_EMPLOYED", -17912, "DAYS_REGISTRATION", -24672.0, "DAYS_ID_PUBLISH", -7197,
                "OWN_CAR_AGE", 0.0, "FLAG_MOBIL", 0, "FLAG_DOCUMENT_2", 0, "CNT_FAM_MEMBERS", 1.0,
                "REGION_RATING_CLIENT", 1, "REGION_RATING_CLIENT_W_CITY", -1, "HOUR_APPR_PROCESS_START", 0,
                "EXT_SOURCE_1", 0.014568132412445587, "EXT_SOURCE_2", 8.173616518884397e-08,
                "EXT_SOURCE_3", 0.0005272652387098, "OBS_30_CNT_SOCIAL_CIRCLE", 0.0, "APARTMENTS_AVG", 0.0,
                "DAYS_LAST_PHONE_CHANGE", -4292.0, "AMT_REQ_CREDIT_BUREAU_YEAR", 0.0, "REG_CITY_NOT_WORK_CITY", 0);
        Map<String, Object> high = row("SK_ID_CURR", 456255, "NAME_CONTRACT_TYPE", "Revolving loans",
                "CODE_GENDER", "M", "CNT_CHILDREN", 19, "AMT_INCOME_TOTAL", 117000000.0, "AMT_CREDIT", 4050000.0,
                "AMT_ANNUITY", 258025.5, "AMT_GOODS_PRICE", 4050000.0, "REGION_POPULATION_RELATIVE", 0.072508,
                "DAYS_BIRTH", -7489, "DAYS_EMPLOYED", 365243, "DAYS_REGISTRATION", 0.0, "DAYS_ID_PUBLISH", 0,
                "OWN_CAR_AGE", 91.0, "FLAG_MOBIL", 1, "FLAG_EMP_PHONE", 1, "CNT_FAM_MEMBERS", 20.0,
                "REGION_RATING_CLIENT", 3, "REGION_RATING_CLIENT_W_CITY", 3, "HOUR_APPR_PROCESS_START", 23,
                "EXT_SOURCE_1", 0.962692770561306, "EXT_SOURCE_2", 0.8549996664047012,
                "EXT_SOURCE_3", 0.8960095494948396, "OBS_30_CNT_SOCIAL_CIRCLE", 348.0,
                "DEF_30_CNT_SOCIAL_CIRCLE", 34.0, "APARTMENTS_AVG", 1.0, "DAYS_LAST_PHONE_CHANGE", 0.0,
                "AMT_REQ_CREDIT_BUREAU_QRT", 261.0, "LIVE_CITY_NOT_WORK_CITY", 1);

        Map<String, Object> h = new LinkedHashMap<>();
        h.put("bureau", rows(
                row("SK_ID_BUREAU", 5000000, "DAYS_CREDIT", -2922, "CREDIT_DAY_OVERDUE", 0,
                        "DAYS_CREDIT_ENDDATE", -42060.0, "DAYS_ENDDATE_FACT", -42023.0, "AMT_CREDIT_MAX_OVERDUE", 0.0,
                        "CNT_CREDIT_PROLONG", 0, "AMT_CREDIT_SUM", 0.0, "AMT_CREDIT_SUM_DEBT", -4705600.32,
                        "AMT_CREDIT_SUM_LIMIT", -586406.115, "AMT_CREDIT_SUM_OVERDUE", 0.0,
                        "DAYS_CREDIT_UPDATE", -41947, "AMT_ANNUITY", 0.0),
                row("SK_ID_BUREAU", 6843457, "DAYS_CREDIT", 0, "CREDIT_DAY_OVERDUE", 2792,
                        "DAYS_CREDIT_ENDDATE", 31199.0, "DAYS_ENDDATE_FACT", 0.0,
                        "AMT_CREDIT_MAX_OVERDUE", 115987185.0, "CNT_CREDIT_PROLONG", 9, "AMT_CREDIT_SUM", 585000000.0,
                        "AMT_CREDIT_SUM_DEBT", 170100000.0, "AMT_CREDIT_SUM_LIMIT", 4705600.32,
                        "AMT_CREDIT_SUM_OVERDUE", 3756681.0, "DAYS_CREDIT_UPDATE", 372, "AMT_ANNUITY", 118453423.5)));
        h.put("bureau_balance", rows(row("SK_ID_BUREAU", 5000000, "MONTHS_BALANCE", -96, "STATUS", "X"),
                row("SK_ID_BUREAU", 6843457, "MONTHS_BALANCE", 0, "STATUS", "5")));
        h.put("previous_application", rows(
                row("SK_ID_PREV", 1000001, "AMT_ANNUITY", 0.0, "AMT_APPLICATION", 0.0, "AMT_CREDIT", 0.0,
                        "AMT_DOWN_PAYMENT", -0.9, "AMT_GOODS_PRICE", 0.0, "HOUR_APPR_PROCESS_START", 0,
                        "NFLAG_LAST_APPL_IN_DAY", 0, "RATE_DOWN_PAYMENT", -1.5e-05, "DAYS_DECISION", -2922,
                        "SELLERPLACE_AREA", -1, "CNT_PAYMENT", 0.0, "DAYS_FIRST_DRAWING", -2922.0,
                        "DAYS_FIRST_DUE", -2892.0, "DAYS_LAST_DUE_1ST_VERSION", -2801.0, "DAYS_LAST_DUE", -2889.0,
                        "DAYS_TERMINATION", -2874.0, "NFLAG_INSURED_ON_APPROVAL", 0.0),
                row("SK_ID_PREV", 2845382, "AMT_ANNUITY", 418058.145, "AMT_APPLICATION", 6905160.0,
                        "AMT_CREDIT", 6905160.0, "AMT_DOWN_PAYMENT", 3060045.0, "AMT_GOODS_PRICE", 6905160.0,
                        "HOUR_APPR_PROCESS_START", 23, "NFLAG_LAST_APPL_IN_DAY", 1, "RATE_DOWN_PAYMENT", 1.0,
                        "DAYS_DECISION", -1, "SELLERPLACE_AREA", 4000000, "CNT_PAYMENT", 84.0,
                        "DAYS_FIRST_DRAWING", 365243.0, "DAYS_FIRST_DUE", 365243.0,
                        "DAYS_LAST_DUE_1ST_VERSION", 365243.0, "DAYS_LAST_DUE", 365243.0,
                        "DAYS_TERMINATION", 365243.0, "NFLAG_INSURED_ON_APPROVAL", 1.0),
                row("SK_ID_PREV", 1038818, "DAYS_FIRST_DUE", -142.0, "DAYS_LAST_DUE_1ST_VERSION", 1688.0,
                        "DAYS_LAST_DUE", 365243.0, "DAYS_TERMINATION", 365243.0)));
        h.put("POS_CASH_balance", rows(
                row("SK_ID_PREV", 1000001, "MONTHS_BALANCE", -96, "CNT_INSTALMENT", 1.0,
                        "CNT_INSTALMENT_FUTURE", 0.0, "SK_DPD", 0, "SK_DPD_DEF", 0),
                row("SK_ID_PREV", 2845382, "MONTHS_BALANCE", -1, "CNT_INSTALMENT", 92.0,
                        "CNT_INSTALMENT_FUTURE", 85.0, "SK_DPD", 4231, "SK_DPD_DEF", 3595)));
        h.put("installments_payments", rows(
                row("SK_ID_PREV", 1000001, "NUM_INSTALMENT_VERSION", 0.0, "NUM_INSTALMENT_NUMBER", 1,
                        "DAYS_INSTALMENT", -2922.0, "DAYS_ENTRY_PAYMENT", -4921.0, "AMT_INSTALMENT", 0.0,
                        "AMT_PAYMENT", 0.0),
                row("SK_ID_PREV", 2845382, "NUM_INSTALMENT_VERSION", 178.0, "NUM_INSTALMENT_NUMBER", 277,
                        "DAYS_INSTALMENT", -1.0, "DAYS_ENTRY_PAYMENT", -1.0, "AMT_INSTALMENT", 3771487.845,
                        "AMT_PAYMENT", 3771487.845)));
        h.put("credit_card_balance", rows(
                row("SK_ID_PREV", 1000001, "MONTHS_BALANCE", -96, "AMT_BALANCE", -420250.185,
                        "AMT_CREDIT_LIMIT_ACTUAL", 0, "AMT_DRAWINGS_ATM_CURRENT", -6827.31,
                        "AMT_DRAWINGS_CURRENT", -6211.62, "AMT_DRAWINGS_OTHER_CURRENT", 0.0,
                        "AMT_DRAWINGS_POS_CURRENT", 0.0, "AMT_INST_MIN_REGULARITY", 0.0, "AMT_PAYMENT_CURRENT", 0.0,
                        "AMT_PAYMENT_TOTAL_CURRENT", 0.0, "AMT_RECEIVABLE_PRINCIPAL", -423305.82,
                        "AMT_RECIVABLE", -420250.185, "AMT_TOTAL_RECEIVABLE", -420250.185,
                        "CNT_DRAWINGS_ATM_CURRENT", 0.0, "CNT_DRAWINGS_CURRENT", 0, "CNT_INSTALMENT_MATURE_CUM", 0.0,
                        "SK_DPD", 0, "SK_DPD_DEF", 0),
                row("SK_ID_PREV", 2845382, "MONTHS_BALANCE", -1, "AMT_BALANCE", 1505902.185,
                        "AMT_CREDIT_LIMIT_ACTUAL", 1350000, "AMT_DRAWINGS_ATM_CURRENT", 2115000.0,
                        "AMT_DRAWINGS_CURRENT", 2287098.315, "AMT_PAYMENT_TOTAL_CURRENT", 4278315.69,
                        "CNT_DRAWINGS_CURRENT", 165, "CNT_INSTALMENT_MATURE_CUM", 120.0, "SK_DPD", 3260,
                        "SK_DPD_DEF", 3260)));

        assertEquals(List.of(), CHECK.problems(low, h, ""));
        assertEquals(List.of(), CHECK.problems(high, h, ""));
    }

    /** A line of the table that no column reaches (a misspelt pattern, or one hidden by a line above) is a bug. */
    @Test
    void everyLineOfTheTableDecidesSomeColumn() {
        HomeCreditSchema schema = HomeCreditSchema.load();
        Map<String, Table> tables = new LinkedHashMap<>();
        tables.put(Ranges.APPLICATION, schema.table(HomeCreditSchema.APPLICATION_TRAIN));
        for (String side : List.of("bureau", "bureau_balance", "previous_application", "POS_CASH_balance",
                "installments_payments", "credit_card_balance")) {
            tables.put(side, schema.table(side));
        }
        List<Ranges.Range> unused = new ArrayList<>(Ranges.all());
        tables.forEach((name, table) -> {
            for (Column column : table.columns()) {
                if (column.type() != ColumnType.TEXT) {
                    Ranges.all().stream().filter(r -> r.covers(name, column.name())).findFirst()
                            .ifPresent(unused::remove);
                }
            }
        });
        assertEquals(List.of(), unused);
    }
}
