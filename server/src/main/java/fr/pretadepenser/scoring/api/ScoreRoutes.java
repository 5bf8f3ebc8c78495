package fr.pretadepenser.scoring.api;

import fr.pretadepenser.scoring.audit.AuditLog;
import fr.pretadepenser.scoring.audit.AuditRecord;
import fr.pretadepenser.scoring.auth.User;
import fr.pretadepenser.scoring.data.check.FieldProblem;
import fr.pretadepenser.scoring.data.check.InvalidApplicationException;
import fr.pretadepenser.scoring.explain.Language;
import fr.pretadepenser.scoring.explain.VariableLabels;
import fr.pretadepenser.scoring.score.ApplicationScoring;
import fr.pretadepenser.scoring.score.Score;
import io.javalin.http.Context;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiParam;
import io.javalin.openapi.OpenApiRequestBody;
import io.javalin.openapi.OpenApiResponse;
import io.javalin.openapi.OpenApiSecurity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Scores: a stored client as stored, a new or edited application sent as raw fields, and batches of them. Every
 * score served is written to the audit log before the answer leaves.
 */
final class ScoreRoutes {

    static final String CLIENT_SCORE = "/clients/{id}/score";
    static final String SCORE = "/score";
    static final String BATCH = "/score/batch";

    /** The {@code detail} parameter of every route that answers a score. */
    private static final String DETAIL = "top (default: the " + ScoreView.TOP_PER_DIRECTION + " largest contributions"
            + " per direction and the sum of the others, 'omitted'; the scorecard's total without its lines) or full"
            + " (every variable the model uses, and the scorecard's points per variable)";

    private final CurrentModel current;
    private final AuditLog audit;
    private final VariableLabels labels;
    private final ServerSettings settings;
    private final ApiMetrics metrics;

    ScoreRoutes(CurrentModel current, AuditLog audit, VariableLabels labels, ServerSettings settings,
                ApiMetrics metrics) {
        this.current = current;
        this.audit = audit;
        this.labels = labels;
        this.settings = settings;
        this.metrics = metrics;
    }

    @OpenApi(path = ApiServer.BASE + CLIENT_SCORE, methods = HttpMethod.GET, operationId = "scoreClient",
            tags = "Scores", summary = "Score and explain a stored client",
            description = "Probability of default, decision at the model threshold, risk band, reason codes, and the"
                    + " contributions per original variable: by default the " + ScoreView.TOP_PER_DIRECTION
                    + " largest toward default and the " + ScoreView.TOP_PER_DIRECTION + " largest in the client's"
                    + " favour with the sum of the others ('omitted'); every one with"
                    + " detail=full. Computed once per client, language and detail under each model version, then"
                    + " answered from memory; every answer is audited.",
            security = {@OpenApiSecurity(name = Authentication.API_KEY_SCHEME),
                    @OpenApiSecurity(name = Authentication.SESSION_SCHEME)},
            pathParams = @OpenApiParam(name = "id", type = Long.class, required = true, description = "SK_ID_CURR"),
            queryParams = {@OpenApiParam(name = "lang", description = "fr or en (else Accept-Language, else fr)"),
                    @OpenApiParam(name = "detail", description = DETAIL)},
            responses = {
                    @OpenApiResponse(status = "200", content = @OpenApiContent(from = ScoreView.class)),
                    @OpenApiResponse(status = "400", content = @OpenApiContent(from = ApiError.class)),
                    @OpenApiResponse(status = "401", content = @OpenApiContent(from = ApiError.class)),
                    @OpenApiResponse(status = "404", content = @OpenApiContent(from = ApiError.class))})
    void clientScore(Context ctx) {
        QueryParameters query = new QueryParameters(ctx);
        long id = query.pathClientId();
        Language language = query.language();
        ScoreView.Detail detail = detail(query);
        query.check();
        // One read of the served model: the answer, its version and its audit record all come from it.
        ServedModel model = current.get();
        ClientAnswers.Answer answer = model.answers().get(id, language, detail);
        audit(List.of(new AuditRecord(Instant.now(), user(ctx), model.version(), AuditRecord.clientRef(id),
                answer.probability(), answer.decision(), answer.against(), ctx.endpointHandlerPath(),
                SecurityHeaders.requestIdOf(ctx))));
        metrics.score(answer.decision());
        JsonAnswers.send(ctx, answer.json());
    }

