package fr.pretadepenser.scoring.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.pretadepenser.scoring.audit.AuditLog;
import fr.pretadepenser.scoring.audit.AuditRecord;
import fr.pretadepenser.scoring.auth.Role;
import fr.pretadepenser.scoring.auth.UserStore;
import fr.pretadepenser.scoring.data.ingest.Ingester;
import fr.pretadepenser.scoring.features.DuckDbFeatureEngine;
import fr.pretadepenser.scoring.model.ModelTraining;
import fr.pretadepenser.scoring.model.bundle.ModelBundle;
import fr.pretadepenser.scoring.model.evaluation.BusinessCost;
import fr.pretadepenser.scoring.model.training.TrainingSettings;
import fr.pretadepenser.scoring.portfolio.ClientQuery;
import fr.pretadepenser.scoring.progress.Progress;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import fr.pretadepenser.scoring.testing.TinyBundle;
import org.apache.commons.codec.digest.DigestUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code PUT /model/current}: an admin switches the served model to another bundle of the models folder. A server
 * of its own (the shared test server must keep its model), over two bundles trained on the same features: the
 * tiny test bundle and one trained here with another seed and fewer trees.
 */
class ModelSwitchTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    @TempDir
    static Path root;
    private static Path models;
    private static Path audit;
    private static ApiResources resources;
    private static ApiServer server;
    private static String base;
    private static String admin;
    private static String advisor;
    private static String first;
    private static String second;

    @BeforeAll
    static void start() throws Exception {
        TinyBundle tiny = TinyBundle.get();
        // A database of its own, built from the tiny bundle's files: the shared test server holds the tiny one.
        Path database = root.resolve("homecredit.duckdb");
        new Ingester(HomeCreditSchema.load()).ingest(tiny.data(), database, Progress.SILENT);
        models = root.resolve("models");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + database)) {
            DuckDbFeatureEngine engine = new DuckDbFeatureEngine(HomeCreditSchema.load());
            engine.build(c, engine.learnVocabularies(c), Progress.SILENT);
            second = ModelBundle.write(ModelTraining.train(c, new TrainingSettings(2, 1, 3600, BusinessCost.DEFAULT,
                    99, 30, 5, 1, false), Progress.SILENT), models).getFileName().toString();
        }
        first = tiny.bundle().getFileName().toString();
        copy(tiny.bundle(), models.resolve(first));
        Path users = root.resolve("users.json");
        UserStore store = UserStore.open(users);
        store.addUser("root", Role.ADMIN, TestServer.PASSWORD.toCharArray());
        store.addUser("anna", Role.ADVISOR, TestServer.PASSWORD.toCharArray());
        admin = store.newApiKey("root").key();
        advisor = store.newApiKey("anna").key();
        audit = root.resolve("audit.jsonl");
        resources = ApiResources.open(new ApiResources.Paths(models.resolve(first), database, users, audit),
                Progress.SILENT);
        ServerSettings settings = new ServerSettings("127.0.0.1", 0, 1L << 20, 50, false);
        server = ApiServer.create(settings, resources).start(settings);
        base = "http://127.0.0.1:" + server.port() + ApiServer.BASE;
    }

    @AfterAll
    static void stop() {
        server.close();
        resources.close();
    }

    @Test
    void anAnswerAfterASwitchCarriesTheNewVersionNeverTheOldScore() throws Exception {
        assertEquals(200, switchTo(first).statusCode());
        long id = resources.clients().search(new ClientQuery(null, null, null, null, 1, 3)).items().get(0)
                .clientId();
        // Asked twice under the first model: the second answer comes from its cache.
        JsonNode before = json(get("/clients/" + id + "/score", advisor));
        assertEquals(before, json(get("/clients/" + id + "/score", advisor)));
        assertEquals(first, before.get("modelVersion").asText());

        HttpResponse<String> switched = switchTo(second);
        assertEquals(200, switched.statusCode(), switched.body());
        assertEquals(second, json(switched).get("version").asText());
        assertEquals(first, json(switched).get("previous").asText());

        JsonNode after = json(get("/clients/" + id + "/score", advisor));
        assertEquals(second, after.get("modelVersion").asText());
        assertNotEquals(before.get("probability").asDouble(), after.get("probability").asDouble());
        // The new model's probability, as its own scoring of every stored client found it.
        assertEquals(resources.clients().probability(id).orElseThrow(), after.get("probability").asDouble(), 1e-6);
        assertEquals(resources.bundle().manifest().threshold(), after.get("threshold").asDouble());
        assertEquals(second, json(get("/model", admin)).get("version").asText());
        assertEquals(second, json(get("/ready", null)).get("modelVersion").asText());
        List<AuditRecord> records = new ArrayList<>();
        AuditLog.read(audit, Instant.EPOCH, records::add);
        assertEquals(second, records.get(records.size() - 1).modelVersion());
        assertTrue(HTTP.send(HttpRequest.newBuilder(URI.create(base.replace(ApiServer.BASE, "")
                        + MetricsRoutes.METRICS)).header("X-API-Key", admin).build(),
                HttpResponse.BodyHandlers.ofString()).body().contains("scoring_model_version{version=\"" + second
                + "\"} 1.0"));

        // And back: the first model's score again, computed afresh under it.
        assertEquals(200, switchTo(first).statusCode());
        JsonNode again = json(get("/clients/" + id + "/score", advisor));
        assertEquals(first, again.get("modelVersion").asText());
        assertEquals(before.get("probability").asDouble(), again.get("probability").asDouble());
    }

    @Test
    void aDamagedBundleOrOneOfOtherFeatureSqlIsRefusedAndTheServedModelStays() throws Exception {
        assertEquals(200, switchTo(first).statusCode());
        Path damaged = models.resolve("damaged");
        copy(models.resolve(second), damaged);
        Files.writeString(damaged.resolve(ModelBundle.OUT_OF_FOLD), "edited\n");
        HttpResponse<String> refused = switchTo("damaged");
        assertEquals(400, refused.statusCode(), refused.body());
        assertEquals("invalid_bundle", json(refused).get("error").asText());
        assertTrue(json(refused).get("message").asText().contains("is damaged"), refused.body());

        // A bundle whose features were made by other SQL, its checksums made to match.
        String other = second + "-other-sql";
        Path folder = models.resolve(other);
        copy(models.resolve(second), folder);
        edit(folder.resolve(ModelBundle.FEATURES), "sqlSha256", "0".repeat(64));
        edit(folder.resolve(ModelBundle.BUNDLE), "version", other);
        StringBuilder sums = new StringBuilder();
        for (String name : List.of(ModelBundle.MODEL, ModelBundle.FEATURES, ModelBundle.BUNDLE,
                ModelBundle.OUT_OF_FOLD)) {
            sums.append(DigestUtils.sha256Hex(Files.readAllBytes(folder.resolve(name)))).append("  ").append(name)
                    .append('\n');
        }
        Files.writeString(folder.resolve(ModelBundle.CHECKSUMS), sums);
        refused = switchTo(other);
        assertEquals(400, refused.statusCode(), refused.body());
        assertEquals("incompatible_bundle", json(refused).get("error").asText());
        assertTrue(json(refused).get("message").asText().contains("SQL"), refused.body());

        assertEquals(404, switchTo("20990101-000000-00000000").statusCode());
        assertEquals(403, HTTP.send(put("{\"version\": \"" + second + "\"}", advisor),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(first, json(get("/model", admin)).get("version").asText(), "still the model served before");
    }

    private static HttpResponse<String> switchTo(String version) throws Exception {
        return HTTP.send(put("{\"version\": \"" + version + "\"}", admin), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest put(String body, String key) {
        return HttpRequest.newBuilder(URI.create(base + ModelRoutes.CURRENT)).header("X-API-Key", key)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static HttpResponse<String> get(String path, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        if (key != null) {
            request.header("X-API-Key", key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return TestServer.JSON.readTree(response.body());
    }

    private static void edit(Path file, String field, String value) throws Exception {
        ObjectNode tree = (ObjectNode) TestServer.JSON.readTree(file.toFile());
        tree.put(field, value);
        TestServer.JSON.writeValue(file.toFile(), tree);
    }

    private static void copy(Path from, Path to) throws Exception {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }
}
