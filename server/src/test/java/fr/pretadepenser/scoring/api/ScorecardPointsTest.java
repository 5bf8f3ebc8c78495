package fr.pretadepenser.scoring.api;

import com.fasterxml.jackson.databind.JsonNode;
import fr.pretadepenser.scoring.model.scorecard.Scorecard;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScorecardPointsTest {

    @Test
    void theScoreAnswerCarriesScorecardPointsThatSumToTheTotal() throws Exception {
        TestServer server = TestServer.get();
        JsonNode card = scorecard(server, "lang=en&detail=full");
        Scorecard scorecard = server.resources().bundle().manifest().scorecard();
        assertEquals(scorecard.variables().size(), card.get("variables").size());
        double sum = 0;
        for (JsonNode v : card.get("variables")) {
            sum += v.get("points").asDouble();
            assertFalse(v.get("bin").asText().isEmpty());
            assertFalse(v.get("label").asText().isEmpty());
            assertFalse(v.get("binLabel").asText().isEmpty());
        }
        assertEquals(card.get("total").asDouble(), sum, 0);
        assertEquals(scorecard.scale().probabilityAt(sum), card.get("probability").asDouble(), 1e-9);
        assertTrue(card.get("probability").asDouble() > 0 && card.get("probability").asDouble() < 1);
    }

    @Test
    void theDefaultAnswerCarriesTheScorecardsTotalWithoutItsLines() throws Exception {
        TestServer server = TestServer.get();
        JsonNode top = scorecard(server, "lang=en");
        JsonNode full = scorecard(server, "lang=en&detail=full");
        assertFalse(top.has("variables"), top.toString());
        assertTrue(full.get("variables").size() > 0, full.toString());
        assertEquals(full.get("total"), top.get("total"));
        assertEquals(full.get("probability"), top.get("probability"));
    }

    @Test
    void aFrenchAnswerWritesTheBinsWithFrenchNumbers() throws Exception {
        JsonNode card = scorecard(TestServer.get(), "lang=fr&detail=full");
        boolean interval = false;
        for (JsonNode v : card.get("variables")) {
            String bin = v.get("bin").asText();
            String label = v.get("binLabel").asText();
            if (bin.startsWith("(") && bin.contains(".") && !bin.contains("inf")) {
                // The exact bin keeps the model's name; the label reads ]0,352 ; 0,524].
                assertTrue(label.startsWith("]") && label.contains(" ; ") && !label.contains("."),
                        bin + " -> " + label);
                interval = true;
            }
        }
        assertTrue(interval, card.toString());
    }

    /** The scorecard of the score answer of the tests' stored client, asked with this query string. */
    private static JsonNode scorecard(TestServer server, String query) throws Exception {
        HttpResponse<String> response = server.get(ApiServer.BASE + "/clients/" + server.someClient() + "/score?"
                + query, server.advisor());
        assertEquals(200, response.statusCode(), response.body());
        return TestServer.json(response).get("scorecard");
    }
}
