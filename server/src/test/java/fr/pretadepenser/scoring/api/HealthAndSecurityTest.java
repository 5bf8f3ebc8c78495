package fr.pretadepenser.scoring.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HealthAndSecurityTest {

    @Test
    void healthAndReadinessAnswerWithoutCredentials() throws Exception {
        TestServer server = TestServer.get();
        HttpResponse<String> health = server.get(ApiServer.BASE + HealthRoutes.HEALTH, null);
        assertEquals(200, health.statusCode());
        assertEquals("up", TestServer.json(health).get("status").asText());
        HttpResponse<String> ready = server.get(ApiServer.BASE + HealthRoutes.READY, null);
        assertEquals(200, ready.statusCode(), ready.body());
        JsonNode body = TestServer.json(ready);
        assertTrue(body.get("ready").asBoolean());
        assertEquals(server.resources().bundle().manifest().version(), body.get("modelVersion").asText());
        assertEquals(server.resources().clients().size(), body.get("clients").asInt());
        assertTrue(body.get("warm").asBoolean(), "no warm-up was started: " + body);
    }

    @Test
    void everyOtherRouteNeedsCredentials() throws Exception {
        TestServer server = TestServer.get();
        for (String path : new String[]{"/clients", "/clients/100002", "/clients/100002/score", "/model/importance",
                "/features"}) {
            HttpResponse<String> response = server.get(ApiServer.BASE + path, null);
            assertEquals(401, response.statusCode(), path);
            assertEquals("unauthenticated", TestServer.json(response).get("error").asText());
            assertEquals(401, server.get(ApiServer.BASE + path, "pad_nokey_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")
                    .statusCode(), path + " with a made-up key");
        }
        assertEquals(401, server.post(ApiServer.BASE + ScoreRoutes.SCORE, "{}", null).statusCode());
        assertEquals(401, server.get(MetricsRoutes.METRICS, null).statusCode());
    }

    @Test
    void adminRoutesRefuseAdvisors() throws Exception {
        TestServer server = TestServer.get();
        HttpResponse<String> model = server.get(ApiServer.BASE + ModelRoutes.MODEL, server.advisor());
        assertEquals(403, model.statusCode());
        assertEquals("forbidden", TestServer.json(model).get("error").asText());
        assertEquals(403, server.get(ApiServer.BASE + UserRoutes.USERS, server.advisor()).statusCode());
        assertEquals(403, server.get(MetricsRoutes.METRICS, server.advisor()).statusCode());
        assertEquals(200, server.get(ApiServer.BASE + ModelRoutes.MODEL, server.admin()).statusCode());
    }

    @Test
    void bearerTokensWorkLikeTheKeyHeader() throws Exception {
        TestServer server = TestServer.get();
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.base() + MetricsRoutes.METRICS))
                .header("Authorization", "Bearer " + server.admin()).GET().build();
        HttpResponse<String> metrics = server.send(request);
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.body().contains("scoring_model_version{version=\"" + server.resources().bundle().manifest()
                .version() + "\"} 1"), "no model version gauge");
        assertTrue(metrics.body().contains("http_server_requests"), "no request metrics");
    }

    @Test
    void answersCarryProtectionsAndTheRequestId() throws Exception {
        TestServer server = TestServer.get();
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.base() + ApiServer.BASE + "/clients"))
                .header("X-API-Key", server.advisor()).header("X-Request-Id", "trace-42").GET().build();
        HttpResponse<String> response = server.send(request);
        assertEquals("trace-42", response.headers().firstValue("X-Request-Id").orElseThrow());
        assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElseThrow());
        assertEquals("DENY", response.headers().firstValue("X-Frame-Options").orElseThrow());
        assertTrue(response.headers().firstValue("Content-Security-Policy").orElseThrow()
                .contains("frame-ancestors 'none'"));
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElseThrow());
        HttpRequest odd = HttpRequest.newBuilder(URI.create(server.base() + ApiServer.BASE + "/health"))
                .header("X-Request-Id", "<script>").GET().build();
        String id = server.send(odd).headers().firstValue("X-Request-Id").orElseThrow();
        assertFalse(id.contains("<"), "an unsafe request id is replaced");
    }

    @Test
    void unknownRoutesAnswerJson() throws Exception {
        TestServer server = TestServer.get();
        HttpResponse<String> response = server.get(ApiServer.BASE + "/nothing-here", server.advisor());
        assertEquals(404, response.statusCode());
        assertNotNull(TestServer.json(response).get("message"));
    }
}
