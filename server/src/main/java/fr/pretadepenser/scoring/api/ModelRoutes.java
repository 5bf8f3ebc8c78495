package fr.pretadepenser.scoring.api;

import fr.pretadepenser.scoring.explain.Contribution;
import fr.pretadepenser.scoring.explain.Language;
import fr.pretadepenser.scoring.model.BundleManifest;
import fr.pretadepenser.scoring.model.BusinessCost;
import fr.pretadepenser.scoring.model.Evaluation;
import io.javalin.http.Context;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiParam;
import io.javalin.openapi.OpenApiResponse;
import io.javalin.openapi.OpenApiSecurity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What the served model is (for admins) and which variables matter to it overall (for everybody). */
final class ModelRoutes {

    static final String MODEL = "/model";
    static final String IMPORTANCE = "/model/importance";

    private final ApiServices services;

    ModelRoutes(ApiServices services) {
        this.services = services;
    }

    /**
     * The served model.
     *
     * @param version         bundle version
     * @param createdAt       training time (UTC)
     * @param threshold       refusal threshold
     * @param cost            the cost weights the threshold minimises
     * @param metrics         out-of-fold evaluation of the model
     * @param logistic        the logistic-regression baseline on the same folds
     * @param featureCount    features read
     * @param trainingRows    labelled applications trained on
     * @param defaultRate     their default rate
     * @param dataFingerprint SHA-256 of the training data, feature SQL and settings
     * @param normalizedCost  cost at the threshold relative to the best decision without a model
     */
    record ModelInfo(String version, String createdAt, double threshold, BusinessCost cost, Evaluation metrics,
                     Evaluation logistic, int featureCount, int trainingRows, double defaultRate,
                     String dataFingerprint, double normalizedCost) {
    }

    /**
     * One original variable's global importance.
     *
     * @param table        source table
     * @param variable     original variable
     * @param label        its label in the requested language
     * @param meanAbsShap  mean |SHAP| over a sample of applications (log-odds)
     * @param gain         its share of the model's total gain
     */
    record Importance(String table, String variable, String label, double meanAbsShap, double gain) {
    }

    @OpenApi(path = ApiServer.BASE + MODEL, methods = HttpMethod.GET, operationId = "model", tags = "Model",
            summary = "The served model: version, threshold, cost weights, metrics, data fingerprint (admin)",
            security = {@OpenApiSecurity(name = Authentication.API_KEY_SCHEME),
                    @OpenApiSecurity(name = Authentication.SESSION_SCHEME)},
            responses = {@OpenApiResponse(status = "200", content = @OpenApiContent(from = ModelInfo.class)),
                    @OpenApiResponse(status = "401", content = @OpenApiContent(from = ApiError.class)),
                    @OpenApiResponse(status = "403", content = @OpenApiContent(from = ApiError.class))})
    void model(Context ctx) {
        BundleManifest m = services.bundle().manifest();
        ctx.json(new ModelInfo(m.version(), m.createdAt(), m.threshold(), m.cost(), m.model(), m.logistic(),
                m.featureCount(), m.trainingRows(), m.defaultRate(), m.dataFingerprint(), m.normalizedCost()));
    }

    @OpenApi(path = ApiServer.BASE + IMPORTANCE, methods = HttpMethod.GET, operationId = "importance",
            tags = "Model", summary = "Global importance per original variable (mean |SHAP| and gain share)",
            security = {@OpenApiSecurity(name = Authentication.API_KEY_SCHEME),
                    @OpenApiSecurity(name = Authentication.SESSION_SCHEME)},
            queryParams = {@OpenApiParam(name = "top", type = Integer.class, description = "1..500, default 20"),
                    @OpenApiParam(name = "lang", description = "fr or en")},
            responses = {@OpenApiResponse(status = "200", content = @OpenApiContent(from = Importance[].class)),
                    @OpenApiResponse(status = "400", content = @OpenApiContent(from = ApiError.class))})
    void importance(Context ctx) {
        QueryParameters query = new QueryParameters(ctx);
        int top = query.integer("top", 20, 1, 500);
        Language language = query.language();
        query.check();
        BundleManifest m = services.bundle().manifest();
        Map<String, Double> gain = new HashMap<>();
        double totalGain = m.gainImportance().stream().mapToDouble(Contribution::value).sum();
        for (Contribution c : m.gainImportance()) {
            gain.put(c.table() + "." + c.variable(), totalGain == 0 ? 0 : c.value() / totalGain);
        }
        List<Importance> result = new ArrayList<>();
        for (Contribution c : m.shapImportance()) {
            if (result.size() == top) {
                break;
            }
            result.add(new Importance(c.table(), c.variable(), services.labels().label(c.table(), c.variable(),
                    language), c.value(), gain.getOrDefault(c.table() + "." + c.variable(), 0.0)));
        }
        ctx.json(result);
    }
}
