package fr.pretadepenser.scoring.api;

import com.fasterxml.jackson.databind.JsonNode;
import fr.pretadepenser.scoring.portfolio.ClientQuery;
import fr.pretadepenser.scoring.portfolio.ClientSummary;
import fr.pretadepenser.scoring.score.RiskBand;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PortfolioRoutesTest {

    @Test
    void thePortfolioAddsUpToTheStoredClients() throws Exception {
        TestServer server = TestServer.get();
        HttpResponse<String> response = server.get(ApiServer.BASE + "/portfolio?bins=10", server.advisor());
        assertEquals(200, response.statusCode(), response.body());
        JsonNode p = TestServer.json(response);
        List<ClientSummary> all = server.resources().clients().search(new ClientQuery(null, null, null, null, 100, 0))
                .items();
        long total = server.resources().clients().size();
        assertEquals(total, p.get("clients").asLong());
        assertEquals(server.resources().bundle().manifest().threshold(), p.get("threshold").asDouble(), 0);
        assertEquals(10, p.get("bins").size());
        long inBins = 0;
        long trainInBins = 0;
        for (JsonNode b : p.get("bins")) {
            inBins += b.get("all").asLong();
            trainInBins += b.get("defaulters").asLong() + b.get("nonDefaulters").asLong();
        }
        assertEquals(total, inBins);
        assertEquals(p.get("trainingClients").asLong(), trainInBins);
        assertTrue(!all.isEmpty() && p.get("approvalRate").asDouble() > 0 && p.get("approvalRate").asDouble() <= 1);
        for (String segment : List.of("incomeType", "education", "ageBand")) {
            long clients = 0;
            for (JsonNode g : p.get("segments").get(segment)) {
                clients += g.get("clients").asLong();
            }
            assertEquals(total, clients, segment + " groups cover every client");
        }
        assertEquals("<30", p.get("segments").get("ageBand").get(0).get("value").asText(), "age bands young to old");
    }

    @Test
    void segmentsKeepTheStoredValueAndAddItsLabel() throws Exception {
        TestServer server = TestServer.get();
        for (String lang : List.of("fr", "en")) {
            JsonNode p = TestServer.json(server.get(ApiServer.BASE + "/portfolio?lang=" + lang, server.advisor()));
            boolean seen = false;
            for (JsonNode g : p.get("segments").get("incomeType")) {
                if (g.get("value").asText().equals("Working")) {
                    assertEquals(lang.equals("fr") ? "Salarié" : "Working", g.get("label").asText());
                    seen = true;
                }
            }
            assertTrue(seen, "the stored clients include wage earners");
            JsonNode age = p.get("segments").get("ageBand").get(0);
            assertEquals(age.get("value").asText(), age.get("label").asText(), "an age band is its own label");
        }
    }

    @Test
    void theApprovalRateIsTheShareBelowTheThreshold() throws Exception {
        TestServer server = TestServer.get();
        JsonNode p = TestServer.json(server.get(ApiServer.BASE + "/portfolio", server.advisor()));
        long granted = server.resources().clients().search(new ClientQuery(null, null, null,
                fr.pretadepenser.scoring.score.RiskBand.LOW, 1, 0)).total()
                + server.resources().clients().search(new ClientQuery(null, null, null,
                fr.pretadepenser.scoring.score.RiskBand.REVIEW, 1, 0)).total();
        assertEquals((double) granted / server.resources().clients().size(), p.get("approvalRate").asDouble(), 1e-12);
        assertEquals(20, p.get("bins").size(), "20 bins by default");
    }

    @Test
    void badBinsAreRefusedAndSignedOutCallersToo() throws Exception {
        TestServer server = TestServer.get();
        HttpResponse<String> response = server.get(ApiServer.BASE + "/portfolio?bins=0", server.advisor());
        assertEquals(400, response.statusCode());
        assertEquals("query.bins", TestServer.json(response).get("details").get(0).get("field").asText());
        assertEquals(401, server.get(ApiServer.BASE + "/portfolio", null).statusCode());
    }
}
