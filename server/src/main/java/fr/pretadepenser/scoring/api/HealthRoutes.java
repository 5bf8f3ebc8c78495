package fr.pretadepenser.scoring.api;

import fr.pretadepenser.scoring.portfolio.ClientDirectory;
import io.javalin.http.Context;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiResponse;

import java.util.function.BooleanSupplier;

/** Liveness and readiness, for load balancers and orchestrators: the only routes open without credentials. */
final class HealthRoutes {

    static final String HEALTH = "/health";
    static final String READY = "/ready";

    private final CurrentModel model;
    private final BooleanSupplier warm;

    HealthRoutes(CurrentModel model, BooleanSupplier warm) {
        this.model = model;
        this.warm = warm;
    }

    /**
     * Liveness.
     *
     * @param status always {@code up} when the process answers
     */
    record Health(String status) {
    }

    /**
     * Readiness.
     *
     * @param ready        whether the model and the client data answer
     * @param modelVersion the bundle served
     * @param clients      clients known
     * @param warm         whether the start-up warm-up is over (answers come at their steady speed); the server
     *                     answers before, more slowly
     */
    record Readiness(boolean ready, String modelVersion, int clients, boolean warm) {
    }

    @OpenApi(path = ApiServer.BASE + HEALTH, methods = HttpMethod.GET, operationId = "health", tags = "Health",
            summary = "Is the process alive?",
            responses = @OpenApiResponse(status = "200", content = @OpenApiContent(from = Health.class)))
    void health(Context ctx) {
        ctx.json(new Health("up"));
    }

    @OpenApi(path = ApiServer.BASE + READY, methods = HttpMethod.GET, operationId = "ready", tags = "Health",
            summary = "Are the model and the client data loaded and answering?",
            responses = {@OpenApiResponse(status = "200", content = @OpenApiContent(from = Readiness.class)),
                    @OpenApiResponse(status = "503", content = @OpenApiContent(from = Readiness.class))})
    void ready(Context ctx) {
        ServedModel served = model.get();
        ClientDirectory clients = served.clients();
        boolean ready;
        try {
            // A real read of the database, not a flag: a lost connection makes the server unready.
            ready = clients.size() > 0 && served.features().storedApplication(-1).isEmpty();
        } catch (RuntimeException e) {
            ready = false;
        }
        ctx.status(ready ? 200 : 503).json(new Readiness(ready, served.version(), clients.size(),
                warm.getAsBoolean()));
    }
}
