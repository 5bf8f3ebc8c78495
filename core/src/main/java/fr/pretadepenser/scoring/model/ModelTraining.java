package fr.pretadepenser.scoring.model;

import fr.pretadepenser.scoring.features.DuckDbFeatureEngine;
import fr.pretadepenser.scoring.features.FeatureFiles;
import fr.pretadepenser.scoring.features.FeatureManifest;
import fr.pretadepenser.scoring.progress.Progress;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoostError;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The whole training run: read the labelled feature rows, search parameters by cross-validated AUC, compare
 * class weighting by business cost, choose the threshold on out-of-fold predictions, evaluate against the
 * baselines on the same folds, check fairness, fit the scorecard challenger when asked, train the final model and
 * describe it for its bundle.
 */
public final class ModelTraining {

    private static final int CURVE_POINTS = 101;

    private ModelTraining() {
    }

    /** Trains on the feature table of an ingested database. */
    public static TrainedModel train(Connection connection, TrainingSettings settings, Progress progress)
            throws SQLException, XGBoostError {
        FeatureManifest stored = DuckDbFeatureEngine.storedManifest(connection).orElseThrow(
                () -> new IllegalStateException("no feature table in the database; run 'scoring features' first"));
        stored.checkSqlUnchanged();
        FeatureManifest features = settings.applicationOnly() ? stored.onlyTable(FeatureFiles.APPLICATION) : stored;
        TrainingSet data = TrainingSetReader.read(connection, features);
        String[][] groups = applicantGroups(connection, data);
        int[] folds = StratifiedFolds.assign(data.outcomes(), settings.folds(), settings.seed());
        XgboostTrainer trainer = new XgboostTrainer(settings.maxRounds(), settings.patience(), settings.seed(),
                settings.threads());

        List<RandomSearch.Trial> trials = RandomSearch.run(trainer, data, folds, settings.trials(),
                settings.budgetSeconds(), settings.seed(), progress);
        CrossValidation unweighted = RandomSearch.best(trials).validation();

        // Class imbalance: the same parameters with defaults weighted by the class ratio; keep the cheaper.
        double ratio = (1 - data.defaultRate()) / data.defaultRate();
        progress.begin("class weighting", 0, "");
        progress.end(String.format(java.util.Locale.ROOT, "trying scale_pos_weight = %.2f", ratio));
        CrossValidation weighted = trainer.crossValidate(data, folds,
                unweighted.parameters().withScalePosWeight(ratio), progress);
        Threshold unweightedThreshold = ThresholdSearch.search(data.outcomes(), unweighted.outOfFold(), settings.cost());
        Threshold weightedThreshold = ThresholdSearch.search(data.outcomes(), weighted.outOfFold(), settings.cost());
        boolean useWeights = weightedThreshold.normalizedCost() < unweightedThreshold.normalizedCost();
        CrossValidation chosen = useWeights ? weighted : unweighted;
        Threshold threshold = useWeights ? weightedThreshold : unweightedThreshold;
        List<BundleManifest.ClassWeighting> weighting = List.of(
                new BundleManifest.ClassWeighting(1, unweighted.meanAuc(), unweightedThreshold.value(),
                        unweightedThreshold.normalizedCost(), !useWeights),
                new BundleManifest.ClassWeighting(ratio, weighted.meanAuc(), weightedThreshold.value(),
                        weightedThreshold.normalizedCost(), useWeights));

        progress.begin("baselines", 0, "");
        double[] prior = new double[data.rows()];
        java.util.Arrays.fill(prior, data.defaultRate());
        double[] logistic = new LogisticBaseline(1e-3).crossValidate(data, folds);
        progress.end("prior and logistic regression on the same folds");

        double[] oof = chosen.outOfFold();
        int[] y = data.outcomes();
        Map<String, List<Fairness.Group>> fairness = new LinkedHashMap<>();
        fairness.put("CODE_GENDER", Fairness.byGroup(groups[0], y, oof, threshold.value()));
        fairness.put("age band", Fairness.byGroup(groups[1], y, oof, threshold.value()));

        Scorecard scorecard = null;
        if (settings.scorecard()) {
            progress.begin("scorecard", 0, "");
            scorecard = new ScorecardTraining(PointsScale.DEFAULT, 1e-3).train(data, features, folds, settings.cost());
            progress.end(scorecard.variables().size() + " variables, out-of-fold AUC "
                    + String.format(java.util.Locale.ROOT, "%.4f", scorecard.evaluation().rocAuc()));
        }

        progress.begin("final model", chosen.finalRounds(), "rounds");
        Booster booster = trainer.trainFinal(data, chosen.parameters(), chosen.finalRounds());
        progress.end(chosen.finalRounds() + " rounds on " + data.rows() + " applications");

        String created = ZonedDateTime.now(ZoneOffset.UTC).withNano(0).format(DateTimeFormatter.ISO_INSTANT);
        Map<String, String> sources = sourceFiles(connection);
        String fingerprint = ModelBundle.sha256((sources + "|" + FeatureFiles.sha256() + "|" + settings + "|"
                + chosen.parameters()).getBytes(StandardCharsets.UTF_8));
        String version = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
                + "-" + fingerprint.substring(0, 8);

        BundleManifest manifest = new BundleManifest(version, created, settings, fingerprint, sources, data.rows(),
                data.defaultRate(), data.columns(), chosen.parameters(), chosen.finalRounds(), threshold.value(),
                settings.cost(), Evaluation.of(y, oof, chosen.aucSpread()), Evaluation.of(y, prior, 0),
                Evaluation.of(y, logistic, 0), weighting, searchLog(trials), threshold.confusion(),
                Confusion.at(0.5, y, oof), threshold.normalizedCost(), threshold.curve(),
                Metrics.calibration(y, oof, 10), Metrics.rocCurve(y, oof, CURVE_POINTS),
                Metrics.precisionRecallCurve(y, oof, CURVE_POINTS), fairness, ModelDescription.shapImportance(booster, features, data),
                ModelDescription.gainImportance(booster, features), ModelDescription.references(data), FeatureReference.of("probability", oof),
                libraries(), scorecard);
        return new TrainedModel(booster, features, manifest, data.clients(), y, oof);
    }

