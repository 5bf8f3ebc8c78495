package fr.pretadepenser.scoring.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpenApiTest {

    @Test
    void everyRegisteredRouteIsDocumented() throws Exception {
        TestServer server = TestServer.get();
        HttpResponse<String> response = server.get(ApiServer.OPENAPI, server.advisor());
        assertEquals(200, response.statusCode(), response.body());
        JsonNode paths = TestServer.json(response).get("paths");
        List<String> missing = new ArrayList<>();
        int checked = 0;
        for (String route : TestServer.routes()) {
            String[] parts = route.split(" ", 2);
            String path = parts[1];
            // The documentation's own pages are the plugins'; everything else must be in the document.
            if (path.startsWith(ApiServer.OPENAPI) || path.startsWith(ApiServer.SWAGGER) || path.startsWith("/webjars")
                    || parts[0].equals("HEAD") || parts[0].equals("OPTIONS")) {
                continue;
            }
            checked++;
            JsonNode operations = paths.get(path);
            if (operations == null || operations.get(parts[0].toLowerCase(Locale.ROOT)) == null) {
                missing.add(route);
            }
        }
        assertTrue(checked >= 20, "only " + checked + " routes found");
        assertEquals(List.of(), missing, "routes registered but not in the OpenAPI document");
    }

    @Test
    void documentedSchemasDescribeTheScoreAnswer() throws Exception {
        TestServer server = TestServer.get();
        JsonNode spec = TestServer.json(server.get(ApiServer.OPENAPI, server.advisor()));
        JsonNode schemas = spec.path("components").path("schemas");
        JsonNode score = schemas.path("ScoreView").path("properties");
        for (String field : List.of("probability", "decision", "band", "threshold", "baseValue", "contributions",
                "against", "inFavour")) {
            assertTrue(score.has(field), "ScoreView." + field + " is not documented: " + score);
        }
        assertTrue(spec.path("components").path("securitySchemes").has(Authentication.API_KEY_SCHEME));
    }

    @Test
    void theDocumentAndSwaggerNeedCredentials() throws Exception {
        TestServer server = TestServer.get();
        assertEquals(401, server.get(ApiServer.OPENAPI, null).statusCode());
        assertEquals(200, server.get(ApiServer.SWAGGER, server.advisor()).statusCode());
    }
}
