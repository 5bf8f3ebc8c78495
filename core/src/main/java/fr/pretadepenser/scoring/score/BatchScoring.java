package fr.pretadepenser.scoring.score;

import fr.pretadepenser.scoring.data.ScoringWarning;
import fr.pretadepenser.scoring.data.ingest.Ingester;
import fr.pretadepenser.scoring.features.DuckDbFeatureEngine;
import fr.pretadepenser.scoring.features.FeatureManifest;
import fr.pretadepenser.scoring.features.FeatureMatrixReader;
import fr.pretadepenser.scoring.features.FeatureRows;
import fr.pretadepenser.scoring.features.InputWarnings;
import fr.pretadepenser.scoring.progress.Progress;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import fr.pretadepenser.scoring.schema.Table;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.io.FileUtils;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Scores a file of applications with a model bundle. The applications go through the same ingestion and feature
 * SQL as training, with the bundle's vocabularies, so that a category unseen at training time gets no column of its
 * own and the feature columns come out exactly in the bundle's order (checked, not assumed); the rows are then read
 * chunk by chunk and scored by the {@link Scorer}.
 */
public final class BatchScoring {

    /** The header of the scores file. */
    public static final String HEADER = "SK_ID_CURR,probability,decision,reason_1,reason_2,reason_3,warnings";

    /** What separates a client's warnings in the scores file's last column. */
    public static final String WARNING_SEPARATOR = " | ";

    // The applications of the scoring database in file order.
    private static final String TEST_APPLICATIONS = "JOIN " + HomeCreditSchema.APPLICATION_TEST
            + " a ON a.SK_ID_CURR = f.SK_ID_CURR";
    private static final String FILE_ORDER = "ORDER BY a.rowid";

    private final Scorer scorer;
    private final HomeCreditSchema schema;

    /** Batch scoring with that scorer; the schema is normally {@link HomeCreditSchema#load()}. */
    public BatchScoring(Scorer scorer, HomeCreditSchema schema) {
        this.scorer = scorer;
        this.schema = schema;
    }

    /**
     * Scores every application of {@code applications} (a Kaggle application_test-like CSV, optionally gzipped),
     * in file order.
     *
     * @param history a folder holding the side tables' files (bureau.csv, ...), or null for none
     * @throws fr.pretadepenser.scoring.data.InvalidDataException when a file does not match the schema
     */
    public List<Prediction> predict(Path applications, Path history, Progress progress)
            throws IOException, SQLException {
        return withFeatures(applications, history, progress, connection -> {
            Map<Long, List<ScoringWarning>> warnings = InputWarnings.byClient(connection, schema,
                    scorer.bundle().features().vocabularies());
            List<Prediction> predictions = new ArrayList<>();
            try (FeatureMatrixReader reader = FeatureMatrixReader.open(connection, featureNames(),
                    TEST_APPLICATIONS, FILE_ORDER)) {
                for (FeatureRows chunk = reader.next(FeatureMatrixReader.CHUNK); chunk.rows() > 0;
                     chunk = reader.next(FeatureMatrixReader.CHUNK)) {
                    for (Prediction p : scorer.predict(chunk)) {
                        predictions.add(p.withWarnings(warnings.getOrDefault(p.client(), List.of())));
                    }
                }
            }
            return predictions;
        });
    }

    /**
     * The feature rows of a file of applications, in file order, with their probabilities of default: what drift
     * measurement compares with the bundle's training references.
     *
     * @param names         the feature names, in the bundle's order
     * @param rows          the feature rows, in file order
     * @param probabilities the probability of default of each row
     * @param warnings      every client's warnings (categories the model never saw or the Kaggle files lack, history
     *                      rows linked to nothing)
     */
    public record FeatureBatch(List<String> names, FeatureRows rows, double[] probabilities,
                               List<ScoringWarning> warnings) {

        /** Copies the lists so that a batch's columns cannot change. */
        public FeatureBatch {
            names = List.copyOf(names);
            warnings = List.copyOf(warnings);
        }

        /** The number of applications. */
        public int size() {
            return rows.rows();
        }

        /** One feature's values as doubles (NaN for missing). */
        public double[] column(int feature) {
            double[] column = new double[rows.rows()];
            for (int i = 0; i < column.length; i++) {
                column[i] = rows.values()[i * rows.width() + feature];
            }
            return column;
        }
    }

    /**
     * Builds the features of every application of {@code applications} like {@link #predict} does, and gives their
     * probabilities, without explaining them.
     *
     * @param history a folder holding the side tables' files, or null for none
     * @throws fr.pretadepenser.scoring.data.InvalidDataException when a file does not match the schema
     */
    public FeatureBatch features(Path applications, Path history, Progress progress)
            throws IOException, SQLException {
        return withFeatures(applications, history, progress, connection -> {
            FeatureRows rows = FeatureMatrixReader.readAll(connection, featureNames(), TEST_APPLICATIONS, FILE_ORDER);
            List<ScoringWarning> warnings = new ArrayList<>();
            InputWarnings.byClient(connection, schema, scorer.bundle().features().vocabularies()).values()
                    .forEach(warnings::addAll);
            return new FeatureBatch(featureNames(), rows, scorer.probabilities(rows), warnings);
        });
    }

    private List<String> featureNames() {
        return scorer.bundle().features().featureNames();
    }

    /** What is done with the scoring database once the features are built. */
    @FunctionalInterface
    private interface FeatureWork<T> {
        T apply(Connection connection) throws SQLException;
    }

    private <T> T withFeatures(Path applications, Path history, Progress progress, FeatureWork<T> work)
            throws IOException, SQLException {
        FeatureManifest model = scorer.bundle().features();
        model.checkSqlUnchanged();
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
                model.requireBuiltIn(new DuckDbFeatureEngine(schema)
                        .build(connection, model.vocabularies(), progress).manifest());
                return work.apply(connection);
            }
        } finally {
            // Deletes the links to the caller's files, never the files they point to.
            FileUtils.deleteDirectory(staging.toFile());
        }
    }

    /** Writes predictions as CSV ({@link #HEADER}) through a temporary file renamed at the end. */
    public static void write(List<Prediction> predictions, Path out) throws IOException {
        Path folder = out.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path temporary = folder.resolve("." + out.getFileName() + ".partial");
        try {
            try (CSVPrinter csv = new CSVPrinter(Files.newBufferedWriter(temporary, StandardCharsets.UTF_8),
                    CSVFormat.RFC4180.builder().setRecordSeparator('\n').get())) {
                csv.printRecord((Object[]) HEADER.split(","));
                for (Prediction p : predictions) {
                    List<String> record = new ArrayList<>(List.of(String.valueOf(p.client()),
                            String.format(Locale.ROOT, "%.6f", p.probability()), p.decision().label()));
                    for (int i = 0; i < Scorer.FILE_REASONS; i++) {
                        record.add(i < p.reasons().size() ? p.reasons().get(i) : "");
                    }
                    record.add(p.warnings().stream().map(ScoringWarning::message)
                            .collect(Collectors.joining(WARNING_SEPARATOR)));
                    csv.printRecord(record);
                }
            }
            Files.move(temporary, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
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
