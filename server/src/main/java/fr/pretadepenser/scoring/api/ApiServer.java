package fr.pretadepenser.scoring.api;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import fr.pretadepenser.scoring.logging.LibraryLogs;
import fr.pretadepenser.scoring.model.bundle.ModelBundle;
import io.javalin.Javalin;
import io.javalin.community.ssl.SslPlugin;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.javalin.openapi.plugin.OpenApiPlugin;
import io.javalin.openapi.plugin.swagger.SwaggerPlugin;
import io.javalin.router.ParsedEndpoint;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.javalin.apibuilder.ApiBuilder.delete;
import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.post;
import static io.javalin.apibuilder.ApiBuilder.put;

/**
 * The scoring HTTP server: one Javalin instance serving the JSON API under {@link #BASE}, its OpenAPI document at
 * {@link #OPENAPI} and Swagger UI at {@link #SWAGGER}, Prometheus metrics at {@link MetricsRoutes#METRICS}, and the
 * relationship managers' dashboard (static files, see {@link #DASHBOARD}) at {@code /}.
 * Every route declares who may call it ({@link Access}); {@link Authentication} enforces it before the handler.
 *
 * @see <a href="https://javalin.io/documentation">Javalin documentation</a>
 */
public final class ApiServer implements AutoCloseable {

    /** The prefix of every API route. */
    public static final String BASE = "/api/v1";
    /** The OpenAPI 3 document, generated at compile time from the routes' annotations. */
    public static final String OPENAPI = "/openapi";
    /** Swagger UI over the OpenAPI document. */
    public static final String SWAGGER = "/swagger";
    /** The classpath folder of the dashboard's static files, served at {@code /}. */
    static final String DASHBOARD = "/dashboard";

    private final Javalin app;
    private final AccessLog accessLog;

    private ApiServer(Javalin app, AccessLog accessLog) {
        this.app = app;
        this.accessLog = accessLog;
    }

