package fr.pretadepenser.scoring.cli;

import fr.pretadepenser.scoring.api.ApiResources;
import fr.pretadepenser.scoring.api.ApiServer;
import fr.pretadepenser.scoring.api.ServerSettings;
import fr.pretadepenser.scoring.progress.ConsoleProgress;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code scoring serve}: the scoring API and dashboard, until stopped (Ctrl-C stops it gracefully). */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve the scoring API (and Swagger UI) over a model bundle and the client database.")
final class ServeCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--port", defaultValue = "7070", description = "Port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Interface to listen on; 0.0.0.0 for all (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--model", paramLabel = "DIR", defaultValue = Defaults.MODELS + "/current",
            description = "Model bundle (default: ${DEFAULT-VALUE}).")
    Path model;

    @Option(names = "--db", paramLabel = "FILE", defaultValue = Defaults.DATABASE,
            description = "Database with the clients and their features (default: ${DEFAULT-VALUE}).")
    Path database;

    @Option(names = "--users", paramLabel = "FILE", defaultValue = Defaults.USERS,
            description = "Accounts file, managed with 'scoring users' (default: ${DEFAULT-VALUE}).")
    Path users;

    @Option(names = "--audit", paramLabel = "FILE",
            description = "Decision audit log, appended to (default: " + Defaults.AUDIT_LOG + ", or "
                    + Defaults.AUDIT_FOLDER + "/decisions-NAME.jsonl with --instance).")
    Path audit;

    @Option(names = "--instance", paramLabel = "NAME",
            description = "Run as one of several replicas over the same models, database and security folder:"
                    + " the database is opened read-only (shared), the decisions go to the replica's own audit log."
                    + " NAME: 1-32 of a-z, 0-9, '-'.")
    String instance;

    @Option(names = "--reports", paramLabel = "DIR", defaultValue = Defaults.REPORTS,
            description = "Where 'scoring report model' wrote the methodology note, linked from the dashboard"
                    + " (default: ${DEFAULT-VALUE}).")
    Path reports;

    @Option(names = "--secure-cookies", description = "Mark the session cookie Secure (when a proxy in front serves"
            + " HTTPS; implied by --tls-cert).")
    boolean secureCookies;

    @Option(names = "--tls-cert", paramLabel = "PEM",
            description = "Serve HTTPS only (with HSTS), with this certificate chain (PEM, server certificate first).")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "PEM",
            description = "The certificate's private key (PEM: PKCS#8, PKCS#1 or SEC1, unencrypted, owner-only).")
    Path tlsKey;

    @Option(names = "--warm-up", paramLabel = "N", defaultValue = "" + ApiResources.WARM_UP_SCORINGS,
            description = "Score N new applications with history (stored clients' rows, not audited) in the"
                    + " background after start, so that the first callers get answers at full speed; 0 for none"
                    + " (default: ${DEFAULT-VALUE}).")
    int warmUp;

    @Override
    public Integer call() throws Exception {
        if (instance != null && !instance.matches("[a-z0-9][a-z0-9-]{0,31}")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--instance must be 1-32 of a-z, 0-9 and"
                    + " '-' (it names the replica's audit log), was '" + instance + "'");
        }
        Path log = audit != null ? audit
                : instance != null ? Defaults.auditLogOf(instance) : Path.of(Defaults.AUDIT_LOG);
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--tls-cert and --tls-key go together");
        }
        ServerSettings settings = new ServerSettings(host, port, ServerSettings.MAX_BODY_BYTES,
                ServerSettings.MAX_BATCH, secureCookies).withReports(reports);
        if (tlsCert != null) {
            for (Path file : new Path[]{tlsCert, tlsKey}) {
                if (!Files.isRegularFile(file)) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "no such file: " + file);
                }
            }
            settings = settings.withTls(new ServerSettings.Tls(tlsCert, tlsKey));
        }
        if (warmUp < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--warm-up must be 0 or more, was "
                    + warmUp);
        }
        return serve(settings, new ApiResources.Paths(model, database, users, log, instance != null), warmUp);
    }

    /**
     * Loads everything, serves (warming up with {@code warmUp} scorings in the background) until the JVM is asked to
     * stop, then closes in order.
     */
    static int serve(ServerSettings settings, ApiResources.Paths paths, int warmUp) throws Exception {
        ApiResources resources;
        try {
            resources = ApiResources.open(paths, new ConsoleProgress(System.err));
        } catch (IllegalStateException e) {
            // A missing database, features of another model, no account: all for the operator to fix.
            System.err.println("error: " + e.getMessage());
            return ScoringCommand.EXIT_BAD_INPUT;
        } catch (SQLException e) {
            // Most often another process holds the database: DuckDB lets one process write, or several read.
            System.err.println("error: " + paths.database() + " cannot be opened ("
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + "); when another process"
                    + " holds it, stop that process, or serve several over it as replicas with --instance NAME"
                    + " (they read it only)");
            return ScoringCommand.EXIT_BAD_INPUT;
        }
        // Before listening: /ready then never says warm before the warm-up has begun.
        resources.startWarmUp(warmUp);
        ApiServer server;
        try {
            server = ApiServer.create(settings, resources).start(settings);
        } catch (IllegalStateException e) {
            // A TLS key open to other users: for the operator to fix, like the files above.
            resources.close();
            System.err.println("error: " + e.getMessage());
            return ScoringCommand.EXIT_BAD_INPUT;
        } catch (RuntimeException e) {
            resources.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.err.println("stopping: finishing requests in flight");
            server.close();
            resources.close();
            stopped.countDown();
        }));
        String base = settings.scheme() + "://" + (settings.host().equals("0.0.0.0") ? "localhost"
                : settings.host()) + ":"
                + server.port();
        System.out.println("serving model " + resources.bundle().manifest().version() + " at " + base);
        System.out.println("  API:        " + base + ApiServer.BASE + " (OpenAPI " + base + ApiServer.OPENAPI + ")");
        System.out.println("  Swagger UI: " + base + ApiServer.SWAGGER);
        System.out.println("  Ctrl-C stops the server.");
        stopped.await();
        return 0;
    }
}
