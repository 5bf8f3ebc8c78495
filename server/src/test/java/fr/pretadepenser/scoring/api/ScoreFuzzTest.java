package fr.pretadepenser.scoring.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Throws thousands of random and mutated bodies (from a fixed seed, so a failure replays) at the scoring routes:
 * every answer must be a 200 with a probability or a 4xx with an error body; never a 5xx, never a hang (each
 * request has a timeout).
 */
class ScoreFuzzTest {

    private static final long SEED = 20261129L;
    private static final Object[] ODD_VALUES = {null, "", "x", "NaN", "Infinity", "-1", "1e309", true, false, -1, 0,
            1, -365243, 365243, 1.5, -0.0, 1e300, -1e300, Long.MAX_VALUE, Long.MIN_VALUE, 1e15, "Y", "N", "Working",
            "Cash loans", "ééé\u0000", "<script>", List.of(), List.of(1, 2), Map.of(), Map.of("a", 1),
            "x".repeat(10_000), 0.5, 99999999999999999999.0};

    @Test
    void randomAndMutatedApplicationsNeverBreakTheServer() throws Exception {
        TestServer server = TestServer.get();
        Random random = new Random(SEED);
        Map<String, Object> valid = new LinkedHashMap<>(server.withHistory().application().values());
        valid.remove("TARGET");
        List<String> columns = new ArrayList<>(valid.keySet());
        int ok = 0;
        int refused = 0;
        for (int i = 0; i < 2_000; i++) {
            String body = i % 10 == 9 ? garbage(random) : TestServer.JSON.writeValueAsString(
                    request(mutated(valid, columns, random), random));
            int status = check(server, ApiServer.BASE + ScoreRoutes.SCORE, body, i);
            ok += status == 200 ? 1 : 0;
            refused += status >= 400 ? 1 : 0;
        }
        for (int i = 0; i < 200; i++) {
            List<Object> applications = new ArrayList<>();
            int size = random.nextInt(4);
            for (int a = 0; a < size; a++) {
                applications.add(random.nextInt(3) == 0 ? ODD_VALUES[random.nextInt(ODD_VALUES.length)]
                        : request(mutated(valid, columns, random), random));
            }
            Object batch = random.nextInt(10) == 0 ? applications : Map.of("applications", applications);
            check(server, ApiServer.BASE + ScoreRoutes.BATCH, TestServer.JSON.writeValueAsString(batch), i);
        }
        assertTrue(ok > 100, "some mutations stay valid and are scored: " + ok);
        assertTrue(refused > 500, "most mutations are refused: " + refused);
    }

    private static int check(TestServer server, String path, String body, int i) throws Exception {
        HttpResponse<String> response = server.post(path, body, server.advisor());
        int status = response.statusCode();
        if (status >= 500 || (status != 200 && (status < 400))) {
            fail("case " + i + " answered " + status + ": " + response.body() + "\nbody: "
                    + body.substring(0, Math.min(body.length(), 2_000)));
        }
        JsonNode answer = TestServer.json(response);
        if (status == 200) {
            JsonNode scored = answer.has("scores") ? answer.get("scores").get(0) : answer;
            double p = scored.get("probability").asDouble();
            assertTrue(p >= 0 && p <= 1, "probability " + p);
        } else {
            assertTrue(answer.hasNonNull("error") && answer.hasNonNull("message"), response.body());
            assertEquals(status == 400 || status == 413 || status == 415, true, "status " + status);
        }
        return status;
    }

    private static Map<String, Object> mutated(Map<String, Object> valid, List<String> columns, Random random) {
        Map<String, Object> application = new LinkedHashMap<>(valid);
        int edits = random.nextInt(4);
        for (int e = 0; e < edits; e++) {
            String column = columns.get(random.nextInt(columns.size()));
            switch (random.nextInt(5)) {
                case 0 -> application.remove(column);
                case 1 -> application.put(column, ODD_VALUES[random.nextInt(ODD_VALUES.length)]);
                case 2 -> application.put(column.toLowerCase(), 1);
                case 3 -> application.put(column, random.nextGaussian() * Math.pow(10, random.nextInt(8)));
                default -> application.put(column, (long) (random.nextGaussian() * 400_000));
            }
        }
        return application;
    }

    private static Object request(Map<String, Object> application, Random random) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("application", random.nextInt(20) == 0 ? ODD_VALUES[random.nextInt(ODD_VALUES.length)]
                : application);
        if (random.nextInt(4) == 0) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("SK_ID_BUREAU", random.nextInt(3));
            row.put("DAYS_CREDIT", ODD_VALUES[random.nextInt(ODD_VALUES.length)]);
            row.put("CREDIT_ACTIVE", random.nextBoolean() ? "Active" : "Closed");
            request.put("history", random.nextInt(5) == 0 ? ODD_VALUES[random.nextInt(ODD_VALUES.length)]
                    : Map.of("bureau", List.of(row)));
        }
        if (random.nextInt(30) == 0) {
            request.put("extra", 1);
        }
        return request;
    }

    private static String garbage(Random random) {
        String[] pieces = {"{", "}", "[", "]", "\"application\"", ":", ",", "1", "-", "e", "null", "\"", "\\u0000",
                "NaN", "{\"application\":{", "tru", "9".repeat(400), " "};
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(30);
        for (int i = 0; i < length; i++) {
            text.append(pieces[random.nextInt(pieces.length)]);
        }
        return text.toString();
    }
}
