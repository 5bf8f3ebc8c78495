package fr.pretadepenser.scoring.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.pretadepenser.scoring.auth.Role;
import fr.pretadepenser.scoring.auth.UserStore;
import fr.pretadepenser.scoring.testing.TinyBundle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code scoring serve --warm-up N} scores N new applications with history in the background after start: /ready
 * says when it is over, the stored rows it sends all pass the request's checks, and none of its scorings is a
 * decision (the audit log holds only what callers asked).
 */
class ServeWarmUpTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DONE = Pattern.compile(
            "warm-up: 300 scorings of new applications with history \\((\\d+) stored clients, (\\d+) refused\\)");

    @TempDir
    Path dir;

    @Test
    void warmsUpInTheBackgroundWithoutAuditingAnything() throws Exception {
        TinyBundle tiny = TinyBundle.get();
        Path users = dir.resolve("users.json");
        UserStore store = UserStore.open(users);
        store.addUser("anna", Role.ADVISOR, "correct horse battery".toCharArray());
        String key = store.newApiKey("anna").key();
        ChildServer child = ChildServer.start(dir, tiny.database(), tiny.bundle(), users, "--warm-up", "300");
        Process server = child.process();
        try {
            HttpClient http = HttpClient.newHttpClient();
            JsonNode ready = child.awaitWarm();
            assertTrue(ready.get("ready").asBoolean(), ready.toString());

            String log = Files.readString(child.log());
            Matcher done = DONE.matcher(log);
            assertTrue(done.find(), "the warm-up's summary in the log:\n" + log);
            assertTrue(Integer.parseInt(done.group(1)) > 10, done.group());
            assertEquals("0", done.group(2), "every stored client's rows pass the request's checks: " + done.group());
            assertFalse(log.contains("warm-up stopped"), log);
            Path audit = ChildServer.audit(dir);
            assertEquals(List.of(), Files.exists(audit) ? Files.readAllLines(audit) : List.of(),
                    "no decision audited for the warm-up");

            long client = firstClient(http, child.base(), key);
            HttpResponse<String> score = http.send(HttpRequest.newBuilder(URI.create(child.base() + "/clients/"
                    + client + "/score")).header("X-API-Key", key).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, score.statusCode(), score.body());
            assertEquals(1, Files.readAllLines(audit).size(), "the caller's one decision, audited");
        } finally {
            server.destroy();
            server.waitFor(1, TimeUnit.MINUTES);
        }
    }

    private static long firstClient(HttpClient http, String base, String key) throws Exception {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + "/clients?limit=1"))
                .header("X-API-Key", key).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode(), page.body());
        return JSON.readTree(page.body()).get("items").get(0).get("clientId").asLong();
    }
}