    private static ScoreView.Detail detail(QueryParameters query) {
        String raw = query.text("detail", 20);
        if (raw == null || raw.equals("top")) {
            return ScoreView.Detail.TOP;
        }
        if (raw.equals("full")) {
            return ScoreView.Detail.FULL;
        }
        query.problem("query.detail", "expected 'top' or 'full', got '" + raw + "'");
        return ScoreView.Detail.TOP;
    }

    @OpenApi(path = ApiServer.BASE + SCORE, methods = HttpMethod.POST, operationId = "scoreApplication",
            tags = "Scores", summary = "Score and explain a new or edited application",
            description = "The application's raw fields as in application_train (without TARGET). With 'history',"
                    + " every feature is computed from the rows sent; without it, a stored client's (SK_ID_CURR)"
                    + " stored history is used (the 'what if' of an edited application), and a new applicant has"
                    + " none. Every problem is reported at once, each naming its field. The answer is shaped as a"
                    + " stored client's: the strongest contributions by default, every one with detail=full.",
            security = {@OpenApiSecurity(name = Authentication.API_KEY_SCHEME),
                    @OpenApiSecurity(name = Authentication.SESSION_SCHEME)},
            queryParams = {@OpenApiParam(name = "lang", description = "fr or en (else Accept-Language, else fr)"),
                    @OpenApiParam(name = "detail", description = DETAIL)},
            requestBody = @OpenApiRequestBody(required = true, content = @OpenApiContent(from = ScoreRequest.class)),
            responses = {
                    @OpenApiResponse(status = "200", content = @OpenApiContent(from = ScoreView.class)),
                    @OpenApiResponse(status = "400", content = @OpenApiContent(from = ApiError.class)),
                    @OpenApiResponse(status = "401", content = @OpenApiContent(from = ApiError.class)),
                    @OpenApiResponse(status = "413", content = @OpenApiContent(from = ApiError.class))})
    void score(Context ctx) {
        QueryParameters query = new QueryParameters(ctx);
        Language language = query.language();
        ScoreView.Detail detail = detail(query);
        query.check();
        Object body = RequestBody.json(ctx, settings.maxBodyBytes());
        ApplicationScoring scoring = current.get().scoring();
        ApplicationScoring.Scored scored = scoring.score(body, language);
        audit(ctx, List.of(scored.score()), List.of(reference(body, scored)));
        JsonAnswers.send(ctx, ScoreView.of(scored.score(), scored.history(), scored.warnings(), language, labels,
                detail, ScoreView.FeaturesView.of(scoring.bundle())));
    }

