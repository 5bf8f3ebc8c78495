package fr.pretadepenser.scoring.api;

import fr.pretadepenser.scoring.data.Vocabularies;
import fr.pretadepenser.scoring.explain.Language;
import fr.pretadepenser.scoring.explain.VariableLabels;
import fr.pretadepenser.scoring.data.check.ApplicationCheck;
import fr.pretadepenser.scoring.features.FeatureFiles;
import io.javalin.http.Context;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiParam;
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
    private final VariableLabels labels;

    ApplicationFieldRoutes(Vocabularies vocabularies, VariableLabels labels) {
        this.vocabularies = vocabularies;
        this.labels = labels;
    }

    /**
     * The fields of an application.
     *
     * @param required   the fields a new application must have
     * @param categories for each text field, the values accepted (the model's vocabulary), sorted: what a form sends
     * @param labels     for each text field, each accepted value's label in the requested language (e.g. Working:
     *                   Salarié in French): what a form shows
     */
    record ApplicationFields(List<String> required, Map<String, List<String>> categories,
                             Map<String, Map<String, String>> labels) {
    }

    @OpenApi(path = ApiServer.BASE + FIELDS, methods = HttpMethod.GET, operationId = "applicationFields",
            tags = "Scores", summary = "Required fields and accepted categories of an application",
            description = "categories lists the codes an application sends; labels gives each code's label in the"
                    + " requested language, for forms to show.",
            security = {@OpenApiSecurity(name = Authentication.API_KEY_SCHEME),
                    @OpenApiSecurity(name = Authentication.SESSION_SCHEME)},
            queryParams = @OpenApiParam(name = "lang", description = "fr or en (else Accept-Language, else fr): the"
                    + " language of the labels"),
            responses = {@OpenApiResponse(status = "200", content = @OpenApiContent(from = ApplicationFields.class)),
                    @OpenApiResponse(status = "400", content = @OpenApiContent(from = ApiError.class)),
                    @OpenApiResponse(status = "401", content = @OpenApiContent(from = ApiError.class))})
    void fields(Context ctx) {
        QueryParameters query = new QueryParameters(ctx);
        Language language = query.language();
        query.check();
        Map<String, List<String>> categories = new LinkedHashMap<>();
        Map<String, Map<String, String>> shown = new LinkedHashMap<>();
        vocabularies.byColumn().forEach((column, values) -> {
            if (column.startsWith(PREFIX)) {
                String name = column.substring(PREFIX.length());
                categories.put(name, values);
                Map<String, String> byValue = new LinkedHashMap<>();
                values.forEach(v -> byValue.put(v, labels.category(FeatureFiles.APPLICATION, name, v, language)));
                shown.put(name, byValue);
            }
        });
        ctx.json(new ApplicationFields(ApplicationCheck.REQUIRED, categories, shown));
    }
}
