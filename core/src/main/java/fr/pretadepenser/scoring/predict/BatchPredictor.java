package fr.pretadepenser.scoring.predict;

import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import fr.pretadepenser.scoring.schema.Table;
import fr.pretadepenser.scoring.data.ingest.Ingester;
import fr.pretadepenser.scoring.explain.Contribution;
import fr.pretadepenser.scoring.explain.Explanation;
import fr.pretadepenser.scoring.explain.ShapExplainer;
import fr.pretadepenser.scoring.features.Dialect;
import fr.pretadepenser.scoring.features.DuckDbFeatureEngine;
import fr.pretadepenser.scoring.features.FeatureFiles;
import fr.pretadepenser.scoring.features.FeatureManifest;
import fr.pretadepenser.scoring.model.ModelBundle;
import fr.pretadepenser.scoring.progress.Progress;
import ml.dmlc.xgboost4j.java.XGBoostError;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Scores a file of applications with a model bundle. The applications go through the same ingestion and feature
 * SQL as training, with the bundle's vocabularies, so that a category unseen at training time gets no column of its
 * own and the feature columns come out exactly in the bundle's order (checked, not assumed).
 */
public final class BatchPredictor {

    /** The header of the scores file. */
    public static final String HEADER = "SK_ID_CURR,probability,decision,reason_1,reason_2,reason_3";

    // Rows predicted and explained at once: SHAP values take rows x features floats.
    private static final int CHUNK = 5_000;

    private final ModelBundle bundle;
    private final HomeCreditSchema schema;

    /** A predictor with that bundle; the schema is normally {@link HomeCreditSchema#load()}. */
    public BatchPredictor(ModelBundle bundle, HomeCreditSchema schema) {
        this.bundle = bundle;
        this.schema = schema;
    }

    /**
     * One application scored.
     *
     * @param client      SK_ID_CURR
     * @param probability probability of default in [0, 1]
     * @param refused     whether it is at or above the bundle's threshold
     * @param reasons     up to three original variables that pushed the score most toward default, strongest
     *                    first, as {@code VARIABLE} for the application and {@code table.VARIABLE} for the history
     */
    public record Prediction(long client, double probability, boolean refused, List<String> reasons) {

        /** Copies the reasons so that a prediction cannot change. */
        public Prediction {
            reasons = List.copyOf(reasons);
        }

        /** {@code refused} or {@code granted}. */
        public String decision() {
            return refused ? "refused" : "granted";
        }
    }

    /**
     * Scores every application of {@code applications} (a Kaggle application_test-like CSV, optionally gzipped),
     * in file order.
     *
     * @param history a folder holding the side tables' files (bureau.csv, ...), or null for none
     * @throws fr.pretadepenser.scoring.data.InvalidDataException when a file does not match the schema
     */
    public List<Prediction> predict(Path applications, Path history, Progress progress)
            throws IOException, SQLException, XGBoostError {
        return withFeatures(applications, history, progress, this::score);
    }

    /**
     * The feature rows of a file of applications, in file order, with their probabilities of default: what drift
     * measurement compares with the bundle's training references.
     *
     * @param names         the feature names, in the bundle's order
     * @param clients       SK_ID_CURR of each row
     * @param values        row-major feature values, {@code clients.length x names.size()}, NaN for missing
     * @param probabilities the probability of default of each row
     */
    public record FeatureBatch(List<String> names, long[] clients, float[] values, double[] probabilities) {

        /** Copies the names so that a batch's columns cannot change. */
        public FeatureBatch {
            names = List.copyOf(names);
        }

        /** The number of applications. */
        public int rows() {
            return clients.length;
        }

        /** One feature's values as doubles (NaN for missing). */
        public double[] column(int feature) {
            double[] column = new double[clients.length];
            for (int i = 0; i < clients.length; i++) {
                column[i] = values[i * names.size() + feature];
            }
            return column;
        }
    }