    @OpenApi(path = ApiServer.BASE + BATCH, methods = HttpMethod.POST, operationId = "scoreBatch",
            tags = "Scores", summary = "Score up to 1,000 applications in one call",
            description = "{\"applications\": [request, ...]}, each request as for POST /score. The batch is scored"
                    + " only when every application is valid; otherwise every problem of every application is"
                    + " reported, named applications[i]....",
            security = {@OpenApiSecurity(name = Authentication.API_KEY_SCHEME),
                    @OpenApiSecurity(name = Authentication.SESSION_SCHEME)},
            queryParams = {@OpenApiParam(name = "lang", description = "fr or en (else Accept-Language, else fr)"),
                    @OpenApiParam(name = "detail", description = DETAIL)},
            requestBody = @OpenApiRequestBody(required = true, content = @OpenApiContent(from = BatchRequest.class)),
            responses = {
                    @OpenApiResponse(status = "200", content = @OpenApiContent(from = BatchView.class)),
                    @OpenApiResponse(status = "400", content = @OpenApiContent(from = ApiError.class)),
                    @OpenApiResponse(status = "401", content = @OpenApiContent(from = ApiError.class)),
                    @OpenApiResponse(status = "413", content = @OpenApiContent(from = ApiError.class))})
    void batch(Context ctx) {
        QueryParameters query = new QueryParameters(ctx);
        Language language = query.language();
        ScoreView.Detail detail = detail(query);
        query.check();
        Object body = RequestBody.json(ctx, settings.maxBodyBytes());
        if (!(body instanceof Map<?, ?> map) || !(map.get("applications") instanceof List<?> items)) {
            throw new InvalidApplicationException(List.of(new FieldProblem("applications",
                    "expected {\"applications\": [ {\"application\": {...}}, ... ]}")));
        }
        if (map.size() != 1) {
            throw new InvalidApplicationException(List.of(new FieldProblem("body",
                    "only 'applications' is expected, got " + map.keySet())));
        }
        if (items.isEmpty() || items.size() > settings.maxBatch()) {
            throw new InvalidApplicationException(List.of(new FieldProblem("applications", "expected 1 to "
                    + settings.maxBatch() + " applications, got " + items.size())));
        }
        ApplicationScoring scoring = current.get().scoring();
        List<ApplicationScoring.Scored> scored = scoring.scoreBatch(items, language);
        ScoreView.FeaturesView features = ScoreView.FeaturesView.of(scoring.bundle());
        List<String> references = new ArrayList<>(scored.size());
        List<ScoreView> views = new ArrayList<>(scored.size());
        for (int i = 0; i < scored.size(); i++) {
            references.add(reference(items.get(i), scored.get(i)));
            views.add(ScoreView.of(scored.get(i).score(), scored.get(i).history(), scored.get(i).warnings(), language,
                    labels, detail, features));
        }
        audit(ctx, scored.stream().map(ApplicationScoring.Scored::score).toList(), references);
        JsonAnswers.send(ctx, new BatchView(views.size(), views));
    }

    /** Writes the decisions durably, then counts them: the answer leaves only after this returns. */
    private void audit(Context ctx, List<Score> scores, List<String> references) {
        List<AuditRecord> records = new ArrayList<>(scores.size());
        Instant now = Instant.now();
        for (int i = 0; i < scores.size(); i++) {
            Score s = scores.get(i);
            records.add(new AuditRecord(now, user(ctx), s.modelVersion(), references.get(i), s.probability(),
                    s.decision().label(), s.against().stream().map(r -> r.variable()).toList(), ctx.endpointHandlerPath(),
                    SecurityHeaders.requestIdOf(ctx)));
        }
        audit(records);
        scores.forEach(s -> metrics.score(s.decision().label()));
    }

    /** Writes the records durably: the answer leaves only after this returns. */
    private void audit(List<AuditRecord> records) {
        try {
            audit.appendAll(records);
        } catch (IOException e) {
            // No answer without its audit record: the caller sees a server error and may retry.
            throw new UncheckedIOException("the audit log refused the decisions", e);
        }
    }

    private static String user(Context ctx) {
        User user = ctx.attribute(Authentication.USER);
        return user.name();
    }

    /**
     * The audit log's reference of a request: {@code input:<SHA-256 of the request>}, preceded by
     * {@code client:<id>} when a stored client's application was edited.
     */
    static String reference(Object request, ApplicationScoring.Scored scored) {
        String input = AuditRecord.parsedInputRef(request);
        return scored.history() == ApplicationScoring.HistorySource.STORED
                ? AuditRecord.clientRef(scored.score().clientId()) + " " + input : input;
    }

    /**
     * The body of POST /score (documentation only: the body is read as plain JSON and checked field by field).
     *
     * @param application the application_train fields, without TARGET; SK_ID_CURR optional for a new applicant
     * @param history     optional: rows of bureau, bureau_balance, previous_application, POS_CASH_balance,
     *                    installments_payments, credit_card_balance, by table name
     */
    record ScoreRequest(Map<String, Object> application, Map<String, List<Map<String, Object>>> history) {
    }

    /**
     * The body of POST /score/batch (documentation only).
     *
     * @param applications 1 to 1,000 requests as for POST /score
     */
    record BatchRequest(List<ScoreRequest> applications) {
    }

    /**
     * The answer of POST /score/batch.
     *
     * @param count  how many applications were scored
     * @param scores their scores, in the order sent
     */
    record BatchView(int count, List<ScoreView> scores) {
    }
}
