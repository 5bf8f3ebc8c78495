package fr.pretadepenser.scoring.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FeatureRoutesTest {

    @Test
    void featuresAreListedInTheModelsOrder() throws Exception {
        TestServer server = TestServer.get();
        JsonNode features = TestServer.json(server.get(ApiServer.BASE + FeatureRoutes.FEATURES, server.advisor()));
        assertEquals(server.resources().bundle().features().featureNames().size(), features.size());
        assertEquals(server.resources().bundle().features().featureNames().get(0), features.get(0).get("name")
                .asText());
    }

    @Test
    void aDistributionPlacesTheClient() throws Exception {
        TestServer server = TestServer.get();
        long id = server.withHistory().application().clientId();
        HttpResponse<String> response = server.get(ApiServer.BASE + "/features/EXT_SOURCE_2/distribution?client="
                + id + "&bins=10", server.advisor());
        assertEquals(200, response.statusCode(), response.body());
        JsonNode distribution = TestServer.json(response);
        assertEquals(10, distribution.get("bins").size());
        long all = 0;
        long withOutcome = 0;
        for (JsonNode bin : distribution.get("bins")) {
            withOutcome += bin.get("defaulters").asLong() + bin.get("nonDefaulters").asLong();
            // Test clients count in "all" but have no outcome.
            assertTrue(bin.get("defaulters").asLong() + bin.get("nonDefaulters").asLong() <= bin.get("all").asLong());
            all += bin.get("all").asLong();
        }
        assertEquals(distribution.get("count").asLong(), all, "every client with a value is in a bin");
        assertEquals(distribution.get("trainCount").asLong(), withOutcome);
        JsonNode client = distribution.get("client");
        assertEquals(id, client.get("clientId").asLong());
        double percentile = client.get("percentile").asDouble();
        assertTrue(percentile >= 0 && percentile <= 1, "percentile " + percentile);
    }

    @Test
    void aScatterSampleIsStable() throws Exception {
        TestServer server = TestServer.get();
        String path = ApiServer.BASE + "/features/EXT_SOURCE_2/scatter/EXT_SOURCE_3?sample=200";
        String once = server.get(path, server.advisor()).body();
        assertEquals(once, server.get(path, server.advisor()).body());
        assertTrue(TestServer.json(server.get(path, server.advisor())).get("points").size() <= 200);
    }

    @Test
    void unknownFeaturesAndClientsAreClientErrors() throws Exception {
        TestServer server = TestServer.get();
        HttpResponse<String> unknown = server.get(ApiServer.BASE + "/features/DROP%20TABLE%20x/distribution",
                server.advisor());
        assertEquals(400, unknown.statusCode());
        assertEquals("path.name", TestServer.json(unknown).get("details").get(0).get("field").asText());
        assertEquals(404, server.get(ApiServer.BASE + "/features/EXT_SOURCE_2/distribution?client=999999999",
                server.advisor()).statusCode());
        assertEquals(400, server.get(ApiServer.BASE + "/features/EXT_SOURCE_2/distribution?bins=0",
                server.advisor()).statusCode());
    }
}
