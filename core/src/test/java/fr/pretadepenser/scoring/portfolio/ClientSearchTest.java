package fr.pretadepenser.scoring.portfolio;

import fr.pretadepenser.scoring.explain.Language;
import fr.pretadepenser.scoring.schema.CategoryLabels;
import fr.pretadepenser.scoring.score.RiskBand;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClientSearchTest {

    static OpenedDirectory opened;
    static ClientDirectory directory;

    @BeforeAll
    static void openTheTinyBundlesDirectory() throws Exception {
        opened = OpenedDirectory.get();
        directory = opened.directory();
    }

    @Test
    void knowsEveryTrainingAndTestApplication() throws Exception {
        assertEquals(opened.count("SELECT (SELECT count(*) FROM application_train)"
                + " + (SELECT count(*) FROM application_test)"), directory.size());
        assertEquals(directory.size(), directory.search(ClientQuery.all(10)).total());
    }

    @Test
    void listsClientsInIdOrderPageAfterPage() throws Exception {
        List<Long> expected = new ArrayList<>();
        try (Statement s = opened.database().createStatement();
             ResultSet r = s.executeQuery("SELECT SK_ID_CURR FROM features ORDER BY SK_ID_CURR LIMIT 250")) {
            while (r.next()) {
                expected.add(r.getLong(1));
            }
        }
        List<Long> listed = new ArrayList<>();
        for (int offset = 0; offset < 250; offset += 100) {
            ClientPage page = directory.search(new ClientQuery(null, null, null, null, 100, offset));
            assertEquals(100, page.items().size());
            page.items().forEach(c -> listed.add(c.clientId()));
        }
        assertEquals(expected, listed.subList(0, 250));
    }

    @Test
    void findsClientsByTheStartOfTheirIdAsSqlDoes() throws Exception {
        for (String prefix : List.of("1", "100", "1001", "10012", "100123", "2", "0", "99999999999999999")) {
            long expected = opened.count("SELECT count(*) FROM features WHERE CAST(SK_ID_CURR AS VARCHAR) LIKE '"
                    + prefix + "%'");
            ClientPage page = directory.search(new ClientQuery(prefix, null, null, null, 100, 0));
            assertEquals(expected, page.total(), "prefix " + prefix);
            assertEquals(Math.min(expected, 100), page.items().size());
            page.items().forEach(c -> assertTrue(Long.toString(c.clientId()).startsWith(prefix)));
        }
    }

    @Test
    void filtersOnContractAndIncomeTypesAsSqlDoes() throws Exception {
        String applications = "(SELECT SK_ID_CURR, NAME_CONTRACT_TYPE, NAME_INCOME_TYPE FROM application_train"
                + " UNION ALL SELECT SK_ID_CURR, NAME_CONTRACT_TYPE, NAME_INCOME_TYPE FROM application_test)";
        long expected = opened.count("SELECT count(*) FROM " + applications
                + " WHERE NAME_CONTRACT_TYPE = 'Cash loans' AND NAME_INCOME_TYPE = 'Working'"
                + " AND CAST(SK_ID_CURR AS VARCHAR) LIKE '1000%'");
        ClientPage page = directory.search(new ClientQuery("1000", "Cash loans", "Working", null, 100, 0));
        assertTrue(expected > 0);
        assertEquals(expected, page.total());
        page.items().forEach(c -> {
            assertEquals("Cash loans", c.contractType());
            assertEquals("Working", c.incomeType());
        });
        assertEquals(0, directory.search(new ClientQuery(null, "cash loans", null, null, 10, 0)).total());
    }

    @Test
    void filtersOnTheRiskBandAtTheModelsThreshold() throws Exception {
        double threshold = opened.bundle().manifest().threshold();
        long total = 0;
        for (RiskBand band : RiskBand.values()) {
            double[] range = band.range(threshold);
            long expected = opened.count(String.format(Locale.ROOT, "SELECT count(*) FROM client_scores"
                    + " WHERE probability >= %s AND probability < %s", range[0], range[1] > 1 ? 2 : range[1]));
            ClientPage page = directory.search(new ClientQuery(null, null, null, band, 50, 0));
            assertEquals(expected, page.total(), band.name());
            page.items().forEach(c -> {
                assertEquals(band, c.band());
                assertEquals(c.probability() >= threshold ? "refused" : "granted", c.decision());
            });
            total += page.total();
        }
        assertEquals(directory.size(), total);
    }

    @Test
    void countsEveryMatchButReturnsOnlyTheAskedPage() {
        ClientPage first = directory.search(new ClientQuery("100", null, null, null, 7, 0));
        ClientPage second = directory.search(new ClientQuery("100", null, null, null, 7, 7));
        ClientPage beyond = directory.search(new ClientQuery("100", null, null, null, 7, 1_000_000));
        assertEquals(first.total(), second.total());
        assertEquals(first.total(), beyond.total());
        assertEquals(7, first.items().size());
        assertTrue(first.items().get(6).clientId() < second.items().get(0).clientId());
        assertEquals(List.of(), beyond.items());
    }

    @Test
    void listsTheCategoriesByTheirLabelsInTheAskedLanguageBesideTheirCodes() {
        ClientSummary fr = directory.search(new ClientQuery(null, "Cash loans", "Working", null, 1, 0), Language.FR)
                .items().get(0);
        assertEquals("Cash loans", fr.contractType());
        assertEquals("Working", fr.incomeType());
        assertEquals("Salarié", fr.incomeTypeLabel());
        assertEquals(CategoryLabels.load().french("application", "NAME_CONTRACT_TYPE", "Cash loans"),
                fr.contractTypeLabel());
        ClientSummary en = directory.summary(fr.clientId(), Language.EN).orElseThrow();
        assertEquals("Working", en.incomeType());
        assertEquals(CategoryLabels.load().english("application", "NAME_INCOME_TYPE", "Working"),
                en.incomeTypeLabel());
    }

    @Test
    void describesEachListedClient() throws Exception {
        ClientSummary train = directory.summary(opened.count("SELECT min(SK_ID_CURR) FROM application_train"),
                Language.FR).orElseThrow();
        long days = opened.count("SELECT DAYS_BIRTH FROM application_train WHERE SK_ID_CURR = " + train.clientId());
        assertEquals(-days / 365.25, train.ageYears(), 1e-9);
        assertEquals(opened.count("SELECT TARGET FROM application_train WHERE SK_ID_CURR = " + train.clientId()),
                train.outcome().longValue());
        assertEquals("train", train.sample());
        long testId = opened.count("SELECT min(SK_ID_CURR) FROM application_test");
        ClientSummary test = directory.summary(testId, Language.FR).orElseThrow();
        assertEquals("test", test.sample());
        assertEquals(null, test.outcome());
        assertEquals(directory.probability(testId).getAsDouble(), test.probability());
    }

    @Test
    void refusesPagesOutOfBoundsNamingTheParameter() {
        assertEquals("limit: 1 to 100 expected, got 0", assertThrows(IllegalArgumentException.class,
                () -> new ClientQuery(null, null, null, null, 0, 0)).getMessage());
        assertEquals("limit: 1 to 100 expected, got 101", assertThrows(IllegalArgumentException.class,
                () -> new ClientQuery(null, null, null, null, 101, 0)).getMessage());
        assertEquals("offset: 0 to 1000000 expected, got -1", assertThrows(IllegalArgumentException.class,
                () -> new ClientQuery(null, null, null, null, 10, -1)).getMessage());
        assertEquals("offset: 0 to 1000000 expected, got 1000001", assertThrows(IllegalArgumentException.class,
                () -> new ClientQuery(null, null, null, null, 10, 1_000_001)).getMessage());
        assertEquals("idPrefix: digits only (at most 19) expected, got \"10%\"",
                assertThrows(IllegalArgumentException.class,
                        () -> new ClientQuery("10%", null, null, null, 10, 0)).getMessage());
        assertEquals(null, new ClientQuery("", "", "", null, 10, 0).idPrefix());
    }
}
