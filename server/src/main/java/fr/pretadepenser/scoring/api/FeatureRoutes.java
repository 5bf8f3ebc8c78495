package fr.pretadepenser.scoring.api;

import fr.pretadepenser.scoring.data.UnknownClientException;
import fr.pretadepenser.scoring.explain.Language;
import fr.pretadepenser.scoring.explain.VariableLabels;
import fr.pretadepenser.scoring.features.Feature;
import fr.pretadepenser.scoring.features.FeatureManifest;
import fr.pretadepenser.scoring.portfolio.ClientDirectory;
import fr.pretadepenser.scoring.portfolio.Distribution;
import fr.pretadepenser.scoring.portfolio.Scatter;
import io.javalin.http.Context;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiParam;
import io.javalin.openapi.OpenApiResponse;
import io.javalin.openapi.OpenApiSecurity;

import java.util.OptionalLong;
import java.util.function.Supplier;

/** The model's features: their list, and how a client compares with all clients on one or two of them. */
final class FeatureRoutes {

    static final String FEATURES = "/features";
    static final String DISTRIBUTION = "/features/{name}/distribution";
    static final String SCATTER = "/features/{name}/scatter/{other}";

    private final FeatureManifest features;
    private final VariableLabels labels;
    private final Supplier<ClientDirectory> clients;

    FeatureRoutes(FeatureManifest features, VariableLabels labels, Supplier<ClientDirectory> clients) {
        this.features = features;
        this.labels = labels;
        this.clients = clients;
    }

    /**
     * One feature of the model.
     *
     * @param name     the feature column, e.g. {@code BURO_DAYS_CREDIT_MEAN}
     * @param table    its source table
     * @param variable its original variable
     * @param label    the original variable's label
     */
    record FeatureView(String name, String table, String variable, String label) {
    }

    @OpenApi(path = ApiServer.BASE + FEATURES, methods = HttpMethod.GET, operationId = "features",
            tags = "Features", summary = "The model's features, in order, with their original variable",
            security = {@OpenApiSecurity(name = Authentication.API_KEY_SCHEME),
                    @OpenApiSecurity(name = Authentication.SESSION_SCHEME)},
            queryParams = @OpenApiParam(name = "lang", description = "fr or en"),
            responses = @OpenApiResponse(status = "200", content = @OpenApiContent(from = FeatureView[].class)))
    void list(Context ctx) {
        QueryParameters query = new QueryParameters(ctx);
        Language language = query.language();
        query.check();
        ctx.json(features.features().stream().map((Feature f) -> new FeatureView(f.name(),
                f.table(), f.variable(), labels.label(f.table(), f.variable(), language))).toList());
    }

    @OpenApi(path = ApiServer.BASE + DISTRIBUTION, methods = HttpMethod.GET, operationId = "distribution",
            tags = "Features", summary = "Histogram of a feature for all clients, defaulters and others, with a"
            + " client's value and percentile",
            security = {@OpenApiSecurity(name = Authentication.API_KEY_SCHEME),
                    @OpenApiSecurity(name = Authentication.SESSION_SCHEME)},
            pathParams = @OpenApiParam(name = "name", required = true, description = "a feature name (GET /features)"),
            queryParams = {@OpenApiParam(name = "client", type = Long.class, description = "SK_ID_CURR to place"),
                    @OpenApiParam(name = "bins", type = Integer.class, description = "1..100, default 30")},
            responses = {@OpenApiResponse(status = "200", content = @OpenApiContent(from = Distribution.class)),
                    @OpenApiResponse(status = "400", content = @OpenApiContent(from = ApiError.class)),
                    @OpenApiResponse(status = "404", content = @OpenApiContent(from = ApiError.class))})
    void distribution(Context ctx) {
        QueryParameters query = new QueryParameters(ctx);
        String name = feature(query, ctx.pathParam("name"), "path.name");
        OptionalLong client = query.clientId("client");
        int bins = query.integer("bins", 30, 1, 100);
        query.check();
        known(client);
        ctx.json(clients.get().distribution(name, client, bins));
    }

    @OpenApi(path = ApiServer.BASE + SCATTER, methods = HttpMethod.GET, operationId = "scatter",
            tags = "Features", summary = "A fixed sample of clients on two features, with their outcome and a client",
            security = {@OpenApiSecurity(name = Authentication.API_KEY_SCHEME),
                    @OpenApiSecurity(name = Authentication.SESSION_SCHEME)},
            pathParams = {@OpenApiParam(name = "name", required = true, description = "the x feature"),
                    @OpenApiParam(name = "other", required = true, description = "the y feature")},
            queryParams = {@OpenApiParam(name = "client", type = Long.class, description = "SK_ID_CURR to place"),
                    @OpenApiParam(name = "sample", type = Integer.class, description = "1..5000, default 1000")},
            responses = {@OpenApiResponse(status = "200", content = @OpenApiContent(from = Scatter.class)),
                    @OpenApiResponse(status = "400", content = @OpenApiContent(from = ApiError.class)),
                    @OpenApiResponse(status = "404", content = @OpenApiContent(from = ApiError.class))})
    void scatter(Context ctx) {
        QueryParameters query = new QueryParameters(ctx);
        String x = feature(query, ctx.pathParam("name"), "path.name");
        String y = feature(query, ctx.pathParam("other"), "path.other");
        OptionalLong client = query.clientId("client");
        int sample = query.integer("sample", 1000, 1, 5000);
        query.check();
        known(client);
        ctx.json(clients.get().scatter(x, y, client, sample));
    }

    private String feature(QueryParameters query, String name, String field) {
        if (!features.featureNames().contains(name)) {
            query.problem(field, "unknown feature '" + (name.length() > 60 ? name.substring(0, 60) + "…" : name)
                    + "'; the model's features are listed at " + ApiServer.BASE + FEATURES);
        }
        return name;
    }

    private void known(OptionalLong client) {
        if (client.isPresent() && clients.get().probability(client.getAsLong()).isEmpty()) {
            throw new UnknownClientException(client.getAsLong());
        }
    }
}
