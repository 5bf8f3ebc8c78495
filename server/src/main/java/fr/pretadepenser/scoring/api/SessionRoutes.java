package fr.pretadepenser.scoring.api;

import fr.pretadepenser.scoring.auth.LoginThrottle;
import fr.pretadepenser.scoring.auth.Sessions;
import fr.pretadepenser.scoring.auth.User;
import fr.pretadepenser.scoring.auth.UserStore;
import io.javalin.http.Context;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiRequestBody;
import io.javalin.openapi.OpenApiResponse;
import io.javalin.openapi.OpenApiSecurity;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Dashboard sign-in: a name and password give a session cookie (HttpOnly, SameSite=Strict, so another site can
 * neither read it nor send it); repeated failures for a name, or from an address, are slowed down (429). The
 * address is the connection's: behind a proxy, the proxy's, which is why its limit is the larger one.
 */
final class SessionRoutes {

    static final String SESSION = "/session";

    private final UserStore users;
    private final Sessions sessions;
    private final LoginThrottle throttle;
    private final LoginThrottle addressThrottle;
    private final ServerSettings settings;

    SessionRoutes(UserStore users, Sessions sessions, LoginThrottle throttle, LoginThrottle addressThrottle,
                  ServerSettings settings) {
        this.users = users;
        this.sessions = sessions;
        this.throttle = throttle;
        this.addressThrottle = addressThrottle;
        this.settings = settings;
    }

    /**
     * Sign-in credentials.
     *
     * @param name     the account name
     * @param password its password
     */
    record Credentials(String name, String password) {
    }

    /**
     * Who is signed in.
     *
     * @param name the account name
     * @param role {@code ADVISOR} or {@code ADMIN}
     */
    record SignedIn(String name, String role) {
    }

    @OpenApi(path = ApiServer.BASE + SESSION, methods = HttpMethod.POST, operationId = "signIn", tags = "Session",
            summary = "Sign in with a name and password; sets the session cookie",
            requestBody = @OpenApiRequestBody(required = true, content = @OpenApiContent(from = Credentials.class)),
            responses = {@OpenApiResponse(status = "200", content = @OpenApiContent(from = SignedIn.class)),
                    @OpenApiResponse(status = "400", content = @OpenApiContent(from = ApiError.class)),
                    @OpenApiResponse(status = "401", content = @OpenApiContent(from = ApiError.class)),
                    @OpenApiResponse(status = "429", content = @OpenApiContent(from = ApiError.class))})
    void login(Context ctx) {
        Object body = RequestBody.json(ctx, 4_096);
        if (!(body instanceof Map<?, ?> map) || !(map.get("name") instanceof String name)
                || !(map.get("password") instanceof String password)) {
            throw ApiException.badRequest(List.of(new ApiError.Detail("body",
                    "expected {\"name\": \"...\", \"password\": \"...\"}")));
        }
        String address = ctx.ip();
        refuseIfLocked(ctx, addressThrottle.lockedFor(address), "from this address");
        refuseIfLocked(ctx, throttle.lockedFor(name), "for this name");
        Optional<User> user = users.authenticatePassword(name, password.toCharArray());
        if (user.isEmpty()) {
            throttle.recordFailure(name);
            addressThrottle.recordFailure(address);
            throw new ApiException(401, "unauthenticated", "wrong name or password");
        }
        // The address's count stays: one right password must not clear the way for more guesses on other names.
        throttle.recordSuccess(name);
        String token = sessions.create(user.get());
        ctx.header("Set-Cookie", Authentication.SESSION_COOKIE + "=" + token + "; Path=/; HttpOnly; SameSite=Strict"
                + (settings.secureCookies() ? "; Secure" : ""));
        ctx.json(view(user.get()));
    }

    @OpenApi(path = ApiServer.BASE + SESSION, methods = HttpMethod.GET, operationId = "currentUser",
            tags = "Session", summary = "Who is signed in (session or API key)",
            security = {@OpenApiSecurity(name = Authentication.API_KEY_SCHEME),
                    @OpenApiSecurity(name = Authentication.SESSION_SCHEME)},
            responses = {@OpenApiResponse(status = "200", content = @OpenApiContent(from = SignedIn.class)),
                    @OpenApiResponse(status = "401", content = @OpenApiContent(from = ApiError.class))})
    void current(Context ctx) {
        ctx.json(view(ctx.attribute(Authentication.USER)));
    }

    @OpenApi(path = ApiServer.BASE + SESSION, methods = HttpMethod.DELETE, operationId = "signOut",
            tags = "Session", summary = "Sign out: ends the session and clears the cookie",
            security = @OpenApiSecurity(name = Authentication.SESSION_SCHEME),
            responses = {@OpenApiResponse(status = "204"),
                    @OpenApiResponse(status = "401", content = @OpenApiContent(from = ApiError.class))})
    void logout(Context ctx) {
        String token = ctx.cookie(Authentication.SESSION_COOKIE);
        if (token != null) {
            sessions.invalidate(token);
        }
        ctx.header("Set-Cookie", Authentication.SESSION_COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
        ctx.status(204);
    }

    private static void refuseIfLocked(Context ctx, Optional<Duration> locked, String scope) {
        if (locked.isPresent()) {
            long seconds = Math.max(1, locked.get().toSeconds());
            ctx.header("Retry-After", Long.toString(seconds));
            throw new ApiException(429, "too_many_attempts", "too many failed sign-ins " + scope + "; try again in "
                    + seconds + " s");
        }
    }

    private static SignedIn view(User user) {
        return new SignedIn(user.name(), user.role().name().toUpperCase(Locale.ROOT));
    }
}
