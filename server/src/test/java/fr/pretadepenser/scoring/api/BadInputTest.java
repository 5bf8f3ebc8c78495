package fr.pretadepenser.scoring.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One caller mistake or more for every route the server registers: each is answered with the 4xx that names it and
 * an error body, never a 5xx. A route added without a case here fails {@link #everyRouteHasACase}.
 */
class BadInputTest {

    private static final String B = ApiServer.BASE;

    /**
     * A bad request and what it must get.
     *
     * @param route  the route template it exercises, as the server lists it
     * @param method GET, POST, PUT or DELETE
     * @param path   the path sent, with the bad input
     * @param body   the body, or null
     * @param role   {@code advisor}, {@code admin} or {@code none} (no credentials)
     * @param status the expected status
     */
    private record Case(String route, String method, String path, String body, String role, int status) {
    }

    private static final List<Case> CASES = List.of(
            new Case(B + HealthRoutes.HEALTH, "POST", B + HealthRoutes.HEALTH, "{}", "none", 404),
            new Case(B + HealthRoutes.READY, "DELETE", B + HealthRoutes.READY, null, "none", 404),
            new Case(B + SessionRoutes.SESSION, "POST", B + SessionRoutes.SESSION, "{\"name\": ", "none", 400),
            new Case(B + SessionRoutes.SESSION, "POST", B + SessionRoutes.SESSION, "{\"name\": 3}", "none", 400),
            new Case(B + SessionRoutes.SESSION, "GET", B + SessionRoutes.SESSION, null, "none", 401),
            new Case(B + SessionRoutes.SESSION, "DELETE", B + SessionRoutes.SESSION, null, "none", 401),
            new Case(B + ModelRoutes.MODEL, "GET", B + ModelRoutes.MODEL, null, "advisor", 403),
            new Case(B + ModelRoutes.SUMMARY, "GET", B + ModelRoutes.SUMMARY, null, "none", 401),
            new Case(B + ModelRoutes.CURRENT, "PUT", B + ModelRoutes.CURRENT, "{\"version\": \"x\"}", "advisor",
                    403),
            new Case(B + ModelRoutes.CURRENT, "PUT", B + ModelRoutes.CURRENT, "{\"version\": \"../../etc\"}",
                    "admin", 400),
            new Case(B + ModelRoutes.CURRENT, "PUT", B + ModelRoutes.CURRENT, "{\"version\": 7}", "admin", 400),
            new Case(B + ModelRoutes.CURRENT, "PUT", B + ModelRoutes.CURRENT, "{\"version\": \"20990101-000000-0\"}",
                    "admin", 404),
            new Case(B + ModelRoutes.IMPORTANCE, "GET", B + "/model/importance?lang=%00", null, "advisor", 400),
            new Case(B + ModelRoutes.REPORT, "GET", B + "/model/report/..%2F..%2Fetc%2Fpasswd", null, "advisor",
                    400),
            new Case(B + ModelRoutes.REPORT, "GET", B + "/model/report/nothing", null, "advisor", 400),
            new Case(B + DriftRoutes.DRIFT, "GET", B + DriftRoutes.DRIFT, null, "none", 401),
            new Case(B + PortfolioRoutes.PORTFOLIO, "GET", B + "/portfolio?bins=abc", null, "advisor", 400),
            new Case(B + PortfolioRoutes.PORTFOLIO, "GET", B + "/portfolio?bins=0", null, "advisor", 400),
            new Case(B + ClientRoutes.CLIENTS, "GET", B + "/clients?q=abc&band=PURPLE&limit=0", null, "advisor", 400),
            new Case(B + ClientRoutes.CLIENTS, "GET", B + "/clients?offset=-1", null, "advisor", 400),
            new Case(B + ClientRoutes.CLIENT, "GET", B + "/clients/not-a-number", null, "advisor", 400),
            new Case(B + ClientRoutes.CLIENT, "GET", B + "/clients/1", null, "advisor", 404),
            new Case(B + ClientRoutes.NEIGHBORS, "GET", B + "/clients/1/neighbors?k=0", null, "advisor", 400),
            new Case(B + ClientRoutes.NEIGHBORS, "GET", B + "/clients/1/neighbors", null, "advisor", 404),
            new Case(B + ScoreRoutes.CLIENT_SCORE, "GET", B + "/clients/-5/score", null, "advisor", 400),
            new Case(B + ScoreRoutes.CLIENT_SCORE, "GET", B + "/clients/1/score", null, "advisor", 404),
            new Case(B + ScoreRoutes.CLIENT_SCORE, "GET", B + "/clients/99999999999999999999/score", null,
                    "advisor", 400),
            new Case(B + ScoreRoutes.SCORE, "POST", B + ScoreRoutes.SCORE, "[1, 2]", "advisor", 400),
            new Case(B + ScoreRoutes.SCORE, "POST", B + ScoreRoutes.SCORE,
                    "{\"application\": {\"SK_ID_CURR\": \"x\", \"AMT_CREDIT\": -5}}", "advisor", 400),
            new Case(B + ScoreRoutes.SCORE, "POST", B + ScoreRoutes.SCORE, "{\"application\": {}} trailing",
                    "advisor", 400),
            new Case(B + ScoreRoutes.BATCH, "POST", B + ScoreRoutes.BATCH, "{\"applications\": []}", "advisor", 400),
            new Case(B + ScoreRoutes.BATCH, "POST", B + ScoreRoutes.BATCH, "{\"applications\": [7]}", "advisor", 400),
            new Case(B + ApplicationFieldRoutes.FIELDS, "POST", B + ApplicationFieldRoutes.FIELDS, "{}", "advisor",
                    404),
            new Case(B + FeatureRoutes.FEATURES, "GET", B + "/features?lang=de", null, "advisor", 400),
            new Case(B + FeatureRoutes.DISTRIBUTION, "GET", B + "/features/NO_SUCH_FEATURE/distribution?bins=500",
                    null, "advisor", 400),
            new Case(B + FeatureRoutes.DISTRIBUTION, "GET", B + "/features/EXT_SOURCE_3/distribution?client=1",
                    null, "advisor", 404),
            new Case(B + FeatureRoutes.SCATTER, "GET", B + "/features/EXT_SOURCE_3/scatter/EXT_SOURCE_2?sample=0",
                    null, "advisor", 400),
            new Case(B + UserRoutes.USERS, "GET", B + UserRoutes.USERS, null, "advisor", 403),
            new Case(B + UserRoutes.USERS, "POST", B + UserRoutes.USERS,
                    "{\"name\": \"Bad Name!\", \"role\": \"advisor\", \"password\": \"long enough password\"}",
                    "admin", 400),
            new Case(B + UserRoutes.USERS, "POST", B + UserRoutes.USERS,
                    "{\"name\": \"someone\", \"role\": \"pope\", \"password\": \"long enough password\"}", "admin",
                    400),
            new Case(B + UserRoutes.USERS, "POST", B + UserRoutes.USERS,
                    "{\"name\": \"anna\", \"role\": \"advisor\", \"password\": \"long enough password\"}", "admin",
                    409),
            new Case(B + UserRoutes.USER, "DELETE", B + "/users/nobody-here", null, "admin", 404),
            new Case(B + UserRoutes.KEYS, "POST", B + "/users/nobody-here/keys", null, "admin", 404),
            new Case(MetricsRoutes.METRICS, "GET", MetricsRoutes.METRICS, null, "advisor", 403));

    @Test
    void everyMistakeGetsItsClientErrorWithAnErrorBody() throws Exception {
        TestServer server = TestServer.get();
        List<String> wrong = new ArrayList<>();
        for (Case c : CASES) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.base() + c.path()))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .method(c.method(), c.body() == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(c.body()));
            if (!c.role().equals("none")) {
                request.header("X-API-Key", c.role().equals("admin") ? server.admin() : server.advisor());
            }
            HttpResponse<String> answer = server.send(request.build());
            JsonNode body = answer.body().isEmpty() ? null : TestServer.JSON.readTree(answer.body());
            if (answer.statusCode() != c.status() || body == null || !body.hasNonNull("error")
                    || !body.hasNonNull("message")) {
                wrong.add(c.method() + " " + c.path() + " -> " + answer.statusCode() + " " + answer.body());
            }
        }
        assertEquals(List.of(), wrong, "answers that are not the expected client error with an error body");
    }

    @Test
    void everyRouteHasACase() throws Exception {
        Set<String> covered = new LinkedHashSet<>();
        CASES.forEach(c -> covered.add(c.route()));
        List<String> missing = new ArrayList<>();
        for (String route : TestServer.routes()) {
            String path = route.split(" ", 2)[1];
            if (path.startsWith(ApiServer.OPENAPI) || path.startsWith(ApiServer.SWAGGER)
                    || path.startsWith("/webjars") || route.startsWith("HEAD") || route.startsWith("OPTIONS")) {
                continue;
            }
            if (!covered.contains(path)) {
                missing.add(route);
            }
        }
        assertTrue(covered.size() >= 20, "cases cover " + covered.size() + " routes");
        assertEquals(List.of(), missing, "routes without a bad-input case");
    }
}
