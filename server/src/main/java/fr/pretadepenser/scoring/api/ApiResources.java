package fr.pretadepenser.scoring.api;

import fr.pretadepenser.scoring.audit.AuditLog;
import fr.pretadepenser.scoring.auth.LoginThrottle;
import fr.pretadepenser.scoring.auth.Sessions;
import fr.pretadepenser.scoring.auth.UserStore;
import fr.pretadepenser.scoring.data.check.ApplicationCheck;
import fr.pretadepenser.scoring.explain.VariableLabels;
import fr.pretadepenser.scoring.features.OnlineFeatureBuilder;
import fr.pretadepenser.scoring.model.bundle.ModelBundle;
import fr.pretadepenser.scoring.portfolio.ClientDirectory;
import fr.pretadepenser.scoring.progress.Progress;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import fr.pretadepenser.scoring.score.ApplicationScoring;
import fr.pretadepenser.scoring.score.Scorer;
import ml.dmlc.xgboost4j.java.XGBoostError;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;

/**
 * What a running server holds open (the database connection, the feature sessions, the audit log) and the
 * services built on them: loaded once, closed once, in the right order. Only the server's wiring
 * ({@link ApiServer#create}) reads it; each route receives the few services it uses.
 */
public final class ApiResources implements AutoCloseable {

    /**
     * Where the server's inputs are.
     *
     * @param bundle   a model bundle folder (or {@code models/current})
     * @param database the DuckDB database built by ingest and features
     * @param users    the accounts file
     * @param auditLog the decision audit log
     */
    public record Paths(Path bundle, Path database, Path users, Path auditLog) {
    }

    private final Connection connection;
    private final OnlineFeatureBuilder features;
    private final ClientDirectory clients;
    private final AuditLog audit;
    private final Scorer scorer;
    private final ApplicationScoring scoring;
    private final VariableLabels labels;
    private final UserStore users;
    private final Sessions sessions = new Sessions();
    private final LoginThrottle throttle = new LoginThrottle();

    private ApiResources(Connection connection, OnlineFeatureBuilder features, ClientDirectory clients,
                         AuditLog audit, Scorer scorer, ApplicationScoring scoring, VariableLabels labels,
                         UserStore users) {
        this.connection = connection;
        this.features = features;
        this.clients = clients;
        this.audit = audit;
        this.scorer = scorer;
        this.scoring = scoring;
        this.labels = labels;
        this.users = users;
    }

    /**
     * Loads the bundle (checked), opens the database and the audit log, scores the stored clients once.
     *
     * @throws fr.pretadepenser.scoring.model.bundle.BundleIntegrityException for a missing or damaged bundle
     * @throws IllegalStateException for a missing database, features built by other SQL than the model's, or no
     *                               account to sign in with
     */
    public static ApiResources open(Paths paths, Progress progress) throws IOException, SQLException {
        ModelBundle bundle = ModelBundle.load(paths.bundle());
        try {
            // One thread per call: single-row predictions are fastest so, and the requests run in parallel.
            bundle.booster().setParam("nthread", 1);
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost refused nthread=1: " + e.getMessage(), e);
        }
        if (!Files.isRegularFile(paths.database())) {
            throw new IllegalStateException(paths.database() + " does not exist; run 'scoring ingest' and 'scoring"
                    + " features' (or 'scoring demo') first");
        }
        HomeCreditSchema schema = HomeCreditSchema.load();
        UserStore users = UserStore.open(paths.users());
        if (users.list().isEmpty()) {
            // No account means no way in; and no default password is ever made outside the demo.
            throw new IllegalStateException("no accounts in " + paths.users() + "; create one with 'scoring users add"
                    + " NAME --role admin' (the demo creates demo accounts)");
        }
        Connection connection = DriverManager.getConnection("jdbc:duckdb:" + paths.database().toAbsolutePath());
        OnlineFeatureBuilder features = null;
        ClientDirectory clients = null;
        AuditLog audit = null;
        try {
            VariableLabels labels = new VariableLabels(schema);
            Scorer scorer = new Scorer(bundle, labels);
            features = new OnlineFeatureBuilder(schema, bundle.features(), Optional.of(connection));
            clients = ClientDirectory.open(connection, scorer, progress);
            audit = AuditLog.open(paths.auditLog());
            ApplicationScoring scoring = new ApplicationScoring(new ApplicationCheck(schema,
                    bundle.features().vocabularies()), features, scorer);
            return new ApiResources(connection, features, clients, audit, scorer, scoring, labels, users);
        } catch (IOException | SQLException | RuntimeException e) {
            closeAll(audit, clients, features, connection);
            throw e;
        }
    }

    /** The model bundle served. */
    public ModelBundle bundle() {
        return scorer.bundle();
    }

    /** Scores feature rows with the bundle. */
    public Scorer scorer() {
        return scorer;
    }

    /** Checks and scores applications as requests send them, and stored clients. */
    public ApplicationScoring scoring() {
        return scoring;
    }

    /** Computes one application's features and reads stored clients' (the database's feature sessions). */
    public OnlineFeatureBuilder features() {
        return features;
    }

    /** The stored clients: search, profiles, neighbours, distributions, portfolio. */
    public ClientDirectory clients() {
        return clients;
    }

    /** Human labels of the variables. */
    public VariableLabels labels() {
        return labels;
    }

    /** Accounts and API keys. */
    public UserStore users() {
        return users;
    }

    /** Dashboard login sessions. */
    public Sessions sessions() {
        return sessions;
    }

    /** Slows down password guessing. */
    public LoginThrottle throttle() {
        return throttle;
    }

    /** The durable log of every decision served. */
    public AuditLog audit() {
        return audit;
    }

    @Override
    public void close() {
        closeAll(audit, clients, features, connection);
    }

    private static void closeAll(AutoCloseable... resources) {
        for (AutoCloseable resource : resources) {
            if (resource != null) {
                try {
                    resource.close();
                } catch (Exception e) {
                    // Closing the rest matters more than this one's failure at shutdown.
                }
            }
        }
    }
}
