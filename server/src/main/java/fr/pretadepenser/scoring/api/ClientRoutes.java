package fr.pretadepenser.scoring.api;

import fr.pretadepenser.scoring.data.UnknownClientException;
import fr.pretadepenser.scoring.explain.Language;
import fr.pretadepenser.scoring.portfolio.ClientDirectory;
import fr.pretadepenser.scoring.portfolio.ClientPage;
import fr.pretadepenser.scoring.portfolio.ClientProfile;
import fr.pretadepenser.scoring.portfolio.ClientQuery;
import fr.pretadepenser.scoring.portfolio.Neighbors;
import fr.pretadepenser.scoring.score.RiskBand;
import io.javalin.http.Context;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiParam;
import io.javalin.openapi.OpenApiResponse;
import io.javalin.openapi.OpenApiSecurity;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

/** The stored clients: search, one client's data, and the clients most like them. */
final class ClientRoutes {

    static final String CLIENTS = "/clients";
    static final String CLIENT = "/clients/{id}";
    static final String NEIGHBORS = "/clients/{id}/neighbors";

    private final Supplier<ClientDirectory> clients;

    ClientRoutes(Supplier<ClientDirectory> clients) {
        this.clients = clients;
    }

    @OpenApi(path = ApiServer.BASE + CLIENTS, methods = HttpMethod.GET, operationId = "searchClients",
            tags = "Clients", summary = "Search clients by id prefix and filters, a page at a time",
            security = {@OpenApiSecurity(name = Authentication.API_KEY_SCHEME),
                    @OpenApiSecurity(name = Authentication.SESSION_SCHEME)},
            queryParams = {
                    @OpenApiParam(name = "q", description = "the start of an SK_ID_CURR (digits)"),
                    @OpenApiParam(name = "contract", description = "NAME_CONTRACT_TYPE, e.g. Cash loans"),
                    @OpenApiParam(name = "income", description = "NAME_INCOME_TYPE, e.g. Working"),
                    @OpenApiParam(name = "band", description = "LOW, REVIEW or HIGH"),
                    @OpenApiParam(name = "lang", description = "fr or en: the language of the categories' labels"
                            + " (contractTypeLabel, incomeTypeLabel) beside their codes"),
                    @OpenApiParam(name = "limit", type = Integer.class, description = "1..100, default 20"),
                    @OpenApiParam(name = "offset", type = Integer.class, description = "0.., default 0")},
            responses = {@OpenApiResponse(status = "200", content = @OpenApiContent(from = ClientPage.class)),
                    @OpenApiResponse(status = "400", content = @OpenApiContent(from = ApiError.class))})
    void search(Context ctx) {
        QueryParameters query = new QueryParameters(ctx);
        String prefix = query.text("q", 19);
        if (prefix != null && !prefix.chars().allMatch(Character::isDigit)) {
            query.problem("query.q", "expected the start of a client id (digits only), got '" + prefix + "'");
        }
        String contract = query.text("contract", 100);
        String income = query.text("income", 100);
        RiskBand band = null;
        String rawBand = query.text("band", 20);
        if (rawBand != null) {
            try {
                band = RiskBand.valueOf(rawBand.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                query.problem("query.band", "expected one of " + Arrays.toString(RiskBand.values()) + ", got '"
                        + rawBand + "'");
            }
        }
        int limit = query.integer("limit", 20, 1, 100);
        int offset = query.integer("offset", 0, 0, 1_000_000);
        Language language = query.language();
        query.check();
        ctx.json(clients.get().search(new ClientQuery(prefix, contract, income, band, limit, offset), language));
    }

    @OpenApi(path = ApiServer.BASE + CLIENT, methods = HttpMethod.GET, operationId = "client", tags = "Clients",
            summary = "A client's application with labels and units, and a summary of their credit history",
            security = {@OpenApiSecurity(name = Authentication.API_KEY_SCHEME),
                    @OpenApiSecurity(name = Authentication.SESSION_SCHEME)},
            pathParams = @OpenApiParam(name = "id", type = Long.class, required = true, description = "SK_ID_CURR"),
            queryParams = @OpenApiParam(name = "lang", description = "fr or en"),
            responses = {@OpenApiResponse(status = "200", content = @OpenApiContent(from = ClientProfile.class)),
                    @OpenApiResponse(status = "400", content = @OpenApiContent(from = ApiError.class)),
                    @OpenApiResponse(status = "404", content = @OpenApiContent(from = ApiError.class))})
    void client(Context ctx) {
        QueryParameters query = new QueryParameters(ctx);
        long id = query.pathClientId();
        Language language = query.language();
        query.check();
        ctx.json(clients.get().profile(id, language).orElseThrow(() -> new UnknownClientException(id)));
    }

    @OpenApi(path = ApiServer.BASE + NEIGHBORS, methods = HttpMethod.GET, operationId = "neighbors",
            tags = "Clients", summary = "The most similar past clients, their outcomes and their default rate",
            security = {@OpenApiSecurity(name = Authentication.API_KEY_SCHEME),
                    @OpenApiSecurity(name = Authentication.SESSION_SCHEME)},
            pathParams = @OpenApiParam(name = "id", type = Long.class, required = true, description = "SK_ID_CURR"),
            queryParams = @OpenApiParam(name = "k", type = Integer.class, description = "1..100, default 10"),
            responses = {@OpenApiResponse(status = "200", content = @OpenApiContent(from = Neighbors.class)),
                    @OpenApiResponse(status = "400", content = @OpenApiContent(from = ApiError.class)),
                    @OpenApiResponse(status = "404", content = @OpenApiContent(from = ApiError.class))})
    void neighbors(Context ctx) {
        QueryParameters query = new QueryParameters(ctx);
        long id = query.pathClientId();
        int k = query.integer("k", 10, 1, 100);
        query.check();
        ctx.json(clients.get().neighbors(id, k).orElseThrow(() -> new UnknownClientException(id)));
    }
}
