package fr.pretadepenser.scoring.api;

import fr.pretadepenser.scoring.auth.Account;
import fr.pretadepenser.scoring.auth.IssuedKey;
import fr.pretadepenser.scoring.auth.Role;
import fr.pretadepenser.scoring.auth.Sessions;
import fr.pretadepenser.scoring.auth.User;
import fr.pretadepenser.scoring.auth.UserStore;
import io.javalin.http.Context;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiParam;
import io.javalin.openapi.OpenApiRequestBody;
import io.javalin.openapi.OpenApiResponse;
import io.javalin.openapi.OpenApiSecurity;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/** User management for admins: list, add and remove accounts, and issue API keys (shown once). */
final class UserRoutes {

    static final String USERS = "/users";
    static final String USER = "/users/{name}";
    static final String KEYS = "/users/{name}/keys";

    private final UserStore users;
    private final Sessions sessions;

    UserRoutes(UserStore users, Sessions sessions) {
        this.users = users;
        this.sessions = sessions;
    }

    /**
     * An account.
     *
     * @param name account name
     * @param role {@code ADVISOR} or {@code ADMIN}
     */
    record Account(String name, String role) {
    }

    /**
     * A new account.
     *
     * @param name     account name: 2 to 40 of a-z, 0-9, '.', '_', '-'
     * @param role     {@code advisor} or {@code admin}
     * @param password at least 12 characters
     */
    record NewAccount(String name, String role, String password) {
    }

    /**
     * A new API key, shown only in this answer (the server keeps its hash).
     *
     * @param name  the account it acts for
     * @param keyId the key's id, to revoke it ({@code scoring users revoke})
     * @param key   the key, to send in X-API-Key
     */
    record NewKey(String name, String keyId, String key) {
    }

    @OpenApi(path = ApiServer.BASE + USERS, methods = HttpMethod.GET, operationId = "listUsers", tags = "Users",
            summary = "List accounts (admin)",
            security = {@OpenApiSecurity(name = Authentication.API_KEY_SCHEME),
                    @OpenApiSecurity(name = Authentication.SESSION_SCHEME)},
            responses = {@OpenApiResponse(status = "200", content = @OpenApiContent(from = Account[].class)),
                    @OpenApiResponse(status = "403", content = @OpenApiContent(from = ApiError.class))})
    void list(Context ctx) {
        ctx.json(users.list().stream().map(a -> account(a.user())).toList());
    }

    @OpenApi(path = ApiServer.BASE + USERS, methods = HttpMethod.POST, operationId = "addUser", tags = "Users",
            summary = "Add an account (admin)",
            security = {@OpenApiSecurity(name = Authentication.API_KEY_SCHEME),
                    @OpenApiSecurity(name = Authentication.SESSION_SCHEME)},
            requestBody = @OpenApiRequestBody(required = true, content = @OpenApiContent(from = NewAccount.class)),
            responses = {@OpenApiResponse(status = "201", content = @OpenApiContent(from = Account.class)),
                    @OpenApiResponse(status = "400", content = @OpenApiContent(from = ApiError.class)),
                    @OpenApiResponse(status = "403", content = @OpenApiContent(from = ApiError.class))})
    void add(Context ctx) throws IOException {
        Object body = RequestBody.json(ctx, 4_096);
        if (!(body instanceof Map<?, ?> map) || !(map.get("name") instanceof String name)
                || !(map.get("role") instanceof String role) || !(map.get("password") instanceof String password)) {
            throw ApiException.badRequest(List.of(new ApiError.Detail("body",
                    "expected {\"name\": \"...\", \"role\": \"advisor|admin\", \"password\": \"...\"}")));
        }
        Role parsed = Role.parse(role);
        User user = users.addUser(name, parsed, password.toCharArray());
        ctx.status(201).json(account(user));
    }

    @OpenApi(path = ApiServer.BASE + USER, methods = HttpMethod.DELETE, operationId = "removeUser", tags = "Users",
            summary = "Remove an account and its keys (admin)",
            security = {@OpenApiSecurity(name = Authentication.API_KEY_SCHEME),
                    @OpenApiSecurity(name = Authentication.SESSION_SCHEME)},
            pathParams = @OpenApiParam(name = "name", required = true),
            responses = {@OpenApiResponse(status = "204"),
                    @OpenApiResponse(status = "404", content = @OpenApiContent(from = ApiError.class))})
    void remove(Context ctx) throws IOException {
        String name = ctx.pathParam("name");
        users.removeUser(name);
        sessions.invalidateUser(name);
        ctx.status(204);
    }

    @OpenApi(path = ApiServer.BASE + KEYS, methods = HttpMethod.POST, operationId = "newApiKey", tags = "Users",
            summary = "Issue an API key for an account (admin); the key is shown only once",
            security = {@OpenApiSecurity(name = Authentication.API_KEY_SCHEME),
                    @OpenApiSecurity(name = Authentication.SESSION_SCHEME)},
            pathParams = @OpenApiParam(name = "name", required = true),
            responses = {@OpenApiResponse(status = "201", content = @OpenApiContent(from = NewKey.class)),
                    @OpenApiResponse(status = "404", content = @OpenApiContent(from = ApiError.class))})
    void newKey(Context ctx) throws IOException {
        IssuedKey issued = users.newApiKey(ctx.pathParam("name"));
        ctx.status(201).json(new NewKey(issued.user(), issued.id(), issued.key()));
    }

    private static Account account(User user) {
        return new Account(user.name(), user.role().name());
    }
}
