package fr.pretadepenser.scoring.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@value #CASES} generated and mutated requests over every route the server registers (read from the server, so
 * a new route is fuzzed without a change here): path values, query strings, headers and credentials, and JSON
 * bodies mutated by type, size, nesting depth, Unicode, numbers at the limits and duplicated keys. Each case is
 * drawn from its own seed ({@value #SEED} and its number), so a failure replays alone. No answer may be a 5xx, no
 * request may wait past its 30-second timeout, and every 4xx carries the error JSON.
 */
class RouteFuzzTest {

    static final int CASES = 10_000;
    private static final long SEED = 20261203L;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Path and query values: real ones (to reach the handlers' own checks) and every kind of odd one. */
    private static final String[] VALUES = {"100002", "100003", "0", "-1", "1", "999999999999", "9223372036854775807",
            "9223372036854775808", "-9223372036854775809", "1e9", "1.5", "NaN", "Infinity", "", " ", "%00", "a", "é",
            "日本", "\uD83D\uDE00", "'; DROP TABLE features; --", "..%2F..%2Fetc%2Fpasswd", "<script>", "true", "null",
            "x".repeat(3_000), "EXT_SOURCE_3", "AMT_CREDIT", "DAYS_BIRTH", "NAME_INCOME_TYPE_Working", "fr", "en",
            "full", "LOW", "HIGH", "REVIEW", "Cash loans", "Working", "10", "100", "101", "5000", "5001"};
    private static final String[] QUERY_NAMES = {"q", "contract", "income", "band", "limit", "offset", "k", "bins",
            "client", "sample", "top", "detail", "lang", "x", "", "limit", "client"};
    private static final Object[] ODD = {null, "", "x", -1, 0, 1, 1.5, -0.0, Long.MAX_VALUE, Long.MIN_VALUE,
            Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE, true, false, List.of(), Map.of(), List.of(1, "a"),
            "\u0000", "\uD83D\uDE00", "x".repeat(20_000), "NaN", "1e309", "Infinity", Map.of("a", List.of(Map.of()))};

    @Test
    void tenThousandRequestsOverEveryRouteNeverAnswer5xxOrHang() throws Exception {
        TestServer server = TestServer.get();
        List<String> routes = TestServer.routes().stream().filter(r -> !r.startsWith("HEAD ")
                && !r.startsWith("OPTIONS ")).toList();
        Map<String, Object> application = new java.util.LinkedHashMap<>(server.withHistory().application()
                .values());
        application.remove("TARGET");
        String cookie = signIn(server);
        Map<String, AtomicInteger> statuses = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> perRoute = new ConcurrentHashMap<>();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < CASES; i++) {
                int number = i;
                done.add(pool.submit(() -> {
                    Random random = new Random(SEED * 31 + number);
                    String route = routes.get(random.nextInt(routes.size()));
                    perRoute.computeIfAbsent(route, r -> new AtomicInteger()).incrementAndGet();
                    HttpRequest request = request(server, route, application, cookie, random);
                    try {
                        HttpResponse<String> answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                        statuses.computeIfAbsent(String.valueOf(answer.statusCode()), s -> new AtomicInteger())
                                .incrementAndGet();
                        String problem = problem(answer);
                        if (problem != null) {
                            failures.add("case " + number + " " + request.method() + " " + request.uri() + ": "
                                    + problem);
                        }
                    } catch (java.net.http.HttpTimeoutException e) {
                        failures.add("case " + number + " " + request.method() + " " + request.uri() + ": no"
                                + " answer within 30 s");
                    } catch (Exception e) {
                        failures.add("case " + number + " " + request.method() + " " + request.uri() + ": " + e);
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
            // The sign-in cases count as failures from this address; the shared server's other tests sign in too.
            server.resources().addressThrottle().recordSuccess("127.0.0.1");
        }
        System.out.println("fuzz: " + CASES + " requests over " + perRoute.size() + " routes; statuses " + statuses);
        assertEquals(List.of(), failures.subList(0, Math.min(20, failures.size())), failures.size() + " failures");
        assertEquals(routes.size(), perRoute.size(), "every route fuzzed");
        assertTrue(statuses.keySet().stream().anyMatch(s -> s.startsWith("2")), "some cases succeed: " + statuses);
    }

    /** What is wrong with an answer, or null: a 5xx, or a 4xx without the error JSON. */
    private static String problem(HttpResponse<String> answer) {
        int status = answer.statusCode();
        if (status >= 500) {
            return "answered " + status + ": " + shorten(answer.body());
        }
        if (status >= 400) {
            try {
                JsonNode error = TestServer.JSON.readTree(answer.body());
                if (error == null || !error.hasNonNull("error") || !error.hasNonNull("message")
                        || !error.has("details")) {
                    return "a " + status + " without the error JSON: " + shorten(answer.body());
                }
            } catch (Exception e) {
                return "a " + status + " whose body is not JSON: " + shorten(answer.body());
            }
        }
        return null;
    }

    private static HttpRequest request(TestServer server, String route, Map<String, Object> application,
                                       String cookie, Random random) {
        String method = route.substring(0, route.indexOf(' '));
        String path = route.substring(route.indexOf(' ') + 1);
        StringBuilder uri = new StringBuilder(server.base());
        for (String part : path.split("/", -1)) {
            if (part.isEmpty()) {
                continue;
            }
            uri.append('/').append(part.startsWith("{") ? encode(pathValue(part, random)) : part);
        }
        if (random.nextInt(3) > 0) {
            uri.append(query(random));
        }
        String body = method.equals("GET") || method.equals("DELETE") ? null : body(path, application, random);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri.toString()))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        credentials(server, path, method, cookie, random, request);
        switch (random.nextInt(6)) {
            case 0 -> request.header("Content-Type", "text/plain");
            case 1 -> request.header("Content-Type", "application/json; charset=latin1");
            case 2 -> { }
            default -> request.header("Content-Type", "application/json");
        }
        if (random.nextInt(4) == 0) {
            request.header("Accept-Language", new String[]{"fr-FR,fr;q=0.9", "en", "*", "xx", ";;;q=2", "de-DE"}
                    [random.nextInt(6)]);
        }
        if (random.nextInt(8) == 0) {
            request.header("X-Request-Id", random.nextBoolean() ? "x".repeat(2_000) : "id with spaces;\"'");
        }
        return request.build();
    }

    /**
     * Credentials: the advisor's key mostly, the admin's where an admin route cannot harm the shared server's
     * accounts (never a real account's name, never a real bundle version), a session, a wrong key, or none.
     */
    private static void credentials(TestServer server, String path, String method, String cookie, Random random,
                                    HttpRequest.Builder request) {
        switch (random.nextInt(8)) {
            case 0, 1, 2 -> request.header("X-API-Key", server.advisor());
            case 3, 4 -> request.header("X-API-Key", server.admin());
            case 5 -> request.header("Cookie", random.nextBoolean() ? cookie : "scoring_session=" + "A".repeat(43));
            case 6 -> request.header("Authorization", "Bearer " + VALUES[random.nextInt(VALUES.length)]
                    .replaceAll("[^ -~]", "?"));
            default -> { }
        }
    }

    private static String pathValue(String parameter, Random random) {
        String value = VALUES[random.nextInt(VALUES.length)];
        // The shared server's accounts are other tests' fixtures: an admin fuzzing /users/{name} must not hit them.
        return parameter.equals("{name}") && List.of("anna", "root", "victim").contains(value) ? "nobody" : value;
    }

    private static String query(Random random) {
        StringBuilder query = new StringBuilder("?");
        int parameters = 1 + random.nextInt(4);
        for (int p = 0; p < parameters; p++) {
            if (p > 0) {
                query.append('&');
            }
            query.append(encode(QUERY_NAMES[random.nextInt(QUERY_NAMES.length)]));
            if (random.nextInt(6) > 0) {
                query.append('=').append(encode(VALUES[random.nextInt(VALUES.length)]));
            }
        }
        return query.toString();
    }

    /** A valid body for the route, mutated; or a body of another shape entirely. */
    private static String body(String path, Map<String, Object> application, Random random) {
        Object valid;
        if (path.endsWith("/score/batch")) {
            valid = Map.of("applications", List.of(Map.of("application", application)));
        } else if (path.endsWith("/score")) {
            valid = Map.of("application", application);
        } else if (path.endsWith("/session")) {
            valid = Map.of("name", "fuzz", "password", "not the password");
        } else if (path.endsWith("/users")) {
            valid = Map.of("name", "fuzz-" + random.nextInt(1_000_000), "role", "advisor", "password", "x");
        } else if (path.endsWith("/model/current")) {
            valid = Map.of("version", "20990101-000000-" + random.nextInt(1_000_000));
        } else {
            valid = Map.of();
        }
        try {
            return switch (random.nextInt(10)) {
                case 0 -> deep(random);
                case 1 -> duplicated(TestServer.JSON.writeValueAsString(valid), random);
                case 2 -> TestServer.JSON.writeValueAsString(ODD[random.nextInt(ODD.length)]);
                case 3 -> truncated(TestServer.JSON.writeValueAsString(valid), random);
                case 4 -> numbersAtTheLimits(random);
                default -> TestServer.JSON.writeValueAsString(mutated(valid, random));
            };
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Object mutated(Object value, Random random) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new java.util.LinkedHashMap<>((Map<String, Object>) map);
            List<String> keys = new ArrayList<>(copy.keySet());
            int edits = random.nextInt(4);
            for (int e = 0; e < edits && !keys.isEmpty(); e++) {
                String key = keys.get(random.nextInt(keys.size()));
                switch (random.nextInt(5)) {
                    case 0 -> copy.remove(key);
                    case 1 -> copy.put(key, ODD[random.nextInt(ODD.length)]);
                    case 2 -> copy.put(key, mutated(copy.get(key), random));
                    case 3 -> copy.put(key + "\u0301", 1);
                    default -> copy.put(key.toLowerCase(java.util.Locale.ROOT), copy.get(key));
                }
            }
            return copy;
        }
        if (value instanceof List<?> list && !list.isEmpty()) {
            List<Object> copy = new ArrayList<>(list);
            copy.set(random.nextInt(copy.size()), mutated(copy.get(0), random));
            if (random.nextBoolean()) {
                copy.addAll(Collections.nCopies(random.nextInt(60), copy.get(0)));
            }
            return copy;
        }
        return random.nextBoolean() ? ODD[random.nextInt(ODD.length)] : value;
    }

    /** Arrays and objects nested up to 5,000 deep. */
    private static String deep(Random random) {
        int depth = 1 + random.nextInt(5_000);
        boolean objects = random.nextBoolean();
        return (objects ? "{\"a\":" : "[").repeat(depth) + "1" + (objects ? "}" : "]").repeat(depth);
    }

    /** One key written twice, with different values. */
    private static String duplicated(String json, Random random) {
        if (!json.startsWith("{") || json.length() < 3) {
            return "{\"application\": 1, \"application\": 2}";
        }
        return "{\"application\": " + random.nextInt(9) + "," + json.substring(1);
    }

    private static String truncated(String json, Random random) {
        return json.substring(0, random.nextInt(Math.max(1, json.length())));
    }

    private static String numbersAtTheLimits(Random random) {
        String[] numbers = {"1e309", "-1e309", "4.9e-325", "9223372036854775808", "-9223372036854775809",
                "1" + "0".repeat(1_000), "0." + "0".repeat(1_000) + "1", "-0", "1E+2147483648", "00012"};
        return "{\"application\": {\"AMT_CREDIT\": " + numbers[random.nextInt(numbers.length)]
                + ", \"DAYS_BIRTH\": " + numbers[random.nextInt(numbers.length)] + "}}";
    }

    private static String signIn(TestServer server) throws Exception {
        HttpResponse<String> answer = server.send(HttpRequest.newBuilder(URI.create(server.base() + ApiServer.BASE
                        + SessionRoutes.SESSION)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"anna\", \"password\": \""
                        + TestServer.PASSWORD + "\"}")).build());
        assertEquals(200, answer.statusCode(), answer.body());
        return answer.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String shorten(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
