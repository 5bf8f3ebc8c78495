package fr.pretadepenser.scoring.api;

import fr.pretadepenser.scoring.explain.Language;
import fr.pretadepenser.scoring.portfolio.ClientDirectory;
import fr.pretadepenser.scoring.portfolio.Portfolio;
import io.javalin.http.Context;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiParam;
import io.javalin.openapi.OpenApiResponse;
import io.javalin.openapi.OpenApiSecurity;
import java.util.function.Supplier;

/** The stored clients as a whole: the dashboard's portfolio page. */
final class PortfolioRoutes {

    static final String PORTFOLIO = "/portfolio";

    private final Supplier<ClientDirectory> clients;

    PortfolioRoutes(Supplier<ClientDirectory> clients) {
        this.clients = clients;
    }

    @OpenApi(path = ApiServer.BASE + PORTFOLIO, methods = HttpMethod.GET, operationId = "portfolio",
            tags = "Clients", summary = "Score distribution of the stored clients with the threshold, approval and"
            + " default rates, and both by income type, education and age band",
            description = "Each segment group keeps the stored value (value, e.g. Working) and adds its label in the"
                    + " requested language (label, e.g. Salarié in French).",
            security = {@OpenApiSecurity(name = Authentication.API_KEY_SCHEME),
                    @OpenApiSecurity(name = Authentication.SESSION_SCHEME)},
            queryParams = {@OpenApiParam(name = "bins", type = Integer.class, description = "1..100, default 20"),
                    @OpenApiParam(name = "lang", description = "fr or en (else Accept-Language, else fr): the"
                            + " language of the segments' labels")},
            responses = {@OpenApiResponse(status = "200", content = @OpenApiContent(from = Portfolio.class)),
                    @OpenApiResponse(status = "400", content = @OpenApiContent(from = ApiError.class)),
                    @OpenApiResponse(status = "401", content = @OpenApiContent(from = ApiError.class))})
    void portfolio(Context ctx) {
        QueryParameters query = new QueryParameters(ctx);
        int bins = query.integer("bins", 20, 1, 100);
        Language language = query.language();
        query.check();
        ctx.json(clients.get().portfolio(bins, language));
    }
}
