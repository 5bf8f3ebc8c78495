package fr.pretadepenser.scoring.model;

import fr.pretadepenser.scoring.features.DuckDbFeatureEngine;
import fr.pretadepenser.scoring.features.FeatureFiles;
import fr.pretadepenser.scoring.features.FeatureManifest;
import fr.pretadepenser.scoring.model.bundle.BundleManifest;
import fr.pretadepenser.scoring.model.bundle.FeatureReference;
import fr.pretadepenser.scoring.model.bundle.FeatureSelection;
import fr.pretadepenser.scoring.model.bundle.TrainedModel;
import fr.pretadepenser.scoring.model.evaluation.Confusion;
import fr.pretadepenser.scoring.model.evaluation.Evaluation;
import fr.pretadepenser.scoring.model.evaluation.Fairness;
import fr.pretadepenser.scoring.model.evaluation.Metrics;
import fr.pretadepenser.scoring.model.evaluation.Threshold;
import fr.pretadepenser.scoring.model.evaluation.ThresholdSearch;
import fr.pretadepenser.scoring.model.scorecard.PointsScale;
import fr.pretadepenser.scoring.model.scorecard.Scorecard;
import fr.pretadepenser.scoring.model.scorecard.ScorecardTraining;
import fr.pretadepenser.scoring.model.selection.NestedSelection;
import fr.pretadepenser.scoring.model.selection.SelectionResult;
import fr.pretadepenser.scoring.model.selection.SelectionSettings;
import fr.pretadepenser.scoring.model.training.BoostingParameters;
import fr.pretadepenser.scoring.model.training.CrossValidation;
import fr.pretadepenser.scoring.model.training.FoldTrainer;
import fr.pretadepenser.scoring.model.training.LeanHeap;
import fr.pretadepenser.scoring.model.training.LogisticBaseline;
import fr.pretadepenser.scoring.model.training.PriorCorrection;
import fr.pretadepenser.scoring.model.training.RandomSearch;
import fr.pretadepenser.scoring.model.training.StratifiedFolds;
import fr.pretadepenser.scoring.model.training.TrainingSet;
import fr.pretadepenser.scoring.model.training.TrainingSettings;
import fr.pretadepenser.scoring.model.training.XgboostFoldTrainer;
import fr.pretadepenser.scoring.progress.Progress;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.apache.commons.codec.digest.DigestUtils;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/**
 * The training recipe, written once for every engine: compare class weighting by business cost on one fold (when a
 * search of two trials or more is asked), search parameters by cross-validated AUC, choose the threshold on
 * out-of-fold predictions, evaluate against the baselines on the same folds, check fairness, fit the scorecard
 * challenger when asked, train the final model and describe it for its bundle. Only the fitting of trees and where
 * the rows live differ between engines ({@link FoldTrainer}: XGBoost4J here, the Spark module's XGBoost4J-Spark on a
 * cluster).
 */
public final class ModelTraining {

    private static final int CURVE_POINTS = 101;

    /** DuckDB's memory limit while the trees are fitted, once the rows are read. */
    private static final String IDLE_DATABASE_MEMORY = "64MB";

    private final TrainingSettings settings;

    /** A recipe with these settings (folds, search, cost, seed, rounds). */
    public ModelTraining(TrainingSettings settings) {
        this.settings = settings;
    }

    /** Trains on every feature of the feature table of an ingested database, on this machine (XGBoost4J). */
    public static TrainedModel train(Connection connection, TrainingSettings settings, Progress progress)
            throws SQLException, XGBoostError {
        return train(connection, settings, FeatureChoice.ALL, progress);
    }

    /**
     * Selects features inside cross-validation on the feature table of an ingested database, with the training's
     * folds (same seed, same folds as {@code scoring train}): the vote, and the out-of-fold AUC at each size.
     */
    public static SelectionResult select(Connection connection, TrainingSettings settings,
                                         SelectionSettings selection, Progress progress)
            throws SQLException, XGBoostError {
        FeatureManifest features = DuckDbFeatureEngine.storedManifest(connection).orElseThrow(
                () -> new IllegalStateException("no feature table in the database; run 'scoring features' first"));
        features.checkSqlUnchanged();
        progress.begin("select: read", 0, "");
        TrainingSet data = TrainingSet.read(connection, features);
        progress.end(data.rows() + " labelled applications, " + data.columns() + " features");
        int[] folds = StratifiedFolds.assign(data.outcomes(), settings.folds(), settings.seed());
        return new NestedSelection(selection, settings).run(features, data, folds, progress);
    }

