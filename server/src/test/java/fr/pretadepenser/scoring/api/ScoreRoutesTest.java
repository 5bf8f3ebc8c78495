package fr.pretadepenser.scoring.api;

import com.fasterxml.jackson.databind.JsonNode;
import fr.pretadepenser.scoring.data.Application;
import fr.pretadepenser.scoring.data.ClientRecords;
import fr.pretadepenser.scoring.data.check.ApplicationCheck;
import fr.pretadepenser.scoring.portfolio.ClientQuery;
import fr.pretadepenser.scoring.score.ApplicationScoring;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScoreRoutesTest {

    private static Map<String, Object> application(TestServer server, long id) {
        Application stored = server.resources().features().storedApplication(id).orElseThrow();
        return new LinkedHashMap<>(stored.values());
    }

    private static String body(Object request) throws Exception {
        return TestServer.JSON.writeValueAsString(request);
    }

    @Test
    void aStoredClientsScoreAddsUpAndMatchesTheDecision() throws Exception {
        TestServer server = TestServer.get();
        long id = server.someClient();
        HttpResponse<String> response = server.get(ApiServer.BASE + "/clients/" + id + "/score?lang=en",
                server.advisor());
        assertEquals(200, response.statusCode(), response.body());
        JsonNode score = TestServer.json(response);
        double sum = score.get("baseValue").asDouble();
        for (JsonNode c : score.get("contributions")) {
            sum += c.get("value").asDouble();
        }
        sum += score.get("omitted").get("value").asDouble();
        assertEquals(score.get("margin").asDouble(), sum, 1e-3, "base value + contributions + omitted = model output");
        double p = score.get("probability").asDouble();
        assertEquals(1 / (1 + Math.exp(-score.get("margin").asDouble())), p, 1e-6);
        double threshold = server.resources().bundle().manifest().threshold();
        assertEquals(threshold, score.get("threshold").asDouble());
        assertEquals(p >= threshold ? "refused" : "granted", score.get("decision").asText());
        assertEquals(p >= threshold ? "HIGH" : p >= 0.6 * threshold ? "REVIEW" : "LOW", score.get("band").asText());
        assertEquals("stored", score.get("history").asText());
        assertEquals(id, score.get("clientId").asLong());
        assertTrue(score.get("against").size() <= 4 && score.get("inFavour").size() <= 4);
        for (JsonNode reason : score.get("against")) {
            assertTrue(reason.get("contribution").asDouble() > 0);
            assertTrue(reason.get("sentence").asText().length() > 5);
        }
        // No one-hot fragments: one contribution per original variable.
        List<String> variables = new java.util.ArrayList<>();
        score.get("contributions").forEach(c -> variables.add(c.get("table").asText() + "." + c.get("variable")
                .asText()));
        assertEquals(variables.size(), variables.stream().distinct().count());
        assertTrue(variables.stream().noneMatch(v -> v.startsWith("application.NAME_INCOME_TYPE_")), "" + variables);
    }

    @Test
    void theDefaultAnswerIsTheHeadOfTheFullOneInEachDirection() throws Exception {
        TestServer server = TestServer.get();
        long id = server.someClient();
        assertTopIsTheHeadOfFull(
                TestServer.json(server.get(ApiServer.BASE + "/clients/" + id + "/score?lang=en", server.advisor())),
                TestServer.json(server.get(ApiServer.BASE + "/clients/" + id + "/score?lang=en&detail=full",
                        server.advisor())));
    }

    @Test
    void anEditedApplicationsDefaultAnswerIsTheHeadOfItsFullOneToo() throws Exception {
        TestServer server = TestServer.get();
        Map<String, Object> application = application(server, server.someClient());
        application.put("AMT_INCOME_TOTAL", ((Number) application.get("AMT_INCOME_TOTAL")).doubleValue() * 1.5);
        String body = body(Map.of("application", application));
        HttpResponse<String> top = server.post(ApiServer.BASE + "/score?lang=en", body, server.advisor());
        HttpResponse<String> full = server.post(ApiServer.BASE + "/score?lang=en&detail=full", body,
                server.advisor());
        assertEquals(200, top.statusCode(), top.body());
        assertEquals(200, full.statusCode(), full.body());
        assertTopIsTheHeadOfFull(TestServer.json(top), TestServer.json(full));
        HttpResponse<String> batch = server.post(ApiServer.BASE + "/score/batch?lang=en",
                body(Map.of("applications", List.of(Map.of("application", application)))), server.advisor());
        assertEquals(TestServer.json(top), TestServer.json(batch).get("scores").get(0));
        assertEquals(400, server.post(ApiServer.BASE + "/score?detail=all", body, server.advisor()).statusCode());
    }

    private static void assertTopIsTheHeadOfFull(JsonNode top, JsonNode full) {
        List<JsonNode> all = new java.util.ArrayList<>();
        full.get("contributions").forEach(all::add);
        List<JsonNode> kept = new java.util.ArrayList<>();
        top.get("contributions").forEach(kept::add);
        assertTrue(all.size() > 2 * ScoreView.TOP_PER_DIRECTION, "the tiny model uses more variables than a default"
                + " answer shows, so that the test cuts something: " + all.size());
        for (boolean towardDefault : new boolean[]{true, false}) {
            List<JsonNode> head = all.stream().filter(c -> c.get("value").asDouble() > 0 == towardDefault)
                    .limit(ScoreView.TOP_PER_DIRECTION).toList();
            assertEquals(head, kept.stream().filter(c -> c.get("value").asDouble() > 0 == towardDefault).toList());
        }
        // The full list's order is kept, and what is left out is counted and summed.
        assertEquals(kept, all.stream().filter(kept::contains).toList());
        double rest = all.stream().filter(c -> !kept.contains(c)).mapToDouble(c -> c.get("value").asDouble()).sum();
        assertEquals(all.size() - kept.size(), top.get("omitted").get("count").asInt());
        // Within single precision: the answer writes each contribution as TreeSHAP's float.
        assertEquals(rest, top.get("omitted").get("value").asDouble(), 1e-5);
        assertFalse(full.has("omitted"));
        // Everything else is the same answer.
        com.fasterxml.jackson.databind.node.ObjectNode a = top.deepCopy();
        com.fasterxml.jackson.databind.node.ObjectNode b = full.deepCopy();
        a.remove(List.of("contributions", "omitted"));
        b.remove(List.of("contributions", "omitted"));
        // but for the scorecard's points per variable, which come with the full one only.
        if (b.has("scorecard")) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) b.get("scorecard")).remove("variables");
        }
        assertEquals(b, a);
    }

    @Test
    void aDefaultAnswerStaysUnderFourKilobytesInEitherLanguage() throws Exception {
        TestServer server = TestServer.get();
        int largest = 0;
        // A page of 100 clients (ClientQuery's limit, then offset): label and sentence lengths vary by client.
        for (var client : server.resources().clients().search(new ClientQuery(null, null, null, null, 100, 0))
                .items()) {
            for (String lang : new String[]{"fr", "en"}) {
                HttpResponse<String> response = server.get(ApiServer.BASE + "/clients/" + client.clientId()
                        + "/score?lang=" + lang, server.advisor());
                assertEquals(200, response.statusCode(), response.body());
                largest = Math.max(largest, response.body().getBytes(StandardCharsets.UTF_8).length);
            }
        }
        // The bound for the default answer; every contribution and the scorecard's lines need detail=full.
        assertTrue(largest <= 4096, "largest default answer: " + largest + " bytes");
    }

    @Test
    void anUnknownDetailIsRefusedNamingTheParameter() throws Exception {
        TestServer server = TestServer.get();
        HttpResponse<String> response = server.get(ApiServer.BASE + "/clients/" + server.someClient()
                + "/score?detail=everything", server.advisor());
        assertEquals(400, response.statusCode());
        assertEquals("query.detail", TestServer.json(response).get("details").get(0).get("field").asText());
        assertEquals("expected 'top' or 'full', got 'everything'",
                TestServer.json(response).get("details").get(0).get("problem").asText());
    }

    @Test
    void sentencesFollowTheLanguageAsked() throws Exception {
        TestServer server = TestServer.get();
        long id = server.someClient();
        JsonNode fr = TestServer.json(server.get(ApiServer.BASE + "/clients/" + id + "/score?lang=fr",
                server.advisor()));
        HttpRequest english = HttpRequest.newBuilder(URI.create(server.base() + ApiServer.BASE + "/clients/" + id
                + "/score")).header("X-API-Key", server.advisor()).header("Accept-Language", "en-GB,en;q=0.8")
                .GET().build();
        JsonNode en = TestServer.json(server.send(english));
        assertEquals("FR", fr.get("language").asText());
        assertEquals("EN", en.get("language").asText());
        assertEquals(fr.get("probability").asDouble(), en.get("probability").asDouble());
        assertNotEquals(fr.get("contributions").get(0).get("label").asText() + fr.get("against").toString(),
                en.get("contributions").get(0).get("label").asText() + en.get("against").toString());
        assertEquals(400, server.get(ApiServer.BASE + "/clients/" + id + "/score?lang=de", server.advisor())
                .statusCode());
    }

    @Test
    void formsLearnTheRequiredFieldsAndCategoriesTheCheckAccepts() throws Exception {
        TestServer server = TestServer.get();
        JsonNode fields = TestServer.json(server.get(ApiServer.BASE + ApplicationFieldRoutes.FIELDS,
                server.advisor()));
        List<String> required = new java.util.ArrayList<>();
        fields.get("required").forEach(r -> required.add(r.asText()));
        assertEquals(fr.pretadepenser.scoring.data.check.ApplicationCheck.REQUIRED, required);
        List<String> incomes = new java.util.ArrayList<>();
        fields.get("categories").get("NAME_INCOME_TYPE").forEach(v -> incomes.add(v.asText()));
        assertEquals(server.resources().bundle().features().vocabularies().of("application", "NAME_INCOME_TYPE"),
                incomes);
        // The codes stay what a form sends; the labels, in the requested language (French by default), what it shows.
        JsonNode labels = fields.get("labels");
        assertEquals("Salarié", labels.get("NAME_INCOME_TYPE").get("Working").asText());
        assertEquals(incomes.size(), labels.get("NAME_INCOME_TYPE").size());
        JsonNode english = TestServer.json(server.get(ApiServer.BASE + ApplicationFieldRoutes.FIELDS + "?lang=en",
                server.advisor()));
        assertEquals("Working", english.get("labels").get("NAME_INCOME_TYPE").get("Working").asText());
        assertEquals(400, server.get(ApiServer.BASE + ApplicationFieldRoutes.FIELDS + "?lang=de", server.advisor())
                .statusCode());
    }

    @Test
    void unknownAndMalformedClientIds() throws Exception {
        TestServer server = TestServer.get();
        HttpResponse<String> unknown = server.get(ApiServer.BASE + "/clients/999999999/score", server.advisor());
        assertEquals(404, unknown.statusCode());
        assertEquals("not_found", TestServer.json(unknown).get("error").asText());
        HttpResponse<String> malformed = server.get(ApiServer.BASE + "/clients/abc/score", server.advisor());
        assertEquals(400, malformed.statusCode());
        assertEquals("path.id", TestServer.json(malformed).get("details").get(0).get("field").asText());
    }

    @Test
    void anEditedApplicationIsScoredWithTheStoredHistory() throws Exception {
        TestServer server = TestServer.get();
        long id = server.someClient();
        Map<String, Object> application = application(server, id);
        JsonNode same = TestServer.json(server.post(ApiServer.BASE + ScoreRoutes.SCORE,
                body(Map.of("application", application)), server.advisor()));
        JsonNode stored = TestServer.json(server.get(ApiServer.BASE + "/clients/" + id + "/score", server.advisor()));
        assertEquals("stored", same.get("history").asText());
        assertEquals(stored.get("probability").asDouble(), same.get("probability").asDouble(), 1e-9);

        application.put("AMT_CREDIT", ((Number) application.get("AMT_CREDIT")).doubleValue() * 3);
        application.put("EXT_SOURCE_3", 0.02);
        JsonNode edited = TestServer.json(server.post(ApiServer.BASE + ScoreRoutes.SCORE,
                body(Map.of("application", application)), server.advisor()));
        assertNotEquals(stored.get("probability").asDouble(), edited.get("probability").asDouble(),
                "what if: a changed application changes the score");
    }

    @Test
    void aNewApplicationWithItsHistoryScoresLikeTheStoredClient() throws Exception {
        TestServer server = TestServer.get();
        ClientRecords records = server.withHistory();
        long id = records.application().clientId();
        HttpResponse<String> response = server.post(ApiServer.BASE + ScoreRoutes.SCORE,
                body(ApplicationScoring.request(records)), server.advisor());
        assertEquals(200, response.statusCode(), response.body());
        JsonNode sent = TestServer.json(response);
        JsonNode stored = TestServer.json(server.get(ApiServer.BASE + "/clients/" + id + "/score", server.advisor()));
        assertEquals("sent", sent.get("history").asText());
        assertEquals(stored.get("probability").asDouble(), sent.get("probability").asDouble(), 1e-5,
                "features computed online from the rows equal the stored batch features");
    }

    @Test
    void everyProblemOfAnApplicationIsReportedAtOnce() throws Exception {
        TestServer server = TestServer.get();
        Map<String, Object> application = application(server, server.someClient());
        application.put("DAYS_BIRTH", 1000);
        application.put("AMT_CREDIT", -5);
        application.put("NAME_INCOME_TYPE", "Astronaut");
        application.put("CNT_CHILDREN", "two");
        HttpResponse<String> response = server.post(ApiServer.BASE + ScoreRoutes.SCORE,
                body(Map.of("application", application)), server.advisor());
        assertEquals(400, response.statusCode(), response.body());
        JsonNode error = TestServer.json(response);
        assertEquals("invalid_application", error.get("error").asText());
        List<String> fields = new java.util.ArrayList<>();
        error.get("details").forEach(d -> fields.add(d.get("field").asText()));
        assertTrue(fields.containsAll(List.of("application.DAYS_BIRTH", "application.AMT_CREDIT",
                "application.NAME_INCOME_TYPE", "application.CNT_CHILDREN")), fields.toString());
        assertTrue(error.toString().contains("Working"), "unknown categories list the allowed ones");
    }

    @Test
    void malformedBodiesAreClientErrors() throws Exception {
        TestServer server = TestServer.get();
        String path = ApiServer.BASE + ScoreRoutes.SCORE;
        assertEquals(400, server.post(path, "{\"application\": {", server.advisor()).statusCode());
        assertEquals(400, server.post(path, "{\"application\": {\"AMT_CREDIT\": NaN}}", server.advisor())
                .statusCode());
        assertEquals(400, server.post(path, "{\"application\": {}, \"application\": {}}", server.advisor())
                .statusCode(), "duplicate keys");
        assertEquals(400, server.post(path, "[]", server.advisor()).statusCode());
        assertEquals(400, server.post(path, "", server.advisor()).statusCode());
        HttpRequest text = HttpRequest.newBuilder(URI.create(server.base() + path)).header("X-API-Key",
                server.advisor()).header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build();
        assertEquals(415, server.send(text).statusCode());
        String huge = "{\"application\": {\"NAME_CONTRACT_TYPE\": \"" + "x".repeat(2 << 20) + "\"}}";
        HttpResponse<String> tooLarge = server.post(path, huge, server.advisor());
        assertEquals(413, tooLarge.statusCode());
        assertEquals("body_too_large", TestServer.json(tooLarge).get("error").asText());
    }

    @Test
    void aBatchIsScoredInOrderOrRefusedWhole() throws Exception {
        TestServer server = TestServer.get();
        List<Long> ids = server.resources().clients().search(new ClientQuery(null, null, null, null, 3, 0)).items()
                .stream().map(s -> s.clientId()).toList();
        List<Object> applications = new java.util.ArrayList<>();
        for (long id : ids) {
            applications.add(Map.of("application", application(server, id)));
        }
        HttpResponse<String> response = server.post(ApiServer.BASE + ScoreRoutes.BATCH,
                body(Map.of("applications", applications)), server.advisor());
        assertEquals(200, response.statusCode(), response.body());
        JsonNode batch = TestServer.json(response);
        assertEquals(3, batch.get("count").asInt());
        for (int i = 0; i < ids.size(); i++) {
            JsonNode one = TestServer.json(server.get(ApiServer.BASE + "/clients/" + ids.get(i) + "/score",
                    server.advisor()));
            assertEquals(ids.get(i), batch.get("scores").get(i).get("clientId").asLong());
            assertEquals(one.get("probability").asDouble(), batch.get("scores").get(i).get("probability").asDouble(),
                    1e-9);
        }

        Map<String, Object> bad = application(server, ids.get(1));
        bad.put("AMT_INCOME_TOTAL", -1);
        applications.set(1, Map.of("application", bad));
        HttpResponse<String> refused = server.post(ApiServer.BASE + ScoreRoutes.BATCH,
                body(Map.of("applications", applications)), server.advisor());
        assertEquals(400, refused.statusCode());
        assertEquals("applications[1].application.AMT_INCOME_TOTAL", TestServer.json(refused).get("details").get(0)
                .get("field").asText());

        List<Object> tooMany = java.util.Collections.nCopies(51, applications.get(0));
        assertEquals(400, server.post(ApiServer.BASE + ScoreRoutes.BATCH, body(Map.of("applications", tooMany)),
                server.advisor()).statusCode());
    }
}
