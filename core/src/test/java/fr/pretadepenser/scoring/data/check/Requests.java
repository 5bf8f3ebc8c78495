package fr.pretadepenser.scoring.data.check;

import fr.pretadepenser.scoring.data.Vocabularies;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Valid requests as Jackson would parse them, and the hand-made vocabularies they are checked against. */
final class Requests {

    /** A part of a real model's vocabularies; the other text columns have none, so any text goes there. */
    static final Vocabularies VOCABULARIES = new Vocabularies(Map.ofEntries(
            Map.entry("application.NAME_CONTRACT_TYPE", List.of("Cash loans", "Revolving loans")),
            Map.entry("application.CODE_GENDER", List.of("F", "M", "XNA")),
            Map.entry("application.FLAG_OWN_CAR", List.of("N", "Y")),
            Map.entry("application.FLAG_OWN_REALTY", List.of("N", "Y")),
            Map.entry("application.NAME_INCOME_TYPE", List.of("Working", "Commercial associate", "Pensioner",
                    "State servant", "Unemployed", "Student", "Businessman", "Maternity leave")),
            Map.entry("application.OCCUPATION_TYPE", List.of("Accountants", "Cleaning staff", "Cooking staff",
                    "Core staff", "Drivers", "HR staff", "High skill tech staff", "IT staff", "Laborers",
                    "Low-skill Laborers", "Managers", "Medicine staff", "Private service staff", "Realty agents",
                    "Sales staff", "Secretaries", "Security staff", "Waiters/barmen staff")),
            Map.entry("application.ORGANIZATION_TYPE", organizations()),
            Map.entry("application.EMERGENCYSTATE_MODE", List.of()),
            Map.entry("bureau.CREDIT_ACTIVE", List.of("Active", "Bad debt", "Closed", "Sold")),
            Map.entry("bureau_balance.STATUS", List.of("0", "1", "2", "3", "4", "5", "C", "X")),
            Map.entry("previous_application.NAME_CONTRACT_STATUS",
                    List.of("Approved", "Canceled", "Refused", "Unused offer")),
            Map.entry("POS_CASH_balance.NAME_CONTRACT_STATUS", List.of("Active", "Completed", "Signed")),
            Map.entry("credit_card_balance.NAME_CONTRACT_STATUS", List.of("Active", "Completed", "Demand"))));

    static final ApplicationCheck CHECK = new ApplicationCheck(HomeCreditSchema.load(), VOCABULARIES);

    private Requests() {
    }

    /** A valid new application (no SK_ID_CURR), with the values Jackson gives: Integer, Double, String, null. */
    static Map<String, Object> application() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("NAME_CONTRACT_TYPE", "Cash loans");
        a.put("CODE_GENDER", "F");
        a.put("FLAG_OWN_CAR", "N");
        a.put("CNT_CHILDREN", 0);
        a.put("AMT_INCOME_TOTAL", 202500.0);
        a.put("AMT_CREDIT", 406597.5);
        a.put("AMT_ANNUITY", null);
        a.put("NAME_INCOME_TYPE", "Working");
        a.put("DAYS_BIRTH", -9461);
        a.put("DAYS_EMPLOYED", -637);
        a.put("EXT_SOURCE_2", 0.2629485927471776);
        a.put("FLAG_MOBIL", 1);
        a.put("REGION_RATING_CLIENT", 2);
        a.put("HOUR_APPR_PROCESS_START", 10);
        return a;
    }

    /** The same application with the client's SK_ID_CURR. */
    static Map<String, Object> application(long clientId) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("SK_ID_CURR", clientId);
        a.putAll(application());
        return a;
    }

    /** A valid history of one bureau credit with two months and one previous application with one of each. */
    static Map<String, Object> history() {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("bureau", rows(row("SK_ID_BUREAU", 5714462, "CREDIT_ACTIVE", "Closed", "DAYS_CREDIT", -497,
                "AMT_CREDIT_SUM", 91323.0, "AMT_CREDIT_SUM_DEBT", 0.0)));
        h.put("bureau_balance", rows(row("SK_ID_BUREAU", 5714462, "MONTHS_BALANCE", 0, "STATUS", "C"),
                row("SK_ID_BUREAU", 5714462, "MONTHS_BALANCE", -1, "STATUS", "0")));
        h.put("previous_application", rows(row("SK_ID_PREV", 1038818, "NAME_CONTRACT_STATUS", "Approved",
                "AMT_CREDIT", 179055.0, "DAYS_DECISION", -606, "DAYS_TERMINATION", 365243.0)));
        h.put("POS_CASH_balance", rows(row("SK_ID_PREV", 1038818, "MONTHS_BALANCE", -19, "CNT_INSTALMENT", 24.0,
                "NAME_CONTRACT_STATUS", "Active", "SK_DPD", 0)));
        h.put("installments_payments", rows(row("SK_ID_PREV", 1038818, "NUM_INSTALMENT_NUMBER", 1,
                "DAYS_INSTALMENT", -565.0, "AMT_PAYMENT", 9251.775)));
        h.put("credit_card_balance", rows(row("SK_ID_PREV", 1038818, "MONTHS_BALANCE", -6,
                "AMT_BALANCE", -1245.15, "NAME_CONTRACT_STATUS", "Active")));
        return h;
    }

    /** A mutable row from name, value pairs. */
    static Map<String, Object> row(Object... pairs) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            row.put((String) pairs[i], pairs[i + 1]);
        }
        return row;
    }

    /** A mutable list of rows. */
    @SafeVarargs
    static List<Object> rows(Map<String, Object>... rows) {
        return new ArrayList<>(List.of(rows));
    }

    /** The rows of one table of a history, to change in place. */
    @SuppressWarnings("unchecked")
    static List<Object> table(Map<String, Object> history, String table) {
        return (List<Object>) history.get(table);
    }

    /** The first row of one table of a history, to change in place. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> first(Map<String, Object> history, String table) {
        return (Map<String, Object>) table(history, table).get(0);
    }

    private static List<String> organizations() {
        List<String> names = new ArrayList<>(List.of("Advertising", "Agriculture", "Bank", "Cleaning",
                "Construction", "Culture", "Electricity", "Emergency", "Government", "Hotel", "Housing",
                "Insurance", "Kindergarten", "Legal Services", "Medicine", "Military", "Mobile", "Other", "Police",
                "Postal", "Realtor", "Religion", "Restaurant", "School", "Security", "Security Ministries",
                "Self-employed", "Services", "Telecom", "University", "XNA"));
        for (int i = 1; i <= 3; i++) {
            names.add("Business Entity Type " + i);
        }
        for (int i = 1; i <= 13; i++) {
            names.add("Industry: type " + i);
        }
        for (int i = 1; i <= 7; i++) {
            names.add("Trade: type " + i);
        }
        for (int i = 1; i <= 4; i++) {
            names.add("Transport: type " + i);
        }
        return names;
    }
}
