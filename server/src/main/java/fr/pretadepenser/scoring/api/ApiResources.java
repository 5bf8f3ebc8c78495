package fr.pretadepenser.scoring.api;

import fr.pretadepenser.scoring.audit.AnchorKey;
import fr.pretadepenser.scoring.audit.AuditLog;
import fr.pretadepenser.scoring.auth.LoginThrottle;
import fr.pretadepenser.scoring.auth.Sessions;
import fr.pretadepenser.scoring.auth.UserStore;
import fr.pretadepenser.scoring.explain.VariableLabels;
import fr.pretadepenser.scoring.features.OnlineFeatureBuilder;
import fr.pretadepenser.scoring.model.bundle.ModelBundle;
import fr.pretadepenser.scoring.portfolio.ClientDirectory;
import fr.pretadepenser.scoring.progress.Progress;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import fr.pretadepenser.scoring.score.ApplicationScoring;
import fr.pretadepenser.scoring.score.Scorer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

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
     * @param sharedDatabase open the database read-only, so that several servers (replicas) can read it at once;
     *                       the stored clients' scores are then not cached in it between starts
     */
    public record Paths(Path bundle, Path database, Path users, Path auditLog, boolean sharedDatabase) {

        /** The inputs of a server that has the database to itself. */
        public Paths(Path bundle, Path database, Path users, Path auditLog) {
            this(bundle, database, users, auditLog, false);
        }
    }

    /**
     * The scorings of a server's warm-up unless told otherwise (see {@link #startWarmUp}): enough for a method called
     * once a request to pass the JIT's last compilation thresholds (C2's 5,000 calls and 15,000 calls and loops);
     * with 3,000 the compiler still took a third of a core under load afterwards. 17 to 30 s of one core here.
     */
    public static final int WARM_UP_SCORINGS = 15_000;

    private final Connection connection;
    private final CurrentModel model;
    private final AuditLog audit;
    private final VariableLabels labels;
    private final UserStore users;
    private final Sessions sessions;
    private final LoginThrottle throttle;
    private final LoginThrottle addressThrottle;
    private volatile WarmUp warmUp;

    private ApiResources(Connection connection, CurrentModel model, AuditLog audit, VariableLabels labels,
                         UserStore users, Sessions sessions, LoginThrottle throttle, LoginThrottle addressThrottle) {
        this.connection = connection;
        this.model = model;
        this.audit = audit;
        this.labels = labels;
        this.users = users;
        this.sessions = sessions;
        this.throttle = throttle;
        this.addressThrottle = addressThrottle;
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
        if (!Files.isRegularFile(paths.database())) {
            throw new IllegalStateException(paths.database() + " does not exist; run 'scoring ingest' and 'scoring"
                    + " features' (or 'scoring demo') first");
        }
        HomeCreditSchema schema = HomeCreditSchema.load();
        // The accounts, the anchor key, the sessions and the decisions are for the server's user alone. They are
        // shared through the security folder by every server over it (replicas), the decisions are not.
        Path security = paths.users().toAbsolutePath().getParent();
        AnchorKey anchorKey = AnchorKey.loadOrCreate(security);
        Sessions sessions = Sessions.open(security);
        LoginThrottle throttle = LoginThrottle.open(security);
        LoginThrottle addressThrottle = LoginThrottle.openPerAddress(security);
        for (Path secret : List.of(paths.users(), security.resolve(AnchorKey.FILE), security.resolve(Sessions.FOLDER),
                security.resolve(LoginThrottle.FOLDER), security.resolve(LoginThrottle.ADDRESS_FOLDER),
                paths.auditLog(), AuditLog.anchorsOf(paths.auditLog()))) {
            requireOwnerOnly(secret);
        }
        UserStore users = UserStore.open(paths.users());
        if (users.list().isEmpty()) {
            // No account means no way in; and no default password is ever made outside the demo.
            throw new IllegalStateException("no accounts in " + paths.users() + "; create one with 'scoring users add"
                    + " NAME --role admin' (the demo creates demo accounts)");
        }
        Properties options = new Properties();
        if (paths.sharedDatabase()) {
            options.setProperty("duckdb.read_only", "true");
        }
        Connection connection = DriverManager.getConnection("jdbc:duckdb:" + paths.database().toAbsolutePath(),
                options);
        ServedModel served = null;
        AuditLog audit = null;
        try {
            VariableLabels labels = new VariableLabels(schema);
            served = ServedModel.open(bundle, connection, schema, labels, progress);
            // The anchor key lives with the accounts: the security folder, owner-only, apart from the log.
            audit = AuditLog.open(paths.auditLog(), anchorKey);
            // The bundles a switch chooses from: the folder holding the one served (models/current's folder too).
            Path models = paths.bundle().toAbsolutePath().normalize().getParent();
            boolean followsCurrent = paths.bundle().getFileName().toString().equals(ModelBundle.CURRENT)
                    && Files.isSymbolicLink(paths.bundle());
            CurrentModel model = new CurrentModel(served, models, connection, schema, labels, followsCurrent);
            return new ApiResources(connection, model, audit, labels, users, sessions, throttle, addressThrottle);
        } catch (IOException | SQLException | RuntimeException e) {
            closeAll(audit, served, connection);
            throw e;
        }
    }

    /** Refuses a file that other users may read or write (where the file system has POSIX permissions). */
    static void requireOwnerOnly(Path file) throws IOException {
        if (!Files.exists(file) || !file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        Set<PosixFilePermission> others = EnumSet.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE,
                PosixFilePermission.OTHERS_EXECUTE);
        if (!Collections.disjoint(permissions, others)) {
            throw new IllegalStateException(file + " is open to other users (" + PosixFilePermissions.toString(
                    permissions) + "): it holds accounts, keys, sessions or decisions; make it the owner's alone"
                    + " (chmod " + (Files.isDirectory(file) ? "700 " : "600 ") + file + ")");
        }
    }

    /** The model bundle served now. */
    public ModelBundle bundle() {
        return model.get().bundle();
    }

    /** Scores feature rows with the bundle served now. */
    public Scorer scorer() {
        return model.get().scorer();
    }

    /** Checks and scores applications as requests send them, and stored clients, with the model served now. */
    public ApplicationScoring scoring() {
        return model.get().scoring();
    }

    /** Computes one application's features and reads stored clients' (the database's feature sessions). */
    public OnlineFeatureBuilder features() {
        return model.get().features();
    }

    /** The stored clients (search, profiles, neighbours, distributions, portfolio) under the model served now. */
    public ClientDirectory clients() {
        return model.get().clients();
    }

    /** The model served, switched as a whole by an admin. */
    CurrentModel model() {
        return model;
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

    /** Slows down password guessing on a name. */
    public LoginThrottle throttle() {
        return throttle;
    }

    /** Slows down password guessing from one network address. */
    public LoginThrottle addressThrottle() {
        return addressThrottle;
    }

    /** The durable log of every decision served. */
    public AuditLog audit() {
        return audit;
    }

    /**
     * Starts the warm-up: {@code scorings} new applications with history scored in the background, none audited
     * (see {@link WarmUp}); 0 for none. At most once.
     *
     * @throws IllegalStateException when a warm-up was started already
     */
    public synchronized void startWarmUp(int scorings) {
        if (warmUp != null) {
            throw new IllegalStateException("the warm-up was started already");
        }
        warmUp = WarmUp.start(model, labels, connection, scorings);
    }

    /** Whether no warm-up runs: none was started, or it is over. */
    public boolean warm() {
        WarmUp running = warmUp;
        return running == null || running.finished();
    }

    @Override
    public void close() {
        // The warm-up first: it scores with the model and reads the database closed next.
        closeAll(warmUp, audit, model, connection);
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
