package fr.pretadepenser.scoring.api;

import fr.pretadepenser.scoring.auth.Sessions;
import fr.pretadepenser.scoring.auth.User;
import fr.pretadepenser.scoring.auth.UserStore;
import io.javalin.http.Context;
import io.javalin.security.RouteRole;

import java.util.Optional;
import java.util.Set;

/**
 * Checks, before each matched route, who is calling and whether the route's {@link Access} lets them: systems
 * send an API key ({@value #API_KEY_HEADER} or {@code Authorization: Bearer}), dashboard users a session cookie
 * ({@value #SESSION_COOKIE}). 401 without valid credentials, 403 with a role too low. A route that declares no
 * access needs a signed-in advisor: forgetting to declare one never opens a route.
 */
final class Authentication {

    /** The request attribute holding the signed-in {@link User}. */
    static final String USER = "scoring.user";
    static final String API_KEY_HEADER = "X-API-Key";
    static final String SESSION_COOKIE = "scoring_session";
    static final String API_KEY_SCHEME = "ApiKey";
    static final String SESSION_SCHEME = "Session";

    private final UserStore users;
    private final Sessions sessions;

    Authentication(UserStore users, Sessions sessions) {
        this.users = users;
        this.sessions = sessions;
    }

    void check(Context ctx) {
        Access access = accessOf(ctx.routeRoles());
        if (access == Access.PUBLIC) {
            return;
        }
        User user = user(ctx).orElseThrow(() -> new ApiException(401, "unauthenticated",
                "sign in (POST " + ApiServer.BASE + SessionRoutes.SESSION + ") or send an API key in the "
                        + API_KEY_HEADER + " header"));
        ctx.attribute(USER, user);
        if (!access.allows(user.role())) {
            throw new ApiException(403, "forbidden", "this route needs the " + access.name().toLowerCase(
                    java.util.Locale.ROOT) + " role; user '" + user.name() + "' is " + user.role().name()
                    .toLowerCase(java.util.Locale.ROOT));
        }
    }

    /** The user of the request's API key or session, if any is valid. */
    Optional<User> user(Context ctx) {
        String key = ctx.header(API_KEY_HEADER);
        String authorization = ctx.header("Authorization");
        if (key == null && authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            key = authorization.substring(7).trim();
        }
        if (key != null) {
            return users.authenticateKey(key);
        }
        String token = ctx.cookie(SESSION_COOKIE);
        if (token == null) {
            return Optional.empty();
        }
        // A session remembers the user as signed in; a removed or disabled account must stop at once.
        Optional<User> user = sessions.find(token).flatMap(u -> users.find(u.name()));
        if (user.isEmpty()) {
            sessions.invalidate(token);
        }
        return user;
    }

    private static Access accessOf(Set<RouteRole> roles) {
        Access least = null;
        for (RouteRole role : roles) {
            if (role instanceof Access a && (least == null || a.ordinal() < least.ordinal())) {
                least = a;
            }
        }
        return least == null ? Access.ADVISOR : least;
    }
}
