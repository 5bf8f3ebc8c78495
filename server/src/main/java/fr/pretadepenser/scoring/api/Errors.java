package fr.pretadepenser.scoring.api;

import fr.pretadepenser.scoring.auth.AccountException;
import fr.pretadepenser.scoring.data.InvalidFieldException;
import fr.pretadepenser.scoring.data.UnknownClientException;
import fr.pretadepenser.scoring.data.check.FieldProblem;
import fr.pretadepenser.scoring.data.check.InvalidApplicationException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The one place that turns failures into HTTP answers, each an {@link ApiError}: 4xx for whatever the caller can
 * fix, 500 only for the server's own faults (logged with the request id, without the request's data).
 */
final class Errors {

    private static final Logger LOG = LoggerFactory.getLogger(Errors.class);

    private Errors() {
    }

    static void register(Javalin app) {
        app.exception(ApiException.class, (e, ctx) -> answer(ctx, e.status(), e.body()));
        app.exception(InvalidApplicationException.class, (e, ctx) -> answer(ctx, 400, invalid(e.problems())));
        app.exception(UnknownClientException.class, (e, ctx) -> answer(ctx, 404,
                new ApiError("not_found", e.getMessage(), List.of())));
        app.exception(InvalidFieldException.class, (e, ctx) -> answer(ctx, 400, new ApiError("invalid_request",
                e.getMessage(), List.of(new ApiError.Detail(e.field(), e.problem())))));
        app.exception(AccountException.class, (e, ctx) -> answer(ctx, switch (e.kind()) {
            case INVALID -> 400;
            case DUPLICATE -> 409;
            case UNKNOWN -> 404;
        }, new ApiError(e.kind() == AccountException.Kind.INVALID ? "invalid_request"
                : e.kind().name().toLowerCase(java.util.Locale.ROOT), e.getMessage(), List.of())));
        app.exception(HttpResponseException.class, (e, ctx) -> answer(ctx, e.getStatus(),
                new ApiError(code(e.getStatus()), e.getMessage(), List.of())));
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("request {} failed on {} {}", SecurityHeaders.requestIdOf(ctx), ctx.method(),
                    ctx.endpointHandlerPath(), e);
            answer(ctx, 500, new ApiError("internal_error", "the server failed to answer; quote request id "
                    + SecurityHeaders.requestIdOf(ctx) + " to the support team", List.of()));
        });
        app.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                answer(ctx, 404, new ApiError("not_found", "no route " + ctx.method() + " " + ctx.path()
                        + "; the routes are listed at " + ApiServer.OPENAPI, List.of()));
            }
        });
        app.error(405, ctx -> answer(ctx, 405, new ApiError("method_not_allowed", ctx.method()
                + " is not allowed on " + ctx.path(), List.of())));
    }

    /** The body of a 400 for an application that cannot be scored. */
    static ApiError invalid(List<FieldProblem> problems) {
        List<ApiError.Detail> details = problems.stream().map(p -> new ApiError.Detail(p.field(), p.problem()))
                .toList();
        String message = details.size() == 1 ? details.get(0).field() + ": " + details.get(0).problem()
                : details.size() + " problems in the application; see details";
        return new ApiError("invalid_application", message, details);
    }

    private static void answer(Context ctx, int status, ApiError error) {
        ctx.status(status).json(error);
    }

    private static String code(int status) {
        return switch (status) {
            case 400 -> "invalid_request";
            case 401 -> "unauthenticated";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 413 -> "body_too_large";
            default -> "http_" + status;
        };
    }
}