    /**
     * Trains on the features {@code choice} keeps of the feature table of an ingested database, on this machine.
     * A vote taken here runs inside the training's folds first (for the honest AUC at that size and each feature's
     * stability), then on every row for the features kept.
     */
    public static TrainedModel train(Connection connection, TrainingSettings settings, FeatureChoice choice,
                                     Progress progress) throws SQLException, XGBoostError {
        // The rows live in the trainer alone, which lets them go before the final model's rounds.
        Prepared prepared = prepare(connection, settings, choice, progress);
        // Everything is read: DuckDB would keep the table's blocks cached (up to its memory limit, 80% of the RAM by
        // default) beside XGBoost's matrices for the whole training. A small limit evicts them; restored after.
        String limit;
        try (Statement s = connection.createStatement();
             ResultSet r = s.executeQuery("SELECT current_setting('memory_limit')")) {
            r.next();
            limit = r.getString(1);
            s.execute("SET memory_limit = '" + IDLE_DATABASE_MEMORY + "'");
        }
        try (LeanHeap lean = LeanHeap.shrink()) {
            return new ModelTraining(settings).train(prepared.input(), prepared.trainer(), BoostingParameters.DEFAULT,
                    progress);
        } finally {
            try (Statement s = connection.createStatement()) {
                s.execute("SET memory_limit = '" + limit.replace("'", "''") + "'");
            }
        }
    }

    /** The recipe's input and the trainer that holds the feature rows. */
    private record Prepared(TrainingInput input, XgboostFoldTrainer trainer) {
    }

    /** Reads the labelled rows, deals the folds and, when {@code choice} selects, keeps the features it votes for. */
    private static Prepared prepare(Connection connection, TrainingSettings settings, FeatureChoice choice,
                                    Progress progress) throws SQLException, XGBoostError {
        FeatureManifest stored = DuckDbFeatureEngine.storedManifest(connection).orElseThrow(
                () -> new IllegalStateException("no feature table in the database; run 'scoring features' first"));
        stored.checkSqlUnchanged();
        FeatureManifest features = settings.applicationOnly() ? stored.onlyTable(FeatureFiles.APPLICATION) : stored;
        TrainingSet data = TrainingSet.read(connection, features);
        int[] folds = StratifiedFolds.assign(data.outcomes(), settings.folds(), settings.seed());
        FeatureSelection selection = null;
        if (choice.selects()) {
            SelectionResult result = choice.result() != null ? choice.result()
                    : new NestedSelection(choice.settings().withSizes(List.of(choice.keep())), settings)
                    .run(features, data, folds, progress);
            List<String> kept = result.top(choice.keep());
            List<String> names = features.featureNames();
            int[] columns = kept.stream().mapToInt(name -> {
                int c = names.indexOf(name);
                if (c < 0) {
                    throw new IllegalArgumentException("the selection names " + name + ", which the feature table"
                            + " does not have: select again on this database");
                }
                return c;
            }).sorted().toArray();
            features = features.only(kept);
            data = data.subset(IntStream.range(0, data.rows()).toArray(), columns);
            selection = FeatureSelection.of(result, kept.size());
        }
        Map<String, String> libraries = LibraryVersions.common();
        libraries.put("duckdb", LibraryVersions.of(org.duckdb.DuckDBDriver.class, "org.duckdb/duckdb_jdbc"));
        TrainingInput input = new TrainingInput(features, data.clients(), data.outcomes(), folds,
                applicantGroups(connection, data), sourceFiles(connection), libraries, selection);
        return new Prepared(input, new XgboostFoldTrainer(data, folds, settings));
    }

