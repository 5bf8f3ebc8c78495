package fr.pretadepenser.scoring.api;

import fr.pretadepenser.scoring.drift.DriftAnalysis;
import fr.pretadepenser.scoring.explain.Language;
import fr.pretadepenser.scoring.explain.VariableLabels;
import fr.pretadepenser.scoring.model.bundle.BundleManifest;
import fr.pretadepenser.scoring.model.bundle.VariableImportance;
import fr.pretadepenser.scoring.model.evaluation.BusinessCost;
import fr.pretadepenser.scoring.model.evaluation.Evaluation;
import fr.pretadepenser.scoring.model.evaluation.Metrics;
import fr.pretadepenser.scoring.model.evaluation.Threshold;
import fr.pretadepenser.scoring.report.DeckReport;
import fr.pretadepenser.scoring.report.ExplorationReport;
import fr.pretadepenser.scoring.report.MethodologyReport;
import fr.pretadepenser.scoring.report.SelectionReport;
import io.javalin.http.Context;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiParam;
import io.javalin.openapi.OpenApiRequestBody;
import io.javalin.openapi.OpenApiResponse;
import io.javalin.openapi.OpenApiSecurity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the served model is (in full for admins, a summary for managers), its methodology note and the exploration
 * report of the data, which variables matter to it overall, and the admins' switch to another bundle version.
 */
final class ModelRoutes {

    static final String MODEL = "/model";
    static final String IMPORTANCE = "/model/importance";
    static final String SUMMARY = "/model/summary";
    static final String REPORT = "/model/report/{name}";
    static final String CURRENT = "/model/current";

    /** The reports {@link #REPORT} serves, by name: only these file names are ever read. */
    private static final Map<String, String> REPORT_FILES = Map.of("html", MethodologyReport.HTML,
            "pdf", MethodologyReport.PDF, "exploration", ExplorationReport.HTML, "drift", DriftAnalysis.HTML,
            "selection", SelectionReport.HTML, "deck", DeckReport.HTML, "deck-pdf", DeckReport.PDF);
    private static final Map<String, String> REPORT_COMMANDS = Map.of("html", "scoring report model",
            "pdf", "scoring report model", "exploration", "scoring report explore", "drift", "scoring drift",
            "selection", "scoring select", "deck", "scoring report deck", "deck-pdf", "scoring report deck");
    /** The report names in the order the summary lists them. */
    private static final List<String> REPORT_NAMES = List.of("html", "pdf", "exploration", "drift", "selection",
            "deck", "deck-pdf");

    // A switch request is one short field.
    private static final long MAX_SWITCH_BODY = 4_096;

    private final CurrentModel current;
    private final VariableLabels labels;
    private final Path reports;
    private volatile WrittenSummary summary;

    ModelRoutes(CurrentModel current, VariableLabels labels, Path reports) {
        this.current = current;
        this.labels = labels;
        this.reports = reports;
    }

