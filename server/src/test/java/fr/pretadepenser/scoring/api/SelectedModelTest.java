package fr.pretadepenser.scoring.api;

import com.fasterxml.jackson.databind.JsonNode;
import fr.pretadepenser.scoring.auth.Role;
import fr.pretadepenser.scoring.auth.UserStore;
import fr.pretadepenser.scoring.data.ClientRecords;
import fr.pretadepenser.scoring.data.ingest.Ingester;
import fr.pretadepenser.scoring.features.DuckDbFeatureEngine;
import fr.pretadepenser.scoring.features.FeatureMatrixReader;
import fr.pretadepenser.scoring.features.FeatureRows;
import fr.pretadepenser.scoring.model.FeatureChoice;
import fr.pretadepenser.scoring.model.ModelTraining;
import fr.pretadepenser.scoring.model.bundle.FeatureSelection;
import fr.pretadepenser.scoring.model.bundle.ModelBundle;
import fr.pretadepenser.scoring.model.bundle.TrainedModel;
import fr.pretadepenser.scoring.model.evaluation.BusinessCost;
import fr.pretadepenser.scoring.model.selection.SelectionMethod;
import fr.pretadepenser.scoring.model.selection.SelectionSettings;
import fr.pretadepenser.scoring.model.training.TrainingSettings;
import fr.pretadepenser.scoring.progress.Progress;
import fr.pretadepenser.scoring.report.MethodologyReport;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import fr.pretadepenser.scoring.score.ApplicationScoring;
import fr.pretadepenser.scoring.score.BatchScoring;
import fr.pretadepenser.scoring.score.Prediction;
import fr.pretadepenser.scoring.score.Scorer;
import fr.pretadepenser.scoring.testing.TinyBundle;
import ml.dmlc.xgboost4j.java.DMatrix;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A model trained on 20 selected features (the vote taken inside the training's folds, then on every row), served
 * and used by {@code predict}: the bundle says how it was selected, and every path (stored client, application sent
 * with its history, edited application, batch file) scores with those features alone, as the trained model does.
 */
class SelectedModelTest {

    private static final int KEPT = 20;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path root;
    private static Path database;
    private static Path bundle;
    private static TrainedModel trained;
    private static int candidates;
    private static ClientRecords withHistory;
    private static ApiResources resources;
    private static ApiServer server;
    private static String base;
    private static String advisor;

    @BeforeAll
    static void trainOnSelectedFeaturesAndServe() throws Exception {
        TinyBundle tiny = TinyBundle.get();
        database = root.resolve("homecredit.duckdb");
        new Ingester(HomeCreditSchema.load()).ingest(tiny.data(), database, Progress.SILENT);
        SelectionSettings selection = new SelectionSettings(EnumSet.allOf(SelectionMethod.class), KEPT, List.of(KEPT),
                100_000, 20, 10, 3, 5, 1);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + database)) {
            DuckDbFeatureEngine engine = new DuckDbFeatureEngine(HomeCreditSchema.load());
            candidates = engine.build(c, engine.learnVocabularies(c), Progress.SILENT).manifest().features().size();
            trained = ModelTraining.train(c, new TrainingSettings(2, 1, 3600, BusinessCost.DEFAULT, 5, 40, 5, 1,
                    false), FeatureChoice.vote(KEPT, selection), Progress.SILENT);
            bundle = ModelBundle.write(trained, root.resolve("models"));
            withHistory = TestServer.clientWithHistory(c);
        }
        Path users = root.resolve("users.json");
        UserStore store = UserStore.open(users);
        store.addUser("anna", Role.ADVISOR, TestServer.PASSWORD.toCharArray());
        advisor = store.newApiKey("anna").key();
        resources = ApiResources.open(new ApiResources.Paths(bundle, database, users, root.resolve("audit.jsonl")),
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
    void theBundleRecordsTheSelectionAndHoldsOnlyTheSelectedFeatures() throws Exception {
        ModelBundle loaded = resources.bundle();
        assertEquals(KEPT, loaded.features().features().size());
        assertEquals(KEPT, loaded.manifest().featureCount());
        FeatureSelection selection = loaded.manifest().selection();
        assertNotNull(selection);
        assertEquals(KEPT, selection.kept());
        assertEquals(candidates, selection.candidates());
        assertEquals(Set.copyOf(loaded.features().featureNames()), Set.copyOf(selection.vote().stream()
                .map(v -> v.name()).toList()));
        assertTrue(selection.vote().stream().allMatch(v -> v.stability() >= 0 && v.stability() <= 1
                && v.votes() >= 0 && v.verdicts().containsKey("null")));
        assertTrue(selection.nestedAuc() > 0.6, "the honest AUC at 20 features: " + selection.nestedAuc());
        assertTrue(selection.method().contains("top 20"), selection.method());
        JsonNode summary = json(get("/model/summary")).get("features");
        assertEquals(KEPT, summary.get("used").asInt());
        assertEquals(candidates, summary.get("selectedFrom").asInt());
    }

    @Test
    void theMethodologyNoteSaysWhatTheSelectionKeptAndCost() {
        String note = new MethodologyReport(Scorer.load(bundle), HomeCreditSchema.load(), database).xhtml();
        FeatureSelection selection = resources.bundle().manifest().selection();
        assertTrue(note.contains("The model reads " + KEPT + " of the " + candidates + " features built"), note);
        assertTrue(note.contains(String.format(Locale.ROOT, "the out-of-fold AUC at %d features is %.4f", KEPT,
                selection.nestedAuc())));
        assertTrue(note.contains(selection.vote().get(0).name()));
    }

    @Test
    void aStoredClientIsServedTheTrainedModelsScoreOnItsSelectedFeatures() throws Exception {
        List<String> names = trained.features().featureNames();
        FeatureRows rows;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + database)) {
            rows = FeatureMatrixReader.readAll(c, names, "WHERE f.TARGET IS NOT NULL", "ORDER BY f.SK_ID_CURR");
        }
        DMatrix matrix = new DMatrix(rows.values(), rows.rows(), names.size(), Float.NaN);
        float[][] expected = trained.booster().predict(matrix);
        matrix.dispose();
        Set<String> variables = new HashSet<>();
        trained.features().features().forEach(f -> variables.add(f.table() + "." + f.variable()));
        for (int i = 0; i < rows.rows(); i += rows.rows() / 5) {
            JsonNode score = json(get("/clients/" + rows.clients()[i] + "/score?detail=full"));
            assertEquals(expected[i][0], score.get("probability").asDouble(), 1e-6);
            assertEquals(KEPT, score.get("features").get("used").asInt());
            assertEquals(candidates, score.get("features").get("selectedFrom").asInt());
            for (JsonNode c : score.get("contributions")) {
                String variable = c.get("table").asText() + "." + c.get("variable").asText();
                assertTrue(variables.contains(variable), variable + " is not among the model's features");
            }
        }
    }

    @Test
    void anApplicationSentWithItsHistoryOrEditedScoresAsStored() throws Exception {
        long id = withHistory.application().clientId();
        double stored = json(get("/clients/" + id + "/score")).get("probability").asDouble();
        Map<String, Object> request = ApplicationScoring.request(withHistory);
        JsonNode sent = json(post(request));
        assertEquals("sent", sent.get("history").asText());
        assertEquals(stored, sent.get("probability").asDouble(), 1e-5);
        JsonNode edited = json(post(Map.of("application", request.get("application"))));
        assertEquals("stored", edited.get("history").asText());
        assertEquals(stored, edited.get("probability").asDouble(), 1e-6);
        assertEquals(KEPT, edited.get("features").get("used").asInt());
    }

    @Test
    void predictScoresTheTestApplicationsAsTheServerDoes() throws Exception {
        TinyBundle tiny = TinyBundle.get();
        Path file = tiny.data().resolve(HomeCreditSchema.load().table(HomeCreditSchema.APPLICATION_TEST).file());
        List<Prediction> predicted = new BatchScoring(Scorer.load(bundle),
                HomeCreditSchema.load()).predict(file, tiny.data(), Progress.SILENT);
        Map<Long, Double> byClient = new HashMap<>();
        predicted.forEach(p -> byClient.put(p.client(), p.probability()));
        assertTrue(byClient.size() > 10);
        int checked = 0;
        for (Map.Entry<Long, Double> p : byClient.entrySet()) {
            if (checked++ == 5) {
                break;
            }
            assertEquals(p.getValue(), json(get("/clients/" + p.getKey() + "/score")).get("probability")
                    .asDouble(), 1e-6);
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).header("X-API-Key", advisor).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(Object body) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + ScoreRoutes.SCORE))
                .header("X-API-Key", advisor).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(TestServer.JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response;
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        assertEquals(200, response.statusCode(), response.body());
        return TestServer.JSON.readTree(response.body());
    }
}