    /**
     * A configured server, not started; the libraries' logs go to the one backend ({@link LibraryLogs}).
     *
     * @throws IllegalStateException if the TLS key may be read by other users
     */
    public static ApiServer create(ServerSettings settings, ApiResources resources) {
        LibraryLogs.route();
        if (settings.tls() != null) {
            try {
                ApiResources.requireOwnerOnly(settings.tls().key());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        CurrentModel model = resources.model();
        // What the served models share: a switch is refused unless the database's features are the bundle's, so
        // the feature list and the application's vocabularies stay those of the first model.
        ModelBundle bundle = model.get().bundle();
        ApiMetrics metrics = new ApiMetrics(model.get().version());
        model.onSwitch(metrics::modelVersion);
        AccessLog accessLog = new AccessLog(metrics);
        // The one place where routes get their services: each receives only what it uses.
        Authentication authentication = new Authentication(resources.users(), resources.sessions());
        HealthRoutes health = new HealthRoutes(model, resources::warm);
        SessionRoutes session = new SessionRoutes(resources.users(), resources.sessions(), resources.throttle(),
                resources.addressThrottle(), settings);
        ModelRoutes models = new ModelRoutes(model, resources.labels(), settings.reportsDir());
        DriftRoutes drift = new DriftRoutes(settings.reportsDir());
        PortfolioRoutes portfolio = new PortfolioRoutes(() -> model.get().clients());
        ClientRoutes clients = new ClientRoutes(() -> model.get().clients());
        ScoreRoutes scores = new ScoreRoutes(model, resources.audit(), resources.labels(), settings, metrics);
        FeatureRoutes features = new FeatureRoutes(bundle.features(), resources.labels(),
                () -> model.get().clients());
        UserRoutes users = new UserRoutes(resources.users(), resources.sessions());
        ApplicationFieldRoutes applicationFields = new ApplicationFieldRoutes(bundle.features().vocabularies(),
                resources.labels());
        MetricsRoutes metricsRoutes = new MetricsRoutes(metrics);
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.http.maxRequestSize = settings.maxBodyBytes();
            config.jsonMapper(new JavalinJackson(json(), false));
            config.requestLogger.http(accessLog::log);
            config.jetty.modifyServer(server -> server.setStopTimeout(10_000));
            if (settings.tls() != null) {
                config.registerPlugin(https(settings));
            }
            // The dashboard: public static shells whose scripts read everything through the API with the session.
            // Static files pass the same access check as routes, hence their explicit PUBLIC role.
            config.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = DASHBOARD;
                files.location = Location.CLASSPATH;
                files.roles = Set.of(Access.PUBLIC);
            });
            // ECharts from its webjar, as enableWebjars() would serve it, but public too.
            config.staticFiles.add(files -> {
                files.hostedPath = "/webjars";
                files.directory = "META-INF/resources/webjars";
                files.location = Location.CLASSPATH;
                files.headers = Map.of("Cache-Control", "max-age=31622400");
                files.roles = Set.of(Access.PUBLIC);
            });
            config.registerPlugin(new OpenApiPlugin(openApi -> openApi
                    .withDocumentationPath(OPENAPI)
                    .withRoles(Access.ADVISOR)
                    .withDefinitionConfiguration((version, definition) -> definition
                            .withInfo(info -> info.title("Prêt à dépenser scoring API").version("1")
                                    .description("Probability of default, decision and explanation of loan"
                                            + " applications; client search and comparison. Authenticate with an"
                                            + " API key (X-API-Key or Authorization: Bearer) or a session cookie"
                                            + " (POST " + BASE + SessionRoutes.SESSION + ")."))
                            .withSecurity(security -> security
                                    .withApiKeyAuth(Authentication.API_KEY_SCHEME, Authentication.API_KEY_HEADER)
                                    .withCookieAuth(Authentication.SESSION_SCHEME, Authentication.SESSION_COOKIE)))));
            config.registerPlugin(new SwaggerPlugin(swagger -> {
                swagger.setUiPath(SWAGGER);
                swagger.setDocumentationPath(OPENAPI);
                swagger.setRoles(new Access[]{Access.ADVISOR});
            }));
            config.router.apiBuilder(() -> {
                get(BASE + HealthRoutes.HEALTH, health::health, Access.PUBLIC);
                get(BASE + HealthRoutes.READY, health::ready, Access.PUBLIC);
                post(BASE + SessionRoutes.SESSION, session::login, Access.PUBLIC);
                get(BASE + SessionRoutes.SESSION, session::current, Access.ADVISOR);
                delete(BASE + SessionRoutes.SESSION, session::logout, Access.ADVISOR);
                get(BASE + ModelRoutes.MODEL, models::model, Access.ADMIN);
                get(BASE + ModelRoutes.SUMMARY, models::summary, Access.ADVISOR);
                put(BASE + ModelRoutes.CURRENT, models::switchModel, Access.ADMIN);
                get(BASE + ModelRoutes.REPORT, models::report, Access.ADVISOR);
                get(BASE + ModelRoutes.IMPORTANCE, models::importance, Access.ADVISOR);
                get(BASE + DriftRoutes.DRIFT, drift::drift, Access.ADVISOR);
                get(BASE + PortfolioRoutes.PORTFOLIO, portfolio::portfolio, Access.ADVISOR);
                get(BASE + ClientRoutes.CLIENTS, clients::search, Access.ADVISOR);
                get(BASE + ClientRoutes.CLIENT, clients::client, Access.ADVISOR);
                get(BASE + ClientRoutes.NEIGHBORS, clients::neighbors, Access.ADVISOR);
                get(BASE + ScoreRoutes.CLIENT_SCORE, scores::clientScore, Access.ADVISOR);
                post(BASE + ScoreRoutes.SCORE, scores::score, Access.ADVISOR);
                post(BASE + ScoreRoutes.BATCH, scores::batch, Access.ADVISOR);
                get(BASE + ApplicationFieldRoutes.FIELDS, applicationFields::fields, Access.ADVISOR);
                get(BASE + FeatureRoutes.FEATURES, features::list, Access.ADVISOR);
                get(BASE + FeatureRoutes.DISTRIBUTION, features::distribution, Access.ADVISOR);
                get(BASE + FeatureRoutes.SCATTER, features::scatter, Access.ADVISOR);
                get(BASE + UserRoutes.USERS, users::list, Access.ADMIN);
                post(BASE + UserRoutes.USERS, users::add, Access.ADMIN);
                delete(BASE + UserRoutes.USER, users::remove, Access.ADMIN);
                post(BASE + UserRoutes.KEYS, users::newKey, Access.ADMIN);
                get(MetricsRoutes.METRICS, metricsRoutes::metrics, Access.ADMIN);
            });
        });
        app.before(SecurityHeaders::requestId);
        app.beforeMatched(authentication::check);
        app.after(settings.tls() == null ? SecurityHeaders::add : SecurityHeaders::addWithHsts);
        Errors.register(app);
        return new ApiServer(app, accessLog);
    }

    /**
     * The JSON mapper of responses: records as objects, no timestamps as numbers, and Jackson's fast double writer
     * (a score answer holds about 200 doubles; the JDK's conversion was the largest part of writing it).
     */
    static ObjectMapper json() {
        return JsonMapper.builder().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build();
    }

    /**
     * HTTPS only, from the settings' PEM files, on the settings' host and port (HTTP/1.1, as without TLS). The
     * host name of a request is not checked against the certificate: the server may be reached by address.
     */
    private static SslPlugin https(ServerSettings settings) {
        return new SslPlugin(tls -> {
            tls.insecure = false;
            tls.secure = true;
            tls.host = settings.host();
            tls.securePort = settings.port();
            tls.http2 = false;
            tls.sniHostCheck = false;
            tls.pemFromPath(settings.tls().certificate().toString(), settings.tls().key().toString());
        });
    }

    /** Starts listening on the settings' host and port. */
    public ApiServer start(ServerSettings settings) {
        app.start(settings.host(), settings.port());
        // Set on the connectors (the SSL plugin's too): a new connection takes its connector's timeout.
        for (Connector connector : app.jettyServer().server().getConnectors()) {
            if (connector instanceof AbstractConnector jetty) {
                jetty.setIdleTimeout(settings.idleTimeout().toMillis());
            }
        }
        return this;
    }

    /** The port listened on (the chosen one when the settings asked for 0). */
    public int port() {
        return app.port();
    }

    /** Every route registered, as {@code METHOD path}: what the OpenAPI coverage test compares with the document. */
    public List<String> routes() {
        return app.unsafeConfig().pvt.internalRouter.allHttpHandlers().stream().map(ParsedEndpoint::getEndpoint)
                .filter(e -> e.getMethod().isHttpMethod()).map(e -> e.getMethod().name() + " " + e.getPath()).toList();
    }

    /** Stops accepting requests, lets those in flight finish (up to 10 s), writes their access lines, and stops. */
    @Override
    public void close() {
        app.stop();
        accessLog.close();
    }
}