    /**
     * What a relationship manager may read of the served model: enough to understand the threshold they apply and
     * how good the model is. A separate advisor route rather than opening {@link #MODEL}: that one also tells the
     * data fingerprint and training details, which stay with the admins (the roles of the API issue).
     *
     * @param version        bundle version
     * @param createdAt      training time (UTC)
     * @param threshold      refusal threshold
     * @param cost           the cost weights the threshold minimises (a missed default against a refused good client)
     * @param metrics        out-of-fold evaluation of the model
     * @param logistic       the logistic-regression baseline on the same folds
     * @param trainingRows   labelled applications trained on
     * @param defaultRate    their default rate
     * @param normalizedCost cost at the threshold relative to the best decision without a model
     * @param costCurve      cost against threshold
     * @param calibration    deciles of predicted probability against observed default rate
     * @param reports        which reports {@link #REPORT} serves: {@code html} and {@code pdf} (the methodology
     *                       note), {@code exploration} (the exploration report of the data), {@code drift} (the
     *                       latest drift report), {@code selection} (the feature-selection report), {@code deck}
     *                       and {@code deck-pdf} (the committee's presentation deck)
     * @param features       the features the model reads, and how many they were selected from (absent when the
     *                       model reads every feature)
     */
    record ModelSummary(String version, String createdAt, double threshold, BusinessCost cost, Evaluation metrics,
                        Evaluation logistic, int trainingRows, double defaultRate, double normalizedCost,
                        List<Threshold.Point> costCurve, List<Metrics.CalibrationBin> calibration,
                        List<String> reports, ScoreView.FeaturesView features) {
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

    /**
     * The body of {@code PUT /model/current}.
     *
     * @param version the bundle version to serve: a folder of the models folder
     */
    record SwitchRequest(String version) {
    }

    /**
     * The answer of a model switch.
     *
     * @param version  the version served from now on
     * @param previous the version served before (the same when it was already served)
     * @param clients  stored clients scored by the new model
     */
    record Switched(String version, String previous, int clients) {
    }

    @OpenApi(path = ApiServer.BASE + CURRENT, methods = HttpMethod.PUT, operationId = "switchModel", tags = "Model",
            summary = "Serve another bundle version of the models folder (admin)",
            description = "Loads models/<version>, checks its checksums and that the database's features were built"
                    + " by the same SQL and vocabularies, scores the stored clients with it, then serves it to every"
                    + " new request; answers of stored clients cached under the previous version are dropped with"
                    + " it. A server started on models/current re-points that link, and every server over the models"
                    + " folder (replicas) follows within seconds; a server started on a bundle folder switches alone.",
            security = {@OpenApiSecurity(name = Authentication.API_KEY_SCHEME),
                    @OpenApiSecurity(name = Authentication.SESSION_SCHEME)},
            requestBody = @OpenApiRequestBody(required = true, content = @OpenApiContent(from = SwitchRequest.class)),
            responses = {@OpenApiResponse(status = "200", content = @OpenApiContent(from = Switched.class)),
                    @OpenApiResponse(status = "400", content = @OpenApiContent(from = ApiError.class)),
                    @OpenApiResponse(status = "401", content = @OpenApiContent(from = ApiError.class)),
                    @OpenApiResponse(status = "403", content = @OpenApiContent(from = ApiError.class)),
                    @OpenApiResponse(status = "404", content = @OpenApiContent(from = ApiError.class))})
    void switchModel(Context ctx) throws SQLException, IOException {
        Object body = RequestBody.json(ctx, MAX_SWITCH_BODY);
        if (!(body instanceof Map<?, ?> map) || map.size() != 1 || !(map.get("version") instanceof String version)) {
            throw ApiException.badRequest(List.of(new ApiError.Detail("body",
                    "expected {\"version\": \"<bundle version>\"} and nothing else")));
        }
        ServedModel before = current.switchTo(version);
        ServedModel now = current.get();
        ctx.json(new Switched(now.version(), before.version(), now.clients().size()));
    }

    @OpenApi(path = ApiServer.BASE + MODEL, methods = HttpMethod.GET, operationId = "model", tags = "Model",
            summary = "The served model: version, threshold, cost weights, metrics, data fingerprint (admin)",
            security = {@OpenApiSecurity(name = Authentication.API_KEY_SCHEME),
                    @OpenApiSecurity(name = Authentication.SESSION_SCHEME)},
            responses = {@OpenApiResponse(status = "200", content = @OpenApiContent(from = ModelInfo.class)),
                    @OpenApiResponse(status = "401", content = @OpenApiContent(from = ApiError.class)),
                    @OpenApiResponse(status = "403", content = @OpenApiContent(from = ApiError.class))})
    void model(Context ctx) {
        BundleManifest m = current.get().bundle().manifest();
        ctx.json(new ModelInfo(m.version(), m.createdAt(), m.threshold(), m.cost(), m.model(), m.logistic(),
                m.featureCount(), m.trainingRows(), m.defaultRate(), m.dataFingerprint(), m.normalizedCost()));
    }

    @OpenApi(path = ApiServer.BASE + SUMMARY, methods = HttpMethod.GET, operationId = "modelSummary",
            tags = "Model", summary = "The served model for managers: version, metrics, threshold, cost curve,"
            + " calibration, and which reports are served",
            security = {@OpenApiSecurity(name = Authentication.API_KEY_SCHEME),
                    @OpenApiSecurity(name = Authentication.SESSION_SCHEME)},
            responses = {@OpenApiResponse(status = "200", content = @OpenApiContent(from = ModelSummary.class)),
                    @OpenApiResponse(status = "401", content = @OpenApiContent(from = ApiError.class))})
    void summary(Context ctx) {
        ServedModel model = current.get();
        List<String> formats = new ArrayList<>();
        for (String format : REPORT_NAMES) {
            if (reportFile(format).isPresent()) {
                formats.add(format);
            }
        }
        // The summary changes only with the model and the reports present; written anew for each request, its
        // 2,000 doubles took most of the route's time (Jackson's double writing, in a profile).
        WrittenSummary written = summary;
        if (written == null || written.model() != model || !written.reports().equals(formats)) {
            BundleManifest m = model.bundle().manifest();
            written = new WrittenSummary(model, formats, JsonAnswers.bytes(new ModelSummary(m.version(), m.createdAt(),
                    m.threshold(), m.cost(), m.model(), m.logistic(), m.trainingRows(), m.defaultRate(),
                    m.normalizedCost(), m.costCurve(), m.calibration(), formats,
                    ScoreView.FeaturesView.of(model.bundle()))));
            summary = written;
        }
        JsonAnswers.send(ctx, written.json());
    }

    /** The summary as last written, for the model and reports it was written for. */
    private record WrittenSummary(ServedModel model, List<String> reports, byte[] json) {
    }

    @OpenApi(path = ApiServer.BASE + REPORT, methods = HttpMethod.GET, operationId = "methodologyReport",
            tags = "Model", summary = "The methodology note written by 'scoring report model' (html or pdf), the"
            + " exploration report written by 'scoring report explore' (exploration), the latest drift report"
            + " written by 'scoring drift' (drift), the feature-selection report of 'scoring select' (selection),"
            + " or the committee's presentation deck of 'scoring report deck' (deck for its slides, deck-pdf)",
            security = {@OpenApiSecurity(name = Authentication.API_KEY_SCHEME),
                    @OpenApiSecurity(name = Authentication.SESSION_SCHEME)},
            pathParams = @OpenApiParam(name = "name", required = true,
                    description = "html, pdf, exploration, drift, selection, deck or deck-pdf"),
            responses = {@OpenApiResponse(status = "200", content = {@OpenApiContent(type = "text/html"),
                    @OpenApiContent(type = "application/pdf")}),
                    @OpenApiResponse(status = "400", content = @OpenApiContent(from = ApiError.class)),
                    @OpenApiResponse(status = "404", content = @OpenApiContent(from = ApiError.class))})
    void report(Context ctx) throws IOException {
        String name = ctx.pathParam("name");
        if (!REPORT_FILES.containsKey(name)) {
            throw ApiException.badRequest(List.of(new ApiError.Detail("path.name", "expected html, pdf,"
                    + " exploration, drift, selection, deck or deck-pdf, got '"
                    + (name.length() > 20 ? name.substring(0, 20) : name) + "'")));
        }
        // Only the file names the report commands write are ever read: the path never comes from the request.
        Path file = reportFile(name).orElseThrow(() -> new ApiException(404, "not_found", "this report is not"
                + " served here; write it with '" + REPORT_COMMANDS.get(name) + "' and start the server with its"
                + " folder (--reports)"));
        ctx.contentType(REPORT_FILES.get(name).endsWith(".pdf") ? "application/pdf" : "text/html; charset=utf-8");
        ctx.result(Files.readAllBytes(file));
    }

    private Optional<Path> reportFile(String name) {
        if (reports == null || !REPORT_FILES.containsKey(name)) {
            return Optional.empty();
        }
        Path file = reports.resolve(REPORT_FILES.get(name));
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
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
        BundleManifest m = current.get().bundle().manifest();
        Map<String, Double> gain = new HashMap<>();
        double totalGain = m.gainImportance().stream().mapToDouble(VariableImportance::value).sum();
        for (VariableImportance c : m.gainImportance()) {
            gain.put(c.table() + "." + c.variable(), totalGain == 0 ? 0 : c.value() / totalGain);
        }
        List<Importance> result = new ArrayList<>();
        for (VariableImportance c : m.shapImportance()) {
            if (result.size() == top) {
                break;
            }
            result.add(new Importance(c.table(), c.variable(), labels.label(c.table(), c.variable(),
                    language), c.value(), gain.getOrDefault(c.table() + "." + c.variable(), 0.0)));
        }
        ctx.json(result);
    }
}
