package fr.pretadepenser.scoring.api;

import fr.pretadepenser.scoring.explain.VariableLabels;
import fr.pretadepenser.scoring.model.bundle.BundleIntegrityException;
import fr.pretadepenser.scoring.model.bundle.ModelBundle;
import fr.pretadepenser.scoring.progress.Progress;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The model the server serves now, held in one reference so that each request reads one consistent
 * {@link ServedModel}, and switched as a whole to another bundle of the models folder. Thread-safe; switches run
 * one at a time.
 *
 * <p>A server started on the folder's {@code current} link follows it: an admin's switch re-points the link, and
 * every server over the folder (replicas) switches to where it points within {@link #FOLLOW_SECONDS}; so does a
 * {@code scoring train} run, which points the link at its new bundle. A server started on a bundle folder serves
 * it until an admin switches that server alone; a restart serves the start-up bundle again.
 */
final class CurrentModel implements AutoCloseable {

    /** How long a replaced model stays open for the requests that read it before the switch. */
    static final long RETIRE_SECONDS = 60;

    /** How often a server started on {@code current} looks where the link points. */
    static final long FOLLOW_SECONDS = 2;

    private static final Logger LOG = LoggerFactory.getLogger(CurrentModel.class);
    // A bundle version as 'scoring train' names its folder: never a path.
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private final AtomicReference<ServedModel> current;
    private final Path models;
    private final Connection connection;
    private final HomeCreditSchema schema;
    private final VariableLabels labels;
    private final List<Consumer<String>> listeners = new ArrayList<>();
    private final boolean followsCurrent;
    private final List<ServedModel> retired = new ArrayList<>(); // guarded by this
    private String refusedTarget; // guarded by this: a link target already refused, not to be logged again
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "model-switches");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param first      the model served at start-up
     * @param models     the folder of bundles, one folder per version
     * @param connection the database the served models read (stays the caller's)
     * @param followsCurrent whether to follow the folder's {@code current} link (the server was started on it)
     */
    CurrentModel(ServedModel first, Path models, Connection connection, HomeCreditSchema schema,
                 VariableLabels labels, boolean followsCurrent) {
        this.current = new AtomicReference<>(first);
        this.models = models;
        this.connection = connection;
        this.schema = schema;
        this.labels = labels;
        this.followsCurrent = followsCurrent;
        if (followsCurrent) {
            scheduler.scheduleWithFixedDelay(this::follow, FOLLOW_SECONDS, FOLLOW_SECONDS, TimeUnit.SECONDS);
        }
    }

    /** Switches to where {@code current} points if that changed; a bundle that cannot be served is logged once. */
    private synchronized void follow() {
        String target;
        try {
            target = Files.readSymbolicLink(models.resolve(ModelBundle.CURRENT)).getFileName().toString();
        } catch (IOException | UnsupportedOperationException e) {
            return; // being replaced this instant, or removed by hand: keep serving
        }
        if (target.equals(current.get().version()) || target.equals(refusedTarget)) {
            return;
        }
        try {
            // Not re-pointed: the link may already name a newer switch, made while this one was loading.
            load(target, false);
            refusedTarget = null;
        } catch (SQLException | IOException | RuntimeException e) { // ApiException too: a refused bundle
            refusedTarget = target;
            LOG.warn("models/current points at {}, which cannot be served ({}); still serving {}", target,
                    e.getMessage(), current.get().version());
        }
    }

    /** The model served now: read it once per request. */
    ServedModel get() {
        return current.get();
    }

    /** The folder of bundles a switch chooses from. */
    Path models() {
        return models;
    }

    /** Tells {@code listener} the version served after each switch (e.g. the metrics' version gauge). */
    synchronized void onSwitch(Consumer<String> listener) {
        listeners.add(listener);
    }

    /**
     * Serves the bundle {@code models/<version>} from now on, once it is loaded, checked and its stored clients
     * scored; answers already being computed finish with the model they started with. A server that follows
     * {@code current} points it there too, for the other servers over the folder. Switching to the version
     * served does nothing.
     *
     * @return the model served before
     * @throws ApiException 400 for a malformed version, a damaged bundle or one whose features were built by other
     *                      SQL than the database's; 404 for a version the models folder does not hold
     * @throws IOException  if the {@code current} link cannot be re-pointed (the switch is then not made)
     */
    synchronized ServedModel switchTo(String version) throws SQLException, IOException {
        return load(version, followsCurrent);
    }

    private ServedModel load(String version, boolean repoint) throws SQLException, IOException {
        ServedModel before = current.get();
        if (version == null || !VERSION.matcher(version).matches() || version.equals("current")) {
            throw ApiException.badRequest(List.of(new ApiError.Detail("version", "expected a bundle version"
                    + " (letters, digits, '.', '_', '-'; not 'current'), got "
                    + (version == null ? "nothing" : "'" + shorten(version) + "'"))));
        }
        if (version.equals(before.version())) {
            return before;
        }
        Path folder = models.resolve(version);
        if (!Files.isDirectory(folder)) {
            throw new ApiException(404, "not_found", "no bundle " + version + " in the models folder " + models
                    + "; 'scoring train' writes one folder per version there");
        }
        ModelBundle bundle;
        try {
            bundle = ModelBundle.load(folder);
        } catch (BundleIntegrityException e) {
            throw new ApiException(400, "invalid_bundle", "bundle " + version + " cannot be served: "
                    + e.getMessage());
        }
        if (!bundle.manifest().version().equals(version)) {
            throw new ApiException(400, "invalid_bundle", "bundle folder " + version + " holds version "
                    + bundle.manifest().version() + "; switch to the folder named after its version");
        }
        ServedModel next;
        try {
            next = ServedModel.open(bundle, connection, schema, labels, Progress.SILENT);
        } catch (IllegalStateException e) {
            throw new ApiException(400, "incompatible_bundle", "bundle " + version + " cannot be served over this"
                    + " database: " + e.getMessage());
        }
        if (repoint) {
            try {
                ModelBundle.pointCurrentAt(models, version);
            } catch (IOException e) {
                next.close();
                throw e;
            }
        }
        current.set(next);
        listeners.forEach(l -> l.accept(version));
        LOG.info("model switched from {} to {}", before.version(), version);
        retire(before);
        return before;
    }

    /** Closes a replaced model once the requests that read it before the switch are done. */
    private void retire(ServedModel model) {
        retired.add(model);
        scheduler.schedule(() -> {
            synchronized (this) {
                if (retired.remove(model)) {
                    model.close();
                }
            }
        }, RETIRE_SECONDS, TimeUnit.SECONDS);
    }

    /** Closes the served model and every retired one. */
    @Override
    public synchronized void close() {
        scheduler.shutdownNow();
        retired.forEach(ServedModel::close);
        retired.clear();
        current.get().close();
    }

    private static String shorten(String raw) {
        return raw.length() > 40 ? raw.substring(0, 40) + "…" : raw;
    }
}
