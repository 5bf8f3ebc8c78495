package fr.pretadepenser.scoring.api;

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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * One model bundle as the server serves it, with everything computed from it: its scorer, its feature sessions,
 * the stored clients' probabilities under it ({@link ClientDirectory}) and its cache of stored clients' answers.
 * A request reads one served model once ({@link CurrentModel#get()}) and uses only it, so each answer is
 * consistent with one version even while an admin switches models.
 */
final class ServedModel implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServedModel.class);

    private final ModelBundle bundle;
    private final Scorer scorer;
    private final OnlineFeatureBuilder features;
    private final ClientDirectory clients;
    private final ApplicationScoring scoring;
    private final ClientAnswers answers;

    private ServedModel(ModelBundle bundle, Scorer scorer, OnlineFeatureBuilder features, ClientDirectory clients,
                        ApplicationScoring scoring, VariableLabels labels) {
        this.bundle = bundle;
        this.scorer = scorer;
        this.features = features;
        this.clients = clients;
        this.scoring = scoring;
        this.answers = new ClientAnswers(scoring, labels);
    }

    /**
     * Serves a loaded bundle over the database: scores every stored client once (or reads them from the
     * database's cache of this version).
     *
     * @throws IllegalStateException when the database's features were built by other SQL or vocabularies than the
     *                               bundle's
     */
    static ServedModel open(ModelBundle bundle, Connection connection, HomeCreditSchema schema, VariableLabels labels,
                            Progress progress) throws SQLException {
        try {
            // One thread per call: single-row predictions are fastest so, and the requests run in parallel.
            bundle.booster().setParam("nthread", 1);
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost refused nthread=1: " + e.getMessage(), e);
        }
        Scorer scorer = new Scorer(bundle, labels);
        OnlineFeatureBuilder features = new OnlineFeatureBuilder(schema, bundle.features(), Optional.of(connection));
        // Said once per model: without the Java evaluation an edited application costs a DuckDB query (2.5 ms),
        // and a new application with history a DuckDB run of every file (30 ms).
        LOG.info("model {}: the application features of posted applications are {}; their history features are {}",
                bundle.manifest().version(), features.applicationFileInJava() ? "evaluated in Java"
                        : "computed by DuckDB (the application file is not a projection the Java evaluation"
                        + " reproduces exactly)", features.historyFilesInJava() ? "evaluated in Java"
                        : "computed by DuckDB (a file uses what the Java evaluation does not reproduce exactly)");
        try {
            ClientDirectory clients = ClientDirectory.open(connection, scorer, progress);
            ApplicationScoring scoring = new ApplicationScoring(new ApplicationCheck(schema,
                    bundle.features().vocabularies()), features, scorer);
            return new ServedModel(bundle, scorer, features, clients, scoring, labels);
        } catch (SQLException | RuntimeException e) {
            features.close();
            throw e;
        }
    }

    /** The bundle's version. */
    String version() {
        return bundle.manifest().version();
    }

    ModelBundle bundle() {
        return bundle;
    }

    Scorer scorer() {
        return scorer;
    }

    OnlineFeatureBuilder features() {
        return features;
    }

    ClientDirectory clients() {
        return clients;
    }

    ApplicationScoring scoring() {
        return scoring;
    }

    ClientAnswers answers() {
        return answers;
    }

    /** Closes the directory and the feature sessions (the database connection stays the caller's). */
    @Override
    public void close() {
        clients.close();
        features.close();
    }
}