    private static List<BundleManifest.SearchTrial> searchLog(List<RandomSearch.Trial> trials) {
        List<BundleManifest.SearchTrial> log = new ArrayList<>();
        for (RandomSearch.Trial t : trials) {
            CrossValidation cv = t.validation();
            log.add(new BundleManifest.SearchTrial(t.index(), cv.parameters(), cv.meanAuc(), cv.aucSpread(),
                    cv.finalRounds(), java.util.Arrays.stream(cv.foldSeconds()).sum()));
        }
        return log;
    }

    /** CODE_GENDER and age band of each training row, in the training set's client order. */
    private static String[][] applicantGroups(Connection connection, TrainingSet data) throws SQLException {
        Map<Long, String[]> byClient = new java.util.HashMap<>();
        try (Statement s = connection.createStatement();
             ResultSet r = s.executeQuery("SELECT SK_ID_CURR, CODE_GENDER, DAYS_BIRTH FROM application_train")) {
            while (r.next()) {
                byClient.put(r.getLong(1), new String[]{r.getString(2), Fairness.ageBand(r.getLong(3))});
            }
        }
        String[][] groups = new String[2][data.rows()];
        for (int i = 0; i < data.rows(); i++) {
            String[] g = byClient.get(data.clients()[i]);
            groups[0][i] = g[0];
            groups[1][i] = g[1];
        }
        return groups;
    }

    private static Map<String, String> sourceFiles(Connection connection) throws SQLException {
        Map<String, String> files = new TreeMap<>();
        try (Statement s = connection.createStatement();
             ResultSet r = s.executeQuery("SELECT table_name, sha256 FROM ingest_log WHERE present")) {
            while (r.next()) {
                files.put(r.getString(1), r.getString(2));
            }
        }
        return files;
    }

    private static Map<String, String> libraries() {
        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("java", System.getProperty("java.version"));
        versions.put("xgboost4j", mavenVersion(Booster.class, "ml.dmlc/xgboost4j_2.12"));
        versions.put("duckdb", mavenVersion(org.duckdb.DuckDBDriver.class, "org.duckdb/duckdb_jdbc"));
        return versions;
    }

    /** The version Maven recorded in a library's jar, or "unknown" when the jar does not say. */
    private static String mavenVersion(Class<?> type, String artifact) {
        try (var in = type.getResourceAsStream("/META-INF/maven/" + artifact + "/pom.properties")) {
            if (in == null) {
                return "unknown";
            }
            java.util.Properties properties = new java.util.Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
