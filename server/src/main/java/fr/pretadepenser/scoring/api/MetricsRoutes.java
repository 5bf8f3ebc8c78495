package fr.pretadepenser.scoring.api;

import io.javalin.http.Context;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiResponse;
import io.javalin.openapi.OpenApiSecurity;

/** Prometheus metrics, for an admin account or API key (Prometheus sends it as {@code Authorization: Bearer}). */
final class MetricsRoutes {

    static final String METRICS = "/metrics";

    private final ApiMetrics metrics;

    MetricsRoutes(ApiMetrics metrics) {
        this.metrics = metrics;
    }

    @OpenApi(path = METRICS, methods = HttpMethod.GET, operationId = "metrics", tags = "Operations",
            summary = "Prometheus metrics: requests and latency per route, scores per decision, model version",
            security = @OpenApiSecurity(name = Authentication.API_KEY_SCHEME),
            responses = @OpenApiResponse(status = "200", content = @OpenApiContent(type = "text/plain")))
    void metrics(Context ctx) {
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
    }
}
