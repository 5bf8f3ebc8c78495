package fr.pretadepenser.scoring.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.pretadepenser.scoring.auth.Role;
import fr.pretadepenser.scoring.auth.UserStore;
import fr.pretadepenser.scoring.data.ClientRecords;
import fr.pretadepenser.scoring.features.DuckDbClientRecords;
import fr.pretadepenser.scoring.portfolio.ClientQuery;
import fr.pretadepenser.scoring.progress.Progress;
import fr.pretadepenser.scoring.testing.RunFolder;
import fr.pretadepenser.scoring.testing.TinyBundle;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

/**
 * A real server on a free port over the tiny test bundle, shared by the test classes of one run, with an advisor
 * and an admin account (each with an API key) and an audit log in a temporary folder.
 *
 * @param base     e.g. {@code http://127.0.0.1:41234}
 * @param advisor  an advisor's API key
 * @param admin    an admin's API key
 * @param auditLog the server's audit log
 * @param resources what the server reads
 * @param withHistory a training client with bureau credits and previous applications, read before the server
 *                    opened the database (the server then holds it)
 */
record TestServer(String base, String advisor, String admin, Path auditLog, ApiResources resources,
                  ClientRecords withHistory) {

    static final String PASSWORD = "correct horse battery";
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static TestServer shared;
    private static List<String> routes;

    /** The server of this test run, started on first call. */
    static synchronized TestServer get() throws Exception {
        if (shared == null) {
            TinyBundle tiny = TinyBundle.get();
            Path root = RunFolder.create("api-test-");
            Path users = root.resolve("users.json");
            UserStore store = UserStore.open(users);
            store.addUser("anna", Role.ADVISOR, PASSWORD.toCharArray());
            store.addUser("root", Role.ADMIN, PASSWORD.toCharArray());
            String advisorKey = store.newApiKey("anna").key();
            String adminKey = store.newApiKey("root").key();
            Path audit = root.resolve("audit.jsonl");
            ClientRecords withHistory;
            try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + tiny.database())) {
                withHistory = clientWithHistory(c);
            }
            ApiResources resources = ApiResources.open(new ApiResources.Paths(tiny.bundle(), tiny.database(), users,
                    audit), Progress.SILENT);
            ServerSettings settings = new ServerSettings("127.0.0.1", 0, 1L << 20, 50, false);
            ApiServer server = ApiServer.create(settings, resources).start(settings);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                resources.close();
            }));
            shared = new TestServer("http://127.0.0.1:" + server.port(), advisorKey, adminKey, audit,
                    resources, withHistory);
            routes = server.routes();
        }
        return shared;
    }

    /** The first training client with bureau credits and previous applications, with its rows. */
    static ClientRecords clientWithHistory(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet r = s.executeQuery("SELECT b.SK_ID_CURR FROM bureau b JOIN previous_application p"
                     + " ON p.SK_ID_CURR = b.SK_ID_CURR JOIN application_train a ON a.SK_ID_CURR = b.SK_ID_CURR"
                     + " ORDER BY b.SK_ID_CURR LIMIT 1")) {
            r.next();
            return new DuckDbClientRecords(connection).read(r.getLong(1));
        }
    }

    /** A stored client the score tests read: the eighth in the client search's order (a page of one, offset 7). */
    long someClient() {
        return resources.clients().search(new ClientQuery(null, null, null, null, 1, 7)).items().get(0).clientId();
    }

    /** The routes the shared server registered. */
    static List<String> routes() throws Exception {
        get();
        return routes;
    }

    HttpResponse<String> get(String path, String key) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (key != null) {
            request.header("X-API-Key", key);
        }
        return HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String body, String key) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json");
        if (key != null) {
            request.header("X-API-Key", key);
        }
        return HTTP.send(request.POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }
}
