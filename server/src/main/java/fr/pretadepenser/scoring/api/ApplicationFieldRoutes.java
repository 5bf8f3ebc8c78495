package fr.pretadepenser.scoring.api;

import fr.pretadepenser.scoring.data.Vocabularies;
import fr.pretadepenser.scoring.data.check.ApplicationCheck;
import fr.pretadepenser.scoring.features.FeatureFiles;
import io.javalin.http.Context;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiResponse;
import io.javalin.openapi.OpenApiSecurity;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an application sent to the score routes may hold: the required fields and the categories the model knows,
 * so that forms (the dashboard's among them) offer exactly what the check accepts, from the one source.
 */
final class ApplicationFieldRoutes {

    static final String FIELDS = "/application/fields";

    private static final String PREFIX = FeatureFiles.APPLICATION + ".";

    private final Vocabularies vocabularies;

    ApplicationFieldRoutes(Vocabularies vocabularies) {
        this.vocabularies = vocabularies;
    }

    /**
     * The fields of an application.
     *
     * @param required   the fields a new application must have
     * @param categories for each text field, the values accepted (the model's vocabulary), sorted
     */
    record ApplicationFields(List<String> required, Map<String, List<String>> categories) {
    }

    @OpenApi(path = ApiServer.BASE + FIELDS, methods = HttpMethod.GET, operationId = "applicationFields",
            tags = "Scores", summary = "Required fields and accepted categories of an application",
            security = {@OpenApiSecurity(name = Authentication.API_KEY_SCHEME),
                    @OpenApiSecurity(name = Authentication.SESSION_SCHEME)},
            responses = {@OpenApiResponse(status = "200", content = @OpenApiContent(from = ApplicationFields.class)),
                    @OpenApiResponse(status = "401", content = @OpenApiContent(from = ApiError.class))})
    void fields(Context ctx) {
        Map<String, List<String>> categories = new LinkedHashMap<>();
        vocabularies.byColumn().forEach((column, values) -> {
            if (column.startsWith(PREFIX)) {
                categories.put(column.substring(PREFIX.length()), values);
            }
        });
        ctx.json(new ApplicationFields(ApplicationCheck.REQUIRED, categories));
    }
}