    /**
     * Builds the features of every application of {@code applications} like {@link #predict} does, and predicts
     * them, without explaining them.
     *
     * @param history a folder holding the side tables' files, or null for none
     * @throws fr.pretadepenser.scoring.data.InvalidDataException when a file does not match the schema
     */
    public FeatureBatch features(Path applications, Path history, Progress progress)
            throws IOException, SQLException, XGBoostError {
        return withFeatures(applications, history, progress, connection -> {
            List<String> names = bundle.features().featureNames();
            List<Long> clients = new ArrayList<>();
            float[] values = new float[0];
            int width = names.size();
            try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(featureQuery())) {
                while (r.next()) {
                    int row = clients.size();
                    clients.add(r.getLong(1));
                    if ((row + 1) * width > values.length) {
                        values = java.util.Arrays.copyOf(values, Math.max(width, 2 * values.length));
                    }
                    for (int c = 0; c < width; c++) {
                        double v = r.getDouble(c + 2);
                        values[row * width + c] = r.wasNull() ? Float.NaN : (float) v;
                    }
                }
            }
            float[] matrix = java.util.Arrays.copyOf(values, clients.size() * width);
            double[] probabilities = clients.isEmpty() ? new double[0] : bundle.predict(matrix, clients.size());
            return new FeatureBatch(names, clients.stream().mapToLong(Long::longValue).toArray(), matrix,
                    probabilities);
        });
    }

    /** What is done with the scoring database once the features are built. */
    @FunctionalInterface
    private interface FeatureWork<T> {
        T apply(Connection connection) throws SQLException, XGBoostError;
    }

    private <T> T withFeatures(Path applications, Path history, Progress progress, FeatureWork<T> work)
            throws IOException, SQLException, XGBoostError {
        bundle.features().checkSqlUnchanged();
        Path staging = Files.createTempDirectory("scoring-predict-");
        try {
            Path data = Files.createDirectory(staging.resolve("data"));
            Table test = schema.table(HomeCreditSchema.APPLICATION_TEST);
            link(applications, data.resolve(test.file() + (applications.toString().endsWith(".gz") ? ".gz" : "")));
            if (history != null) {
                for (Table table : schema.tables()) {
                    if (table.name().startsWith("application")) {
                        continue;
                    }
                    for (String name : List.of(table.file(), table.file() + ".gz")) {
                        if (Files.isRegularFile(history.resolve(name))) {
                            link(history.resolve(name), data.resolve(name));
                            break;
                        }
                    }
                }
            }
            Path database = staging.resolve("score.duckdb");
            Ingester.forScoring(schema).ingest(data, database, progress);
            try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + database)) {
                FeatureManifest built = new DuckDbFeatureEngine(schema)
                        .build(connection, bundle.features().vocabularies(), progress).manifest();
                if (!built.featureNames().equals(bundle.features().featureNames())) {
                    throw new IllegalStateException("the features built for scoring (" + built.featureNames().size()
                            + ") differ from the model's (" + bundle.features().featureNames().size() + "); the"
                            + " bundle was trained with other feature SQL: train again");
                }
                return work.apply(connection);
            }
        } finally {
            try (Stream<Path> paths = Files.walk(staging)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** The feature columns in the bundle's order, one row per application in file order. */
    private String featureQuery() {
        String columns = bundle.features().featureNames().stream().map(n -> "f." + Dialect.DUCKDB.identifier(n))
                .collect(Collectors.joining(", "));
        return "SELECT f.SK_ID_CURR, " + columns + " FROM " + DuckDbFeatureEngine.FEATURE_TABLE + " f JOIN "
                + HomeCreditSchema.APPLICATION_TEST + " a ON a.SK_ID_CURR = f.SK_ID_CURR ORDER BY a.rowid";
    }

    /** Writes predictions as CSV ({@link #HEADER}) through a temporary file renamed at the end. */
    public static void write(List<Prediction> predictions, Path out) throws IOException {
        Path folder = out.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path temporary = folder.resolve("." + out.getFileName() + ".partial");
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (Prediction p : predictions) {
            csv.append(p.client()).append(',').append(String.format(Locale.ROOT, "%.6f", p.probability())).append(',')
                    .append(p.decision());
            for (int i = 0; i < 3; i++) {
                csv.append(',').append(i < p.reasons().size() ? p.reasons().get(i) : "");
            }
            csv.append('\n');
        }
        try {
            Files.writeString(temporary, csv, StandardCharsets.UTF_8);
            Files.move(temporary, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private List<Prediction> score(Connection connection) throws SQLException, XGBoostError {
        List<String> names = bundle.features().featureNames();
        ShapExplainer explainer = new ShapExplainer(bundle.booster(), bundle.features());
        double threshold = bundle.manifest().threshold();
        List<Prediction> predictions = new ArrayList<>();
        int width = names.size();
        try (Statement s = connection.createStatement();
             ResultSet r = s.executeQuery(featureQuery())) {
            List<Long> clients = new ArrayList<>();
            float[] values = new float[CHUNK * width];
            while (r.next()) {
                int row = clients.size();
                clients.add(r.getLong(1));
                for (int c = 0; c < width; c++) {
                    double v = r.getDouble(c + 2);
                    values[row * width + c] = r.wasNull() ? Float.NaN : (float) v;
                }
                if (clients.size() == CHUNK) {
                    predictions.addAll(chunk(clients, values, explainer, threshold));
                    clients.clear();
                }
            }
            if (!clients.isEmpty()) {
                float[] part = java.util.Arrays.copyOf(values, clients.size() * width);
                predictions.addAll(chunk(clients, part, explainer, threshold));
            }
        }
        return predictions;
    }

    private List<Prediction> chunk(List<Long> clients, float[] values, ShapExplainer explainer, double threshold)
            throws XGBoostError {
        int rows = clients.size();
        double[] probabilities = bundle.predict(values, rows);
        List<Explanation> explanations = explainer.explain(values, rows);
        List<Prediction> result = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            result.add(new Prediction(clients.get(i), probabilities[i], probabilities[i] >= threshold,
                    reasons(explanations.get(i))));
        }
        return result;
    }

    /**
     * The reasons of a scores file for one explained application: up to three original variables that pushed the
     * score most toward default, strongest first, as {@code VARIABLE} for the application and {@code table.VARIABLE}
     * for the history. Public so that other batch scorers (Spark) write the same reasons.
     */
    public static List<String> reasons(Explanation explanation) {
        return explanation.contributions().stream().filter(c -> c.value() > 0)
                .sorted(Comparator.comparingDouble((Contribution c) -> -c.value())).limit(3)
                .map(BatchPredictor::reason).toList();
    }

    private static String reason(Contribution c) {
        return c.table().equals(FeatureFiles.APPLICATION) ? c.variable() : c.table() + "." + c.variable();
    }

    /** Links a user's file into the staging folder (copies it where links are not allowed). */
    private static void link(Path source, Path target) throws IOException {
        try {
            Files.createSymbolicLink(target, source.toAbsolutePath());
        } catch (UnsupportedOperationException | IOException e) {
            Files.copy(source, target);
        }
    }
}
