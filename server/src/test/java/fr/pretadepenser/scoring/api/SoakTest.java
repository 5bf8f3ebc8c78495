package fr.pretadepenser.scoring.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@value #SECONDS} seconds of {@value #CONNECTIONS} connections, each sending valid requests drawn from every
 * read route, both scoring routes, sign-in and sign-out: every answer must be a success. The heap after a full
 * collection, taken after one warm-up pass over the routes and again at the end, is printed; the test fails only
 * on growth beyond the answer cache's bound and a margin (a leak would grow with the requests, about a million).
 */
class SoakTest {

    static final int SECONDS = 60;
    static final int CONNECTIONS = 32;
    private static final long MARGIN = 128L << 20;

    @Test
    void thirtyTwoConnectionsForAMinuteOverEveryRouteWithoutAnError() throws Exception {
        TestServer server = TestServer.get();
        String base = server.base() + ApiServer.BASE;
        List<Long> ids = new ArrayList<>();
        for (JsonNode item : TestServer.json(server.get(ApiServer.BASE + "/clients?limit=100", server.advisor()))
                .get("items")) {
            ids.add(item.get("clientId").asLong());
        }
        List<String> features = new ArrayList<>();
        // The first 40 of the features list (an array of {name, table, variable, label}).
        for (JsonNode feature : TestServer.json(server.get(ApiServer.BASE + "/features", server.advisor()))) {
            if (features.size() < 40) {
                features.add(feature.get("name").asText());
            }
        }
        Map<String, Object> application = new java.util.LinkedHashMap<>(server.withHistory().application()
                .values());
        application.remove("TARGET");
        String one = TestServer.JSON.writeValueAsString(Map.of("application", application));
        String three = TestServer.JSON.writeValueAsString(Map.of("applications", Collections.nCopies(3,
                Map.of("application", application))));

        // Each route as a function from a random source to a valid request.
        List<Function<Random, HttpRequest.Builder>> routes = List.of(
                r -> get(base + HealthRoutes.HEALTH),
                r -> get(base + HealthRoutes.READY),
                r -> get(base + "/model").header("X-API-Key", server.admin()),
                r -> get(base + "/model/summary").header("X-API-Key", server.advisor()),
                r -> get(base + "/model/importance?top=10").header("X-API-Key", server.advisor()),
                r -> get(base + "/portfolio?bins=20").header("X-API-Key", server.advisor()),
                r -> get(base + "/clients?limit=20&offset=" + r.nextInt(100)).header("X-API-Key",
                        server.advisor()),
                r -> get(base + "/clients/" + pick(ids, r)).header("X-API-Key", server.advisor()),
                r -> get(base + "/clients/" + pick(ids, r) + "/neighbors?k=10").header("X-API-Key",
                        server.advisor()),
                r -> get(base + "/clients/" + pick(ids, r) + "/score" + (r.nextBoolean() ? "?detail=full"
                        : "?lang=fr")).header("X-API-Key", server.advisor()),
                r -> post(base + ScoreRoutes.SCORE, one).header("X-API-Key", server.advisor()),
                r -> post(base + ScoreRoutes.BATCH, three).header("X-API-Key", server.advisor()),
                r -> get(base + "/application/fields").header("X-API-Key", server.advisor()),
                r -> get(base + "/features").header("X-API-Key", server.advisor()),
                r -> get(base + "/features/" + pick(features, r) + "/distribution?bins=20&client=" + pick(ids, r))
                        .header("X-API-Key", server.advisor()),
                r -> get(base + "/features/" + pick(features, r) + "/scatter/" + pick(features, r) + "?sample=300")
                        .header("X-API-Key", server.advisor()),
                r -> get(base + "/users").header("X-API-Key", server.admin()),
                r -> get(server.base() + MetricsRoutes.METRICS).header("X-API-Key", server.admin()));

        Map<Integer, AtomicLong> perRoute = new ConcurrentHashMap<>();
        List<String> errors = Collections.synchronizedList(new ArrayList<>());
        HttpClient warm = HttpClient.newHttpClient();
        for (int r = 0; r < routes.size(); r++) {
            send(warm, routes.get(r).apply(new Random(r)), r, perRoute, errors);
        }
        long heapBefore = heapAfterGc();
        long end = System.nanoTime() + Duration.ofSeconds(SECONDS).toNanos();
        List<Thread> connections = new ArrayList<>();
        for (int c = 0; c < CONNECTIONS; c++) {
            int connection = c;
            Thread thread = new Thread(() -> {
                HttpClient own = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                Random random = new Random(connection);
                while (System.nanoTime() < end) {
                    if (random.nextInt(400) == 0) {
                        signInAndOut(own, base, perRoute, errors);
                    } else {
                        int route = random.nextInt(routes.size());
                        send(own, routes.get(route).apply(random), route, perRoute, errors);
                    }
                }
            }, "soak-" + c);
            thread.start();
            connections.add(thread);
        }
        for (Thread thread : connections) {
            thread.join();
        }
        long heapAfter = heapAfterGc();
        long requests = perRoute.values().stream().mapToLong(AtomicLong::get).sum();
        System.out.printf("soak: %,d requests in %d s over %d connections (%,.0f per second), %d errors; heap after"
                        + " GC %,d MiB at the start, %,d MiB at the end%n", requests, SECONDS, CONNECTIONS,
                requests / (double) SECONDS, errors.size(), heapBefore >> 20, heapAfter >> 20);
        assertEquals(List.of(), errors.subList(0, Math.min(10, errors.size())), errors.size() + " errors");
        assertEquals(routes.size() + 2, perRoute.size(), "every route and sign-in, sign-out taken: " + perRoute);
        assertTrue(heapAfter < heapBefore + ClientAnswers.MAX_BYTES + MARGIN, "heap after GC grew from "
                + (heapBefore >> 20) + " to " + (heapAfter >> 20) + " MiB");
    }

    private static void signInAndOut(HttpClient http, String base, Map<Integer, AtomicLong> perRoute,
                                     List<String> errors) {
        HttpResponse<String> signedIn = send(http, post(base + SessionRoutes.SESSION, "{\"name\": \"anna\","
                + " \"password\": \"" + TestServer.PASSWORD + "\"}"), -1, perRoute, errors);
        if (signedIn != null && signedIn.statusCode() == 200) {
            String cookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
            send(http, HttpRequest.newBuilder(URI.create(base + SessionRoutes.SESSION)).header("Cookie", cookie)
                    .DELETE(), -2, perRoute, errors);
        }
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest.Builder request, int route,
                                             Map<Integer, AtomicLong> perRoute, List<String> errors) {
        HttpRequest built = request.timeout(Duration.ofSeconds(30)).build();
        perRoute.computeIfAbsent(route, r -> new AtomicLong()).incrementAndGet();
        try {
            HttpResponse<String> answer = http.send(built, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() >= 300) {
                errors.add(built.method() + " " + built.uri() + ": " + answer.statusCode() + " " + answer.body());
            }
            return answer;
        } catch (Exception e) {
            errors.add(built.method() + " " + built.uri() + ": " + e);
            return null;
        }
    }

    private static HttpRequest.Builder get(String uri) {
        return HttpRequest.newBuilder(URI.create(uri)).GET();
    }

    private static HttpRequest.Builder post(String uri, String body) {
        return HttpRequest.newBuilder(URI.create(uri)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private static <T> T pick(List<T> values, Random random) {
        return values.get(random.nextInt(values.size()));
    }

    private static long heapAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