    /**
     * Trains with {@code trainer}, which holds the feature rows of the applications of {@code input} and fits trees on
     * them, dealt into {@code input.folds()}.
     *
     * @param first the parameters of the first search trial
     */
    public TrainedModel train(TrainingInput input, FoldTrainer trainer, BoostingParameters first, Progress progress)
            throws XGBoostError {
        int[] y = input.outcomes();
        WeightingChoice weighting;
        List<RandomSearch.Trial> trials;
        // Each fold's matrices kept, within the trainer's budget, for class weighting's two fits of fold 1 and every
        // trial's fit of it.
        try (FoldTrainer.HeldFolds held = trainer.hold()) {
            weighting = settings.trials() > 1 ? classWeighting(input, trainer, first, progress)
                    : asGiven(first, progress);
            trials = RandomSearch.run(trainer, input.folds(), settings, weighting.parameters(), weighting.fitted(),
                    progress);
        }
        CrossValidation chosen = RandomSearch.best(trials).validation();
        // Probabilities on the data's scale whether or not defaults were weighted: what advisors read as a rate.
        double shift = weighting.weighted() ? PriorCorrection.offset(chosen.outOfFold(), input.defaultRate()) : 0;
        double[] oof = shift == 0 ? chosen.outOfFold() : PriorCorrection.shifted(chosen.outOfFold(), shift);
        Threshold threshold = ThresholdSearch.search(y, oof, settings.cost());

        double[] prior = new double[y.length];
        Arrays.fill(prior, input.defaultRate());
        SampleFigures sample = fromSample(trainer, input.features(), progress);

        Map<String, List<Fairness.Group>> fairness = new LinkedHashMap<>();
        input.groups().forEach((name, groups) -> fairness.put(name, Fairness.byGroup(groups, y, oof,
                threshold.value())));

        progress.begin("final model", chosen.finalRounds(), "rounds");
        Booster fitted = trainer.fitAll(chosen.parameters(), chosen.finalRounds());
        Booster booster = shift == 0 ? fitted : PriorCorrection.shifted(fitted, shift);
        progress.end(chosen.finalRounds() + " rounds on " + y.length + " applications");

        String created = ZonedDateTime.now(ZoneOffset.UTC).withNano(0).format(DateTimeFormatter.ISO_INSTANT);
        String fingerprint = DigestUtils.sha256Hex((input.sourceFiles() + "|" + FeatureFiles.sha256() + "|"
                + settings + "|" + chosen.parameters()
                + (input.selection() == null ? "" : "|" + String.join(",", input.features().featureNames())))
                .getBytes(StandardCharsets.UTF_8));
        String version = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
                + "-" + fingerprint.substring(0, 8);

        FeatureManifest features = input.features();
        BundleManifest manifest = new BundleManifest(version, created, settings, fingerprint, input.sourceFiles(),
                y.length, input.defaultRate(), features.features().size(), chosen.parameters(),
                chosen.finalRounds(), threshold.value(), settings.cost(), Evaluation.of(y, oof, chosen.aucSpread()),
                Evaluation.of(y, prior, 0), Evaluation.of(sample.outcomes(), sample.logistic(), 0), weighting.log(),
                searchLog(trials), threshold.confusion(), Confusion.at(0.5, y, oof), threshold.normalizedCost(),
                threshold.curve(), Metrics.calibration(y, oof, 10), Metrics.rocCurve(y, oof, CURVE_POINTS),
                Metrics.precisionRecallCurve(y, oof, CURVE_POINTS), fairness,
                ModelDescription.shapImportance(booster, features, sample.shapRows()),
                ModelDescription.gainImportance(booster, features), sample.references(),
                FeatureReference.of("probability", oof), input.libraries(), sample.scorecard(), input.selection());
        return new TrainedModel(booster, features, manifest, input.clients(), y, oof);
    }

    /**
     * What the recipe takes from the feature rows on this machine ({@link FoldTrainer#sample()}), all of it before
     * the final model, after which the trainer may have let the rows go.
     *
     * @param outcomes   the rows' outcomes
     * @param logistic   the logistic baseline's out-of-fold probabilities of the rows
     * @param scorecard  the scorecard challenger, or null when not asked for
     * @param references each feature's distribution, the drift reference
     * @param shapRows   the rows whose explanations give the global SHAP importance
     */
    private record SampleFigures(int[] outcomes, double[] logistic, Scorecard scorecard,
                                 List<FeatureReference> references, TrainingSet shapRows) {
    }

