package fr.pretadepenser.scoring.api;

import fr.pretadepenser.scoring.auth.Role;
import fr.pretadepenser.scoring.auth.LoginThrottle;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionRoutesTest {

    private static HttpRequest login(TestServer server, String name, String password) {
        return HttpRequest.newBuilder(URI.create(server.base() + ApiServer.BASE + SessionRoutes.SESSION))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\",\"password\":\"" + password
                        + "\"}")).build();
    }

    private static HttpResponse<String> withCookie(TestServer server, String method, String path, String cookie)
            throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.base() + ApiServer.BASE + path))
                .header("Cookie", cookie).method(method, HttpRequest.BodyPublishers.noBody()).build();
        return server.send(request);
    }

    @Test
    void aSignedInAdvisorUsesTheCookieUntilSigningOut() throws Exception {
        TestServer server = TestServer.get();
        HttpResponse<String> signedIn = server.send(login(server, "anna", TestServer.PASSWORD));
        assertEquals(200, signedIn.statusCode(), signedIn.body());
        assertEquals("ADVISOR", TestServer.json(signedIn).get("role").asText());
        String setCookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict"), setCookie);
        String cookie = setCookie.split(";")[0];

        assertEquals(200, withCookie(server, "GET", "/clients", cookie).statusCode());
        assertEquals("anna", TestServer.json(withCookie(server, "GET", SessionRoutes.SESSION, cookie))
                .get("name").asText());
        assertEquals(403, withCookie(server, "GET", ModelRoutes.MODEL, cookie).statusCode());
        assertEquals(204, withCookie(server, "DELETE", SessionRoutes.SESSION, cookie).statusCode());
        assertEquals(401, withCookie(server, "GET", "/clients", cookie).statusCode());
    }

    @Test
    void wrongPasswordsAreRefusedThenThrottled() throws Exception {
        TestServer server = TestServer.get();
        server.resources().users().addUser("victim", Role.ADVISOR, TestServer.PASSWORD.toCharArray());
        int refused = 0;
        int throttled = 0;
        for (int i = 0; i < 8; i++) {
            int status = server.send(login(server, "victim", "not the password")).statusCode();
            refused += status == 401 ? 1 : 0;
            throttled += status == 429 ? 1 : 0;
        }
        assertTrue(refused >= 1, "wrong passwords answer 401");
        assertTrue(throttled >= 1, "repeated failures are throttled");
        assertEquals(429, server.send(login(server, "victim", TestServer.PASSWORD)).statusCode(),
                "even the right password waits while the name is throttled");
        assertEquals(401, server.send(login(server, "nobody", TestServer.PASSWORD)).statusCode());
    }

    @Test
    void oneAddressTryingManyNamesIsThrottledToo() throws Exception {
        TestServer server = TestServer.get();
        LoginThrottle addresses = server.resources().addressThrottle();
        try {
            int attempts = 0;
            HttpResponse<String> answer;
            do {
                // A new name each time: the per-name limit never applies.
                answer = server.send(login(server, "sweep" + attempts, "not the password"));
                attempts++;
            } while (answer.statusCode() == 401 && attempts <= LoginThrottle.DEFAULT_MAX_FAILURES_PER_ADDRESS);
            assertEquals(429, answer.statusCode(), "after " + attempts + " attempts: " + answer.body());
            assertTrue(TestServer.json(answer).get("message").asText().startsWith("too many failed sign-ins from this"
                    + " address; try again in "), answer.body());
            assertTrue(answer.headers().firstValue("Retry-After").isPresent());
            assertEquals(429, server.send(login(server, "anna", TestServer.PASSWORD)).statusCode(),
                    "a right password from the address waits too");
        } finally {
            // The shared server's other tests sign in from this address.
            addresses.recordSuccess("127.0.0.1");
        }
        assertEquals(200, server.send(login(server, "anna", TestServer.PASSWORD)).statusCode());
    }

    @Test
    void aMalformedSignInIsA400() throws Exception {
        TestServer server = TestServer.get();
        HttpResponse<String> response = server.post(ApiServer.BASE + SessionRoutes.SESSION, "{\"name\": 3}", null);
        assertEquals(400, response.statusCode());
    }
}
