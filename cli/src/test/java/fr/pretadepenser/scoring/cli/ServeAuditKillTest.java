package fr.pretadepenser.scoring.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.pretadepenser.scoring.audit.AnchorKey;
import fr.pretadepenser.scoring.audit.AuditLog;
import fr.pretadepenser.scoring.audit.AuditRecord;
import fr.pretadepenser.scoring.audit.ChainCheck;
import fr.pretadepenser.scoring.auth.Role;
import fr.pretadepenser.scoring.auth.UserStore;
import fr.pretadepenser.scoring.testing.TinyBundle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The audit log is as durable as the answers: {@code scoring serve} runs in a child JVM, {@value #CLIENTS} clients
 * ask for scores until a random number of answers (at most {@value #MOST_ANSWERS}) have arrived, then the server is
 * killed with SIGKILL ({@link Process#destroyForcibly()}) under that load; {@value #ROUNDS} rounds over the same
 * files, each start being the restart after the last kill. Every answered request must be in the log and anchored,
 * every restart must come up ready on the files the kill left, and the log must verify whole at the end.
 */
class ServeAuditKillTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ROUNDS = 20;
    private static final int MOST_ANSWERS = 200;
    private static final int CLIENTS = 32;

    @TempDir
    Path dir;

    @Test
    void everyAnsweredScoreIsInTheAuditLogAfterKillsUnderLoad() throws Exception {
        TinyBundle tiny = TinyBundle.get();
        Path users = dir.resolve("users.json");
        UserStore store = UserStore.open(users);
        store.addUser("anna", Role.ADVISOR, "correct horse battery".toCharArray());
        String key = store.newApiKey("anna").key();
        Path audit = ChildServer.audit(dir);
        AnchorKey anchorKey = null;
        Random kills = new Random(19);
        long answeredInAll = 0;
        for (int round = 0; round < ROUNDS; round++) {
            int answers = 1 + kills.nextInt(MOST_ANSWERS);
            Set<String> answered = killUnderLoad(ChildServer.start(dir, tiny.database(), tiny.bundle(), users), key,
                    answers);
            answeredInAll += answered.size();
            anchorKey = AnchorKey.load(dir.resolve(AnchorKey.FILE));
            checkAnsweredAreLoggedAndAnchored(audit, anchorKey, answered, "round " + round);
        }
        // The last restart anchors the rest, and the log then verifies whole.
        AuditLog.open(audit, anchorKey).close();
        ChainCheck restarted = AuditLog.verify(audit, anchorKey);
        assertTrue(restarted.intact(), restarted.problem());
        assertTrue(restarted.lines() >= answeredInAll, restarted.lines() + " records, " + answeredInAll + " answers");
    }

    /** Loads the server with {@value #CLIENTS} clients until {@code answers} answers arrived, then kills it. */
    private static Set<String> killUnderLoad(ChildServer child, String key, int answers) throws Exception {
        Process server = child.process();
        Set<String> answered = ConcurrentHashMap.newKeySet();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> clients = new ArrayList<>();
        try {
            String base = child.base();
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            List<Long> ids = new ArrayList<>();
            for (JsonNode item : JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/clients?limit=40"))
                    .header("X-API-Key", key).build(), HttpResponse.BodyHandlers.ofString()).body()).get("items")) {
                ids.add(item.get("clientId").asLong());
            }
            CountDownLatch enough = new CountDownLatch(1);
            for (int c = 0; c < CLIENTS; c++) {
                int first = c;
                Thread client = new Thread(() -> {
                    // Each client its own connection; first requests compute answers, repeated ones are cached.
                    HttpClient own = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                    for (int i = first; !stop.get(); i += CLIENTS) {
                        String detail = i % 3 == 0 ? "?detail=full" : "";
                        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/clients/"
                                + ids.get(i % ids.size()) + "/score" + detail)).header("X-API-Key", key)
                                .timeout(Duration.ofSeconds(30)).build();
                        try {
                            HttpResponse<String> response = own.send(request, HttpResponse.BodyHandlers.ofString());
                            if (response.statusCode() == 200) {
                                answered.add(response.headers().firstValue("X-Request-Id").orElseThrow());
                                if (answered.size() >= answers) {
                                    enough.countDown();
                                }
                            }
                        } catch (IOException e) {
                            return; // the server is gone
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }, "score-client-" + c);
                client.start();
                clients.add(client);
            }
            assertTrue(enough.await(3, TimeUnit.MINUTES), answers + " answers within 3 minutes; got "
                    + answered.size());
        } finally {
            server.destroyForcibly();
            server.waitFor(1, TimeUnit.MINUTES);
            stop.set(true);
            for (Thread client : clients) {
                client.join(TimeUnit.SECONDS.toMillis(40));
            }
        }
        assertTrue(answered.size() >= answers);
        return answered;
    }

    private static void checkAnsweredAreLoggedAndAnchored(Path audit, AnchorKey anchorKey, Set<String> answered,
                                                          String round) throws IOException {
        List<AuditRecord> records = new ArrayList<>();
        AuditLog.read(audit, Instant.EPOCH, records::add);
        Set<String> logged = ConcurrentHashMap.newKeySet();
        records.forEach(r -> logged.add(r.requestId()));
        List<String> missing = answered.stream().filter(id -> !logged.contains(id)).toList();
        assertEquals(List.of(), missing, round + ": answered requests missing from the audit log (" + records.size()
                + " records, " + answered.size() + " answers)");
        ChainCheck chain = AuditLog.verify(audit, anchorKey);
        assertEquals(records.size(), chain.lines());
        // A kill between a commit's disk sync and its anchor leaves that last batch unanchored: its callers were
        // never answered (they wake after the anchor), so every answered record must lie among the anchored ones.
        long anchored = chain.intact() ? chain.lines() : chain.firstBadLine() - 1;
        assertTrue(chain.intact() || chain.problem().startsWith("records " + (anchored + 1) + " to " + chain.lines()
                + " are not anchored"), round + ": " + chain.problem());
        Set<String> anchoredIds = ConcurrentHashMap.newKeySet();
        records.subList(0, (int) anchored).forEach(r -> anchoredIds.add(r.requestId()));
        assertEquals(List.of(), answered.stream().filter(id -> !anchoredIds.contains(id)).toList(),
                round + ": answered requests not anchored");
    }
}