    private SampleFigures fromSample(FoldTrainer trainer, FeatureManifest features, Progress progress)
            throws XGBoostError {
        TrainingSet sample = trainer.sample();
        int[] folds = trainer.sampleFolds();
        // The drift references, on a thread of their own while the baseline runs (they took 10.4 s on one thread,
        // 5.7 s on two, measured apart): the baseline, fitted on one core when XGBoost fitted it, now shares both
        // with them. They do not depend on the number of threads (tested).
        ExecutorService beside = Executors.newSingleThreadExecutor();
        try {
            Future<List<FeatureReference>> references = beside.submit(() -> ModelDescription.references(sample, 1));
            progress.begin("baselines", 0, "");
            LogisticBaseline.OutOfFold logistic = new LogisticBaseline(1e-3, settings.threads())
                    .crossValidate(sample, folds);
            progress.end("prior and logistic regression on the same folds (" + logistic.summary() + ")");
            Scorecard scorecard = null;
            if (settings.scorecard()) {
                progress.begin("scorecard", 0, "");
                scorecard = new ScorecardTraining(PointsScale.DEFAULT, 1e-3).train(sample, features, folds,
                        settings.cost());
                progress.end(scorecard.variables().size() + " variables, out-of-fold AUC "
                        + String.format(Locale.ROOT, "%.4f", scorecard.evaluation().rocAuc()));
            }
            return new SampleFigures(sample.outcomes(), logistic.probabilities(), scorecard, references.get(),
                    ModelDescription.shapRows(sample));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("the drift references failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the drift references were computed", e);
        } finally {
            beside.shutdownNow();
        }
    }

    /**
     * What class weighting gave: the first trial's parameters with the weight chosen, and its first fold.
     *
     * @param parameters the first trial's parameters, weighted or not
     * @param fitted     the first fold fitted with them (the search reuses it), or null when nothing was compared
     * @param log        each option with its AUC, threshold and normalised cost on that fold; empty when nothing
     *                   was compared (one search trial)
     */
    private record WeightingChoice(BoostingParameters parameters, CrossValidation.FittedFold fitted,
                                   List<BundleManifest.ClassWeighting> log) {

        /** Whether defaults are weighted (the probabilities are then shifted back to the default rate). */
        boolean weighted() {
            return parameters.scalePosWeight() != 1;
        }
    }

    /**
     * Class imbalance, decided as the search's first step rather than by a second cross-validation: the first
     * trial's parameters without and with defaults weighted by the class ratio are fitted on the first fold, each
     * with its own early stopping, and scored on that fold's held-out rows by business cost, each at its own
     * threshold. The cheaper is kept for every trial of the search, and its fit is the first trial's first fold: the
     * choice costs one fold's fit, whichever wins, on the matrices the first fit built when the trainer holds them
     * ({@link FoldTrainer#hold}).
     */
    private WeightingChoice classWeighting(TrainingInput input, FoldTrainer trainer, BoostingParameters first,
                                          Progress progress) throws XGBoostError {
        double ratio = (1 - input.defaultRate()) / input.defaultRate();
        int fold = 0;
        int[] rows = IntStream.range(0, input.folds().length).filter(i -> input.folds()[i] == fold).toArray();
        int[] outcomes = Arrays.stream(rows).map(i -> input.outcomes()[i]).toArray();
        BoostingParameters unweightedParameters = first.withScalePosWeight(1);
        BoostingParameters weightedParameters = first.withScalePosWeight(ratio);
        CrossValidation.FittedFold unweighted = fitFirstFold(trainer, fold, unweightedParameters, "unweighted",
                progress);
        CrossValidation.FittedFold weighted = fitFirstFold(trainer, fold, weightedParameters,
                String.format(Locale.ROOT, "scale_pos_weight %.2f", ratio), progress);
        double[] unweightedFold = unweighted.fit().predictions();
        // Compared on the data's scale, as the bundle keeps them: the cost is the same, the threshold comparable.
        double[] rawFold = weighted.fit().predictions();
        double[] weightedFold = PriorCorrection.shifted(rawFold, PriorCorrection.offset(rawFold,
                Arrays.stream(outcomes).average().orElse(input.defaultRate())));
        Threshold without = ThresholdSearch.search(outcomes, unweightedFold, settings.cost());
        Threshold with = ThresholdSearch.search(outcomes, weightedFold, settings.cost());
        boolean useWeights = with.normalizedCost() < without.normalizedCost();
        progress.begin("class weighting", 0, "");
        progress.end(String.format(Locale.ROOT, "normalised cost on fold 1 %.4f weighted (%d rounds) against %.4f"
                        + " unweighted (%d rounds): %s", with.normalizedCost(), weighted.fit().rounds(),
                without.normalizedCost(), unweighted.fit().rounds(), useWeights ? "weighted" : "unweighted"),
                unweighted.seconds() + weighted.seconds());
        return new WeightingChoice(useWeights ? weightedParameters : unweightedParameters,
                useWeights ? weighted : unweighted, List.of(
                new BundleManifest.ClassWeighting(1, Metrics.rocAuc(outcomes, unweightedFold), without.value(),
                        without.normalizedCost(), !useWeights),
                new BundleManifest.ClassWeighting(ratio, Metrics.rocAuc(outcomes, weightedFold), with.value(),
                        with.normalizedCost(), useWeights)));
    }

