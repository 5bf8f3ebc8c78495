package fr.pretadepenser.scoring.api;

import com.fasterxml.jackson.databind.JsonNode;
import fr.pretadepenser.scoring.data.ScoringWarning;
import fr.pretadepenser.scoring.progress.Progress;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import fr.pretadepenser.scoring.score.BatchScoring;
import fr.pretadepenser.scoring.score.Prediction;
import fr.pretadepenser.scoring.testing.EveryCategoryClient;
import fr.pretadepenser.scoring.testing.TinyBundle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Genuine rows through {@code POST /score}: the history with every category of the real files and rows of no
 * previous application is scored as {@code scoring predict --history} scores the same rows, with the same warnings;
 * an advisor's misspelt category is still refused with a suggestion.
 */
class GenuineDataTest {

    @Test
    void theApiScoresEveryRealCategoryAndUnlinkedRowsAsTheBatchDoes(@TempDir Path folder) throws Exception {
        TestServer server = TestServer.get();
        TinyBundle tiny = TinyBundle.get();
        EveryCategoryClient client = EveryCategoryClient.of(tiny);
        client.writeFiles(folder, null);
        Prediction batch = new BatchScoring(tiny.scorer(), HomeCreditSchema.load())
                .predict(folder.resolve("application_test.csv"), folder, Progress.SILENT).get(0);

        HttpResponse<String> answer = server.post(ApiServer.BASE + ScoreRoutes.SCORE + "?lang=en",
                TestServer.JSON.writeValueAsString(client.request()), server.advisor());
        assertEquals(200, answer.statusCode(), answer.body());
        JsonNode score = TestServer.json(answer);
        assertEquals(EveryCategoryClient.CLIENT, score.get("clientId").asLong());
        assertEquals("sent", score.get("history").asText());
        assertEquals(batch.probability(), score.get("probability").asDouble(), 1e-6);
        assertEquals(batch.decision().label(), score.get("decision").asText());
        List<String> messages = new ArrayList<>();
        score.get("warnings").forEach(w -> messages.add(w.get("message").asText()));
        assertEquals(batch.warnings().stream().map(ScoringWarning::message).toList(), messages);
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("POS_CASH_balance: 2 rows whose SK_ID_PREV")),
                messages.toString());
        JsonNode first = score.get("warnings").get(0);
        assertTrue(first.has("kind") && first.has("table") && first.has("column") && first.has("rows"),
                first.toString());
    }

    @Test
    void anAdvisorsMisspeltCategoryIsRefusedWithASuggestion() throws Exception {
        TestServer server = TestServer.get();
        Map<String, Object> application = new LinkedHashMap<>(server.withHistory().application().values());
        application.remove("TARGET");
        application.put("NAME_INCOME_TYPE", "Workng");
        HttpResponse<String> answer = server.post(ApiServer.BASE + ScoreRoutes.SCORE,
                TestServer.JSON.writeValueAsString(Map.of("application", application)), server.advisor());
        assertEquals(400, answer.statusCode(), answer.body());
        JsonNode detail = TestServer.json(answer).get("details").get(0);
        assertEquals("application.NAME_INCOME_TYPE", detail.get("field").asText());
        assertTrue(detail.get("problem").asText().startsWith("unknown category 'Workng' (did you mean 'Working'?)"),
                detail.toString());
    }
}
