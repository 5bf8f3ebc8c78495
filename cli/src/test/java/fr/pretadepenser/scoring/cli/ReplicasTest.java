package fr.pretadepenser.scoring.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.pretadepenser.scoring.auth.Role;
import fr.pretadepenser.scoring.auth.UserStore;
import fr.pretadepenser.scoring.model.ModelTraining;
import fr.pretadepenser.scoring.model.bundle.ModelBundle;
import fr.pretadepenser.scoring.model.evaluation.BusinessCost;
import fr.pretadepenser.scoring.model.training.TrainingSettings;
import fr.pretadepenser.scoring.progress.Progress;
import fr.pretadepenser.scoring.testing.TinyBundle;
import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two replicas behind a load balancer: two {@code scoring serve --instance} child processes over one database
 * (read-only), one models folder and one security folder, requests alternating between them. A session opened on
 * one is accepted by the other; a logout on one and an account disabled by {@code scoring users} end it on both;
 * the login throttle counts the failures of both; an admin's model switch on one reaches the other; each writes its
 * own audit log and {@code scoring audit --verify} checks both; a third server given a running replica's name is
 * refused.
 */
class ReplicasTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "correct horse battery";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    @Test
    void twoReplicasShareSessionsThrottleAccountsAndModelSwitches() throws Exception {
        TinyBundle tiny = TinyBundle.get();
        Path database = dir.resolve("homecredit.duckdb");
        Files.copy(tiny.database(), database);
        Path models = dir.resolve("models");
        String first = tiny.bundle().getFileName().toString();
        FileUtils.copyDirectory(tiny.bundle().toFile(), models.resolve(first).toFile());
        String second;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + database)) {
            second = ModelBundle.write(ModelTraining.train(c, new TrainingSettings(2, 1, 3600, BusinessCost.DEFAULT,
                    99, 30, 5, 1, false), Progress.SILENT), models).getFileName().toString();
        }
        ModelBundle.pointCurrentAt(models, first);
        Path users = dir.resolve("security/users.json");
        UserStore store = UserStore.open(users);
        store.addUser("root", Role.ADMIN, PASSWORD.toCharArray());
        store.addUser("anna", Role.ADVISOR, PASSWORD.toCharArray());
        String admin = store.newApiKey("root").key();

        List<ChildServer> servers = new ArrayList<>();
        try {
            for (String name : List.of("a", "b")) {
                servers.add(ChildServer.replica(dir, name, database, models, users));
            }
            String a = servers.get(0).base();
            String b = servers.get(1).base();
            long client = JSON.readTree(send(a, "GET", "/clients?limit=1", null, "X-API-Key", admin).body())
                    .get("items").get(0).get("clientId").asLong();

            // A session opened on A serves requests alternating between A and B.
            String cookie = login(a, "anna");
            for (int i = 0; i < 6; i++) {
                String base = i % 2 == 0 ? a : b;
                assertEquals(200, send(base, "GET", "/clients/" + client + "/score", null, "Cookie", cookie)
                        .statusCode(), "request " + i + " to " + base);
            }
            assertEquals("anna", JSON.readTree(send(b, "GET", "/session", null, "Cookie", cookie).body())
                    .get("name").asText());

            // A logout on B ends it on A at once.
            assertEquals(204, send(b, "DELETE", "/session", null, "Cookie", cookie).statusCode());
            assertEquals(401, send(a, "GET", "/session", null, "Cookie", cookie).statusCode());

            // 'scoring users disable' (another process) ends the account's sessions on both within seconds.
            String again = login(b, "anna");
            assertEquals(200, send(a, "GET", "/session", null, "Cookie", again).statusCode());
            UserStore.open(users).setDisabled("anna", true);
            for (String base : List.of(a, b)) {
                awaitTrue(() -> status(base, "GET", "/session", null, "Cookie", again) == 401,
                        Duration.ofSeconds(5), "the disabled account's session refused by " + base);
            }

            // Five wrong passwords, alternating, lock the name on both.
            for (int i = 0; i < 5; i++) {
                assertEquals(401, status(i % 2 == 0 ? a : b, "POST", "/session",
                        "{\"name\": \"root\", \"password\": \"wrong " + i + "\"}", "Accept", "application/json"));
            }
            for (String base : List.of(a, b)) {
                assertEquals(429, status(base, "POST", "/session", "{\"name\": \"root\", \"password\": \""
                        + PASSWORD + "\"}", "Accept", "application/json"), base);
            }

            // An admin switch on A reaches B without a restart.
            long switched = System.nanoTime();
            HttpResponse<String> answer = send(a, "PUT", "/model/current", "{\"version\": \"" + second + "\"}",
                    "X-API-Key", admin);
            assertEquals(200, answer.statusCode(), answer.body());
            assertEquals(second, Files.readSymbolicLink(models.resolve("current")).toString());
            awaitTrue(() -> second.equals(servedVersion(b)), Duration.ofSeconds(30), "B serving " + second);
            System.out.printf("model switch on A served by B after %.1f s%n", (System.nanoTime() - switched) / 1e9);
            for (String base : List.of(a, b)) {
                JsonNode score = JSON.readTree(send(base, "GET", "/clients/" + client + "/score", null, "X-API-Key",
                        admin).body());
                assertEquals(second, score.get("modelVersion").asText(), base);
            }

            // A third server given A's name would write A's audit log: refused.
            Path thirdLog = dir.resolve("third.log");
            Process third = ChildJvm.scoring(dir, thirdLog, "serve", "--port", "0", "--instance", "a", "--db",
                    database.toString(), "--model", models.resolve("current").toString(), "--users", users.toString());
            int exit = ChildJvm.awaitExit(third, Duration.ofMinutes(3), "the third server (it should be refused)");
            String output = Files.readString(thirdLog);
            assertNotEquals(0, exit, output);
            assertTrue(output.contains("decisions-a.jsonl is already open for appending by another process"), output);

            // A server that is no replica opens the database for writing, which the replicas' reads exclude: refused
            // with what to do, not a stack trace.
            Path writerLog = dir.resolve("writer.log");
            Process writer = ChildJvm.scoring(dir, writerLog, "serve", "--port", "0", "--db", database.toString(),
                    "--model", models.resolve("current").toString(), "--users", users.toString(), "--audit",
                    dir.resolve("writer.jsonl").toString());
            exit = ChildJvm.awaitExit(writer, Duration.ofMinutes(3), "the writing server (it should be refused)");
            output = Files.readString(writerLog);
            assertEquals(ScoringCommand.EXIT_BAD_INPUT, exit, output);
            assertTrue(output.contains("error: " + database + " cannot be opened"), output);
            assertTrue(output.contains("--instance"), output);
            assertFalse(output.contains("\tat "), "no stack trace: " + output);
        } finally {
            for (ChildServer server : servers) {
                server.process().destroy();
                server.process().waitFor(30, TimeUnit.SECONDS);
            }
        }

        // Each replica wrote its own log; 'scoring audit --verify' (in the same working folder) checks both.
        Path audit = dir.resolve(Defaults.AUDIT_FOLDER);
        assertTrue(Files.size(audit.resolve("decisions-a.jsonl")) > 0);
        assertTrue(Files.size(audit.resolve("decisions-b.jsonl")) > 0);
        Path verifyLog = dir.resolve("verify.log");
        Process verify = ChildJvm.scoring(dir, verifyLog, "audit", "--verify", "--security",
                users.getParent().toString());
        int exit = ChildJvm.awaitExit(verify, Duration.ofMinutes(3), "scoring audit --verify");
        String verified = Files.readString(verifyLog);
        assertEquals(0, exit, verified);
        for (String name : List.of("decisions-a.jsonl", "decisions-b.jsonl")) {
            assertTrue(verified.lines().anyMatch(l -> l.contains(name) && l.contains("hash chain intact and as"
                    + " anchored")), verified);
        }
    }

    private static String login(String base, String name) throws Exception {
        HttpResponse<String> answer = send(base, "POST", "/session", "{\"name\": \"" + name + "\", \"password\": \""
                + PASSWORD + "\"}", "Accept", "application/json");
        assertEquals(200, answer.statusCode(), answer.body());
        return answer.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    }

    private static String servedVersion(String base) {
        try {
            return JSON.readTree(send(base, "GET", "/ready", null, "Accept", "application/json").body())
                    .get("modelVersion").asText();
        } catch (Exception e) {
            return null;
        }
    }

    private static int status(String base, String method, String path, String body, String... headers) {
        try {
            return send(base, method, path, body, headers).statusCode();
        } catch (Exception e) {
            throw new AssertionError(method + " " + base + path, e);
        }
    }

    /** A request with a JSON body (or none) and these header names and values. */
    private static HttpResponse<String> send(String base, String method, String path, String body,
                                             String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).headers(headers)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(60));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void awaitTrue(Supplier<Boolean> condition, Duration within, String what) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.get()) {
            assertTrue(System.nanoTime() < deadline, what + ": not within " + within);
            Thread.sleep(100);
        }
    }
}
