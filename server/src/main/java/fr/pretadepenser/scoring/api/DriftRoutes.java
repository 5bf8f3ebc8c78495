package fr.pretadepenser.scoring.api;

import fr.pretadepenser.scoring.drift.DriftAnalysis;
import fr.pretadepenser.scoring.drift.DriftReport;
import io.javalin.http.Context;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiResponse;
import io.javalin.openapi.OpenApiSecurity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The latest data drift report, as {@code scoring drift} wrote it into the server's reports folder. */
final class DriftRoutes {

    static final String DRIFT = "/drift";

    private final Path reports;

    DriftRoutes(Path reports) {
        this.reports = reports;
    }

    @OpenApi(path = ApiServer.BASE + DRIFT, methods = HttpMethod.GET, operationId = "drift", tags = "Model",
            summary = "The latest data drift report written by 'scoring drift': score PSI, status and every"
                    + " variable's PSI and test, most drifted weighted by importance first",
            security = {@OpenApiSecurity(name = Authentication.API_KEY_SCHEME),
                    @OpenApiSecurity(name = Authentication.SESSION_SCHEME)},
            responses = {@OpenApiResponse(status = "200", content = @OpenApiContent(from = DriftReport.class)),
                    @OpenApiResponse(status = "401", content = @OpenApiContent(from = ApiError.class)),
                    @OpenApiResponse(status = "404", content = @OpenApiContent(from = ApiError.class))})
    void drift(Context ctx) throws IOException {
        // Only the file name the drift command writes is ever read: the path never comes from the request.
        Path file = reports == null ? null : reports.resolve(DriftAnalysis.JSON);
        if (file == null || !Files.isRegularFile(file)) {
            throw new ApiException(404, "not_found", "no drift report is served here; write one with 'scoring"
                    + " drift --current FILE_OR_DIR --out DIR' and start the server with that reports folder");
        }
        // The file is written whole and renamed by the drift command, so it is never read half written.
        ctx.contentType("application/json");
        ctx.result(Files.readAllBytes(file));
    }
}