    /**
     * One trial asked for is no search: the first trial's parameters are fitted as given, with their class weight
     * (unweighted by default), and class weighting is not compared, since the comparison's second fit of fold 1
     * would cost as much as a fifth of the whole training (at Kaggle size 49-68 s of about 530 s, where unweighted
     * won every run by 0.0005-0.002 of normalised cost).
     */
    private static WeightingChoice asGiven(BoostingParameters first, Progress progress) {
        progress.begin("class weighting", 0, "");
        progress.end(String.format(Locale.ROOT, "not compared (one search trial): scale_pos_weight %.2f as given;"
                + " --trials 2 or more compares it on fold 1", first.scalePosWeight()));
        return new WeightingChoice(first, null, List.of());
    }

    private CrossValidation.FittedFold fitFirstFold(FoldTrainer trainer, int fold, BoostingParameters parameters,
                                                    String option, Progress progress) throws XGBoostError {
        long start = System.nanoTime();
        // The total is the round limit, as in a cross-validation: early stopping usually ends the fit well before.
        progress.begin("class weighting: fold " + (fold + 1) + ", " + option, settings.maxRounds(), "rounds");
        FoldTrainer.FoldFit fit = trainer.fit(fold, parameters, progress);
        double seconds = (System.nanoTime() - start) / 1e9;
        progress.end(String.format(Locale.ROOT, "AUC %.4f at round %d", fit.auc(), fit.rounds()), seconds);
        return new CrossValidation.FittedFold(fold, fit, seconds);
    }

    private static List<BundleManifest.SearchTrial> searchLog(List<RandomSearch.Trial> trials) {
        List<BundleManifest.SearchTrial> log = new ArrayList<>();
        for (RandomSearch.Trial t : trials) {
            CrossValidation cv = t.validation();
            log.add(new BundleManifest.SearchTrial(t.index(), cv.parameters(), cv.meanAuc(), cv.aucSpread(),
                    cv.finalRounds(), Arrays.stream(cv.foldSeconds()).sum(), t.pruned() ? cv.foldAuc().length : 0));
        }
        return log;
    }

    /** CODE_GENDER and age band of each training row, in the training set's client order. */
    private static Map<String, String[]> applicantGroups(Connection connection, TrainingSet data)
            throws SQLException {
        Map<Long, String[]> byClient = new HashMap<>();
        try (Statement s = connection.createStatement();
             ResultSet r = s.executeQuery("SELECT SK_ID_CURR, CODE_GENDER, DAYS_BIRTH FROM application_train")) {
            while (r.next()) {
                byClient.put(r.getLong(1), new String[]{r.getString(2), Fairness.ageBand(r.getLong(3))});
            }
        }
        String[] genders = new String[data.rows()];
        String[] ageBands = new String[data.rows()];
        for (int i = 0; i < data.rows(); i++) {
            String[] g = byClient.get(data.clients()[i]);
            genders[i] = g[0];
            ageBands[i] = g[1];
        }
        Map<String, String[]> groups = new LinkedHashMap<>();
        groups.put("CODE_GENDER", genders);
        groups.put("age band", ageBands);
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
}
