package fr.pretadepenser.scoring.portfolio;

import fr.pretadepenser.scoring.explain.Language;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClientProfileTest {

    static OpenedDirectory opened;
    static ClientDirectory directory;

    @BeforeAll
    static void openTheTinyBundlesDirectory() throws Exception {
        opened = OpenedDirectory.get();
        directory = opened.directory();
    }

    static Map<String, ClientField> fields(ClientProfile profile) {
        return profile.sections().stream().flatMap(s -> s.fields().stream())
                .collect(Collectors.toMap(ClientField::column, Function.identity()));
    }

    @Test
    void showsEveryApplicationColumnOnceInSections() throws Exception {
        long client = opened.count("SELECT min(SK_ID_CURR) FROM application_train");
        ClientProfile profile = directory.profile(client, Language.EN).orElseThrow();
        List<String> shown = profile.sections().stream().flatMap(s -> s.fields().stream()).map(ClientField::column)
                .toList();
        Set<String> expected = new HashSet<>(HomeCreditSchema.load().table(HomeCreditSchema.APPLICATION_TRAIN)
                .header());
        expected.removeAll(Set.of("SK_ID_CURR", "TARGET"));
        assertEquals(expected.size(), shown.size());
        assertEquals(expected, new HashSet<>(shown));
        assertEquals(List.of("identity", "employment", "loan", "housing", "building", "scores", "contact",
                "enquiries"), profile.sections().stream().map(ProfileSection::key).toList());
        assertEquals("Identity and family", profile.sections().get(0).title());
        assertEquals("DAYS_BIRTH", profile.sections().get(0).fields().get(1).column());
    }

    @Test
    void showsTheAgeInYearsAndAmountsWithGrouping() throws Exception {
        long client = opened.count("SELECT min(SK_ID_CURR) FROM application_train WHERE AMT_CREDIT >= 100000");
        long days = opened.count("SELECT DAYS_BIRTH FROM application_train WHERE SK_ID_CURR = " + client);
        double credit = opened.number(opened.database(), "SELECT AMT_CREDIT FROM application_train WHERE SK_ID_CURR = "
                + client).doubleValue();
        ClientProfile profile = directory.profile(client, Language.EN).orElseThrow();
        ClientField age = fields(profile).get("DAYS_BIRTH");
        assertEquals("Age", age.label());
        assertEquals("days", age.unit());
        assertEquals(days, age.raw());
        assertEquals(String.format(Locale.ROOT, "%.1f years", -days / 365.25), age.shown());
        assertEquals(-days / 365.25, profile.summary().ageYears(), 1e-9);
        ClientField amount = fields(profile).get("AMT_CREDIT");
        assertEquals("amount", amount.unit());
        assertEquals(credit, (Double) amount.raw(), 1e-9);
        assertEquals(String.format(Locale.UK, "%,.0f", credit), amount.shown());
        assertTrue(amount.shown().contains(","), amount.shown());
        ClientField french = fields(directory.profile(client, Language.FR).orElseThrow()).get("DAYS_BIRTH");
        assertEquals("Âge", french.label());
        assertEquals(String.format(Locale.FRANCE, "%.1f ans", -days / 365.25), french.shown());
    }

    @Test
    void showsACategoryByItsLabelAndKeepsTheStoredCode() throws Exception {
        long client = opened.count("SELECT min(SK_ID_CURR) FROM application_train WHERE NAME_INCOME_TYPE = 'Working'");
        ClientField french = fields(directory.profile(client, Language.FR).orElseThrow()).get("NAME_INCOME_TYPE");
        assertEquals("category", french.unit());
        assertEquals("Working", french.raw());
        assertEquals("Salarié", french.shown());
        assertEquals("Working", fields(directory.profile(client, Language.EN).orElseThrow()).get("NAME_INCOME_TYPE")
                .shown());
    }

    @Test
    void showsTheUnemploymentSentinelAsWordsNotAThousandYears() throws Exception {
        long client = opened.count("SELECT min(SK_ID_CURR) FROM application_train WHERE DAYS_EMPLOYED = 365243");
        ClientField en = fields(directory.profile(client, Language.EN).orElseThrow()).get("DAYS_EMPLOYED");
        assertEquals(365243L, en.raw());
        assertEquals("not employed / retired", en.shown());
        ClientField fr = fields(directory.profile(client, Language.FR).orElseThrow()).get("DAYS_EMPLOYED");
        assertEquals("sans emploi / retraité", fr.shown());
    }

    @Test
    void showsFlagsAsYesOrNoAndEmptyValuesAsNotKnown() throws Exception {
        long client = opened.count("SELECT min(SK_ID_CURR) FROM application_train WHERE FLAG_OWN_CAR = 'N'"
                + " AND FLAG_DOCUMENT_3 = 1 AND EXT_SOURCE_1 IS NULL");
        Map<String, ClientField> fields = fields(directory.profile(client, Language.EN).orElseThrow());
        assertEquals("no", fields.get("FLAG_OWN_CAR").shown());
        assertEquals("flag", fields.get("FLAG_DOCUMENT_3").unit());
        assertEquals("yes", fields.get("FLAG_DOCUMENT_3").shown());
        assertNull(fields.get("EXT_SOURCE_1").raw());
        assertEquals("not known", fields.get("EXT_SOURCE_1").shown());
    }

    @Test
    void givesTheVerdictAndTheOutcomeOfATrainingClientOnly() throws Exception {
        long train = opened.count("SELECT min(SK_ID_CURR) FROM application_train WHERE TARGET = 1");
        ClientProfile profile = directory.profile(train, Language.FR).orElseThrow();
        assertEquals(1, profile.summary().outcome());
        assertEquals(directory.probability(train).getAsDouble(), profile.summary().probability());
        long test = opened.count("SELECT max(SK_ID_CURR) FROM application_test");
        ClientProfile other = directory.profile(test, Language.FR).orElseThrow();
        assertEquals("test", other.summary().sample());
        assertNull(other.summary().outcome());
    }

    @Test
    void knowsNoProfileForAnUnknownClient() {
        assertTrue(directory.profile(1L, Language.EN).isEmpty());
        assertTrue(directory.profile(-5L, Language.FR).isEmpty());
    }

    @Test
    void sumsUpTheCreditHistoryAsTheRawTablesSay() throws Exception {
        // A client with rows in every side table, the most instalments among them.
        long client = opened.count("SELECT i.SK_ID_CURR FROM installments_payments i"
                + " WHERE i.SK_ID_CURR IN (SELECT SK_ID_CURR FROM bureau)"
                + " AND i.SK_ID_CURR IN (SELECT SK_ID_CURR FROM credit_card_balance)"
                + " AND i.SK_ID_CURR IN (SELECT SK_ID_CURR FROM POS_CASH_balance)"
                + " GROUP BY i.SK_ID_CURR ORDER BY count(*) DESC, i.SK_ID_CURR LIMIT 1");
        CreditHistory h = directory.profile(client, Language.EN).orElseThrow().history();
        String where = " WHERE SK_ID_CURR = " + client;
        assertEquals(opened.count("SELECT count(*) FROM bureau" + where), h.bureauCredits());
        assertEquals(opened.count("SELECT count(*) FROM bureau" + where + " AND CREDIT_ACTIVE = 'Active'"),
                h.bureauActive());
        assertEquals(opened.count("SELECT count(*) FROM bureau" + where + " AND CREDIT_ACTIVE = 'Closed'"),
                h.bureauClosed());
        assertEquals(OpenedDirectory.number(opened.database(), "SELECT coalesce(sum(AMT_CREDIT_SUM_DEBT), 0)"
                + " FROM bureau" + where).doubleValue(), h.bureauDebt(), 1e-6);
        assertEquals(opened.count("SELECT count(*) FROM previous_application" + where), h.previousApplications());
        assertEquals(opened.count("SELECT count(*) FROM previous_application" + where
                + " AND NAME_CONTRACT_STATUS = 'Approved'"), h.previousApproved());
        assertEquals(opened.count("SELECT count(*) FROM previous_application" + where
                + " AND NAME_CONTRACT_STATUS = 'Refused'"), h.previousRefused());
        String instalments = "(SELECT DISTINCT SK_ID_PREV, NUM_INSTALMENT_VERSION, NUM_INSTALMENT_NUMBER"
                + " FROM installments_payments" + where + ")";
        assertEquals(opened.count("SELECT count(*) FROM " + instalments), h.installments());
        assertTrue(h.installments() > 0);
        // Late: some payment of the instalment after its due day (the last payment is then late too).
        assertEquals(opened.count("SELECT count(*) FROM (SELECT DISTINCT SK_ID_PREV, NUM_INSTALMENT_VERSION,"
                + " NUM_INSTALMENT_NUMBER FROM installments_payments" + where
                + " AND DAYS_ENTRY_PAYMENT > DAYS_INSTALMENT)"), h.installmentsLate());
        assertEquals((double) h.installmentsLate() / h.installments(), h.lateShare(), 1e-12);
        assertEquals(opened.count("SELECT count(*) FROM (SELECT max(AMT_INSTALMENT) - sum(AMT_PAYMENT) AS short"
                + " FROM installments_payments" + where + " GROUP BY SK_ID_PREV, NUM_INSTALMENT_VERSION,"
                + " NUM_INSTALMENT_NUMBER) WHERE short > 0.01"), h.installmentsUnderpaid());
        assertEquals(opened.count("SELECT max(SK_DPD) FROM POS_CASH_balance" + where),
                h.posMaxDaysPastDue().longValue());
        assertEquals(opened.count("SELECT max(SK_DPD) FROM credit_card_balance" + where),
                h.cardMaxDaysPastDue().longValue());
        long latest = opened.count("SELECT max(MONTHS_BALANCE) FROM credit_card_balance" + where);
        double limit = OpenedDirectory.number(opened.database(), "SELECT sum(AMT_CREDIT_LIMIT_ACTUAL)"
                + " FROM credit_card_balance" + where + " AND MONTHS_BALANCE = " + latest).doubleValue();
        double balance = OpenedDirectory.number(opened.database(), "SELECT sum(AMT_BALANCE)"
                + " FROM credit_card_balance" + where + " AND MONTHS_BALANCE = " + latest).doubleValue();
        if (limit > 0) {
            assertEquals(balance / limit, h.cardUtilisation(), 1e-9);
        } else {
            assertNull(h.cardUtilisation());
        }
    }

    @Test
    void summarisesAnEmptyHistoryWithZerosAndNulls() throws Exception {
        Number client = OpenedDirectory.number(opened.database(), "SELECT min(SK_ID_CURR) FROM application_train"
                + " WHERE SK_ID_CURR NOT IN (SELECT SK_ID_CURR FROM bureau)"
                + " AND SK_ID_CURR NOT IN (SELECT SK_ID_CURR FROM previous_application)"
                + " AND SK_ID_CURR NOT IN (SELECT SK_ID_CURR FROM installments_payments)"
                + " AND SK_ID_CURR NOT IN (SELECT SK_ID_CURR FROM credit_card_balance)"
                + " AND SK_ID_CURR NOT IN (SELECT SK_ID_CURR FROM POS_CASH_balance)");
        if (client == null) {
            return;
        }
        assertEquals(new CreditHistory(0, 0, 0, 0, 0, 0, 0, 0, 0, null, 0, null, null, null),
                directory.profile(client.longValue(), Language.EN).orElseThrow().history());
    }
}
