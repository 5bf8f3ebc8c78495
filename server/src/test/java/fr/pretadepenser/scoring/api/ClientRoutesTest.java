package fr.pretadepenser.scoring.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClientRoutesTest {

    @Test
    void searchIsPaginatedAndFiltered() throws Exception {
        TestServer server = TestServer.get();
        JsonNode first = TestServer.json(server.get(ApiServer.BASE + "/clients?limit=5", server.advisor()));
        assertEquals(server.resources().clients().size(), first.get("total").asLong());
        assertEquals(5, first.get("items").size());
        JsonNode second = TestServer.json(server.get(ApiServer.BASE + "/clients?limit=5&offset=5",
                server.advisor()));
        Set<Long> ids = new HashSet<>();
        first.get("items").forEach(i -> ids.add(i.get("clientId").asLong()));
        second.get("items").forEach(i -> assertTrue(ids.add(i.get("clientId").asLong()), "pages do not overlap"));

        String prefix = first.get("items").get(0).get("clientId").asText().substring(0, 4);
        JsonNode byPrefix = TestServer.json(server.get(ApiServer.BASE + "/clients?q=" + prefix + "&limit=100",
                server.advisor()));
        byPrefix.get("items").forEach(i -> assertTrue(i.get("clientId").asText().startsWith(prefix)));

        JsonNode high = TestServer.json(server.get(ApiServer.BASE + "/clients?band=high&contract=Cash%20loans",
                server.advisor()));
        high.get("items").forEach(i -> {
            assertEquals("HIGH", i.get("band").asText());
            assertEquals("refused", i.get("decision").asText());
            assertEquals("Cash loans", i.get("contractType").asText());
        });
    }

    @Test
    void badSearchParametersAreAllReported() throws Exception {
        TestServer server = TestServer.get();
        HttpResponse<String> response = server.get(ApiServer.BASE + "/clients?q=12a&limit=1000&band=purple&offset=-1",
                server.advisor());
        assertEquals(400, response.statusCode());
        Set<String> fields = new HashSet<>();
        TestServer.json(response).get("details").forEach(d -> fields.add(d.get("field").asText()));
        assertEquals(Set.of("query.q", "query.limit", "query.band", "query.offset"), fields);
    }

    @Test
    void aClientsDataComesWithLabelsAndHistory() throws Exception {
        TestServer server = TestServer.get();
        long id = server.withHistory().application().clientId();
        HttpResponse<String> response = server.get(ApiServer.BASE + "/clients/" + id + "?lang=en", server.advisor());
        assertEquals(200, response.statusCode(), response.body());
        JsonNode profile = TestServer.json(response);
        assertEquals(id, profile.get("summary").get("clientId").asLong());
        double days = ((Number) server.withHistory().application().get("DAYS_BIRTH")).doubleValue();
        assertEquals(-days / 365.25, profile.get("summary").get("ageYears").asDouble(), 1e-9);
        assertTrue(profile.get("sections").size() > 2);
        assertEquals(server.withHistory().history().orElseThrow().bureau().size(),
                profile.get("history").get("bureauCredits").asInt());
        assertEquals(404, server.get(ApiServer.BASE + "/clients/999999999", server.advisor()).statusCode());
    }

    @Test
    void aClientsCategoryKeepsItsCodeAndShowsItsLabelInTheRequestedLanguage() throws Exception {
        TestServer server = TestServer.get();
        long id = server.resources().clients().search(new fr.pretadepenser.scoring.portfolio.ClientQuery(null, null,
                "Working", null, 1, 0)).items().get(0).clientId();
        JsonNode income = null;
        for (JsonNode section : TestServer.json(server.get(ApiServer.BASE + "/clients/" + id + "?lang=fr",
                server.advisor())).get("sections")) {
            for (JsonNode field : section.get("fields")) {
                if (field.get("column").asText().equals("NAME_INCOME_TYPE")) {
                    income = field;
                }
            }
        }
        assertTrue(income != null, "the profile shows the income type");
        assertEquals("Working", income.get("raw").asText());
        assertEquals("Salarié", income.get("shown").asText());
        assertEquals("Type de revenu", income.get("label").asText());
    }

    @Test
    void searchResultsKeepTheCodesAndAddTheirLabelsInTheRequestedLanguage() throws Exception {
        TestServer server = TestServer.get();
        JsonNode fr = TestServer.json(server.get(ApiServer.BASE + "/clients?income=Working&limit=1&lang=fr",
                server.advisor())).get("items").get(0);
        assertEquals("Working", fr.get("incomeType").asText());
        assertEquals("Salarié", fr.get("incomeTypeLabel").asText());
        JsonNode en = TestServer.json(server.get(ApiServer.BASE + "/clients?income=Working&limit=1&lang=en",
                server.advisor())).get("items").get(0);
        assertEquals("Working", en.get("incomeTypeLabel").asText());
        assertEquals(fr.get("contractType").asText(), en.get("contractType").asText());
        assertEquals(400, server.get(ApiServer.BASE + "/clients?lang=de", server.advisor()).statusCode());
    }

    @Test
    void neighboursAreSimilarPastClients() throws Exception {
        TestServer server = TestServer.get();
        long id = server.withHistory().application().clientId();
        JsonNode neighbors = TestServer.json(server.get(ApiServer.BASE + "/clients/" + id + "/neighbors?k=7",
                server.advisor()));
        assertEquals(7, neighbors.get("neighbors").size());
        double previous = 0;
        int defaults = 0;
        for (JsonNode n : neighbors.get("neighbors")) {
            assertTrue(n.get("clientId").asLong() != id);
            assertTrue(n.get("distance").asDouble() >= previous);
            previous = n.get("distance").asDouble();
            defaults += n.get("outcome").asInt();
        }
        assertEquals(defaults / 7.0, neighbors.get("neighborDefaultRate").asDouble(), 1e-9);
        assertEquals(400, server.get(ApiServer.BASE + "/clients/" + id + "/neighbors?k=0", server.advisor())
                .statusCode());
    }
}
