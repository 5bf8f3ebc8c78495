package fr.pretadepenser.scoring.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.pretadepenser.scoring.auth.Role;
import fr.pretadepenser.scoring.auth.UserStore;
import fr.pretadepenser.scoring.testing.TinyBundle;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A server's whole output (its logs, the access log included), captured from a child process that served every kind
 * of request carrying a secret or a personal value, holds none of them: passwords right and wrong, API keys (given
 * and issued), the session token, a client's id and the values of an application sent for scoring, nor what the
 * start-up warm-up scored.
 */
class ServeLogSecretsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "Plum-Tangerine-Harbour-8841";
    private static final String WRONG_PASSWORD = "Walnut-Quarry-Meadow-5127";
    private static final String NEW_PASSWORD = "Copper-Lantern-Orchard-3306";
    // Values no log line would hold by chance.
    private static final double INCOME = 987_654.32;
    private static final double ANNUITY = 31_415.93;
    private static final double BAD_INCOME = -4_242.42;

    @TempDir
    Path dir;

    @Test
    void noSecretNorPersonalValueReachesTheLogs() throws Exception {
        TinyBundle tiny = TinyBundle.get();
        Path users = dir.resolve("users.json");
        UserStore store = UserStore.open(users);
        store.addUser("root", Role.ADMIN, PASSWORD.toCharArray());
        String key = store.newApiKey("root").key();
        // With a warm-up, which sends stored clients' rows through the scoring: its lines must hold none either.
        ChildServer child = ChildServer.start(dir, tiny.database(), tiny.bundle(), users, "--warm-up", "200");
        Process server = child.process();
        List<String> secrets = new ArrayList<>(List.of(PASSWORD, WRONG_PASSWORD, NEW_PASSWORD, key));
        long client;
        try {
            Http http = new Http(child.base());

            assertEquals(401, http.send("POST", "/session", null, null, Map.of("name", "root", "password",
                    WRONG_PASSWORD)).statusCode());
            HttpResponse<String> login = http.send("POST", "/session", null, null, Map.of("name", "root",
                    "password", PASSWORD));
            assertEquals(200, login.statusCode(), login.body());
            String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
            secrets.add(cookie.substring(cookie.indexOf('=') + 1));

            Map<String, Object> application = firstApplication(tiny.data().resolve("application_train.csv"));
            client = ((Number) application.remove("SK_ID_CURR")).longValue();
            assertEquals(200, http.send("GET", "/clients/" + client + "/score", null, cookie, null).statusCode());
            assertEquals(200, http.send("GET", "/clients/" + client, key, null, null).statusCode());

            application.put("AMT_INCOME_TOTAL", INCOME);
            application.put("AMT_ANNUITY", ANNUITY);
            HttpResponse<String> scored = http.send("POST", "/score", key, null, Map.of("application", application));
            assertEquals(200, scored.statusCode(), scored.body());
            application.put("AMT_INCOME_TOTAL", BAD_INCOME);
            assertEquals(400, http.send("POST", "/score", key, null, Map.of("application", application))
                    .statusCode());

            assertEquals(201, http.send("POST", "/users", key, null, Map.of("name", "batch-job", "role", "advisor",
                    "password", NEW_PASSWORD)).statusCode());
            HttpResponse<String> issued = http.send("POST", "/users/batch-job/keys", key, null, Map.of());
            assertEquals(201, issued.statusCode(), issued.body());
            secrets.add(JSON.readTree(issued.body()).get("key").asText());
            assertEquals(204, http.send("DELETE", "/session", null, cookie, null).statusCode());
            child.awaitWarm();
        } finally {
            server.destroy();
            server.waitFor(1, TimeUnit.MINUTES);
        }

        String output = Files.readString(child.log());
        assertTrue(output.contains("\"route\":\"/api/v1/clients/{id}/score\""), "the access log was captured:\n"
                + output);
        assertTrue(output.contains("warm-up: 200 scorings"), "the warm-up's log was captured:\n" + output);
        List<String> leaked = new ArrayList<>();
        for (String secret : secrets) {
            if (output.contains(secret)) {
                leaked.add(secret.substring(0, 4) + "...");
            }
        }
        for (String value : List.of("987654.32", "9.8765432E5", "31415.93", "3.141593E4", "-4242.42",
                "-4.24242E3", String.valueOf(client))) {
            if (Pattern.compile("(?<![0-9.])" + Pattern.quote(value) + "(?![0-9])").matcher(output).find()) {
                leaked.add(value);
            }
        }
        assertEquals(List.of(), leaked, "found in the server's output");
    }

    /** The first application of a Kaggle-layout file, as JSON would carry it (numbers, texts, no empty field). */
    private static Map<String, Object> firstApplication(Path csv) throws IOException {
        try (Reader in = Files.newBufferedReader(csv);
             CSVParser parser = CSVFormat.RFC4180.builder().setHeader().get().parse(in)) {
            CSVRecord row = parser.iterator().next();
            Map<String, Object> application = new LinkedHashMap<>();
            row.toMap().forEach((name, value) -> {
                if (!value.isEmpty() && !name.equals("TARGET")) {
                    try {
                        application.put(name, Double.parseDouble(value));
                    } catch (NumberFormatException text) {
                        application.put(name, value);
                    }
                }
            });
            return application;
        }
    }

    /** Requests with an API key, a session cookie or neither, and a JSON body or none. */
    private record Http(String base, HttpClient client) {

        Http(String base) {
            this(base, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
        }

        HttpResponse<String> send(String method, String path, String key, String cookie, Object body)
                throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofSeconds(30)).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            if (key != null) {
                request.header("X-API-Key", key);
            }
            if (cookie != null) {
                request.header("Cookie", cookie);
            }
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
