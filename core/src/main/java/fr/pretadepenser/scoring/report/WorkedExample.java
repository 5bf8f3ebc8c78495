package fr.pretadepenser.scoring.report;

import fr.pretadepenser.scoring.explain.Explanation;
import fr.pretadepenser.scoring.explain.Language;
import fr.pretadepenser.scoring.features.DuckDbFeatureEngine;
import fr.pretadepenser.scoring.features.FeatureManifest;
import fr.pretadepenser.scoring.features.FeatureMatrixReader;
import fr.pretadepenser.scoring.features.FeatureRows;
import fr.pretadepenser.scoring.model.bundle.ModelBundle;
import fr.pretadepenser.scoring.score.Scorer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The client whose local explanation the note shows: the out-of-fold client whose probability is nearest the
 * threshold (a borderline decision is the one a committee asks about), explained with the bundle's model on its row
 * of the feature table. Without that table (or with one built by other features) there is no row to explain, and
 * {@link #unavailable} says why.
 *
 * @param client      SK_ID_CURR
 * @param outcome     its observed TARGET
 * @param outOfFold   its out-of-fold probability (from the fold model that did not see it)
 * @param explanation the final model's explanation of its feature row, if the row could be read
 * @param unavailable why there is no explanation (empty when there is one)
 */
record WorkedExample(long client, int outcome, double outOfFold, Optional<Explanation> explanation,
                     String unavailable) {

    /** Picks the borderline client of the bundle and explains it from {@code database} when possible. */
    static WorkedExample of(Scorer scorer, Path database) {
        ModelBundle bundle = scorer.bundle();
        long client = -1;
        int outcome = 0;
        double probability = Double.NaN;
        double threshold = bundle.manifest().threshold();
        try {
            List<String> lines = Files.readAllLines(bundle.directory().resolve("out-of-fold.csv"));
            for (String line : lines.subList(1, lines.size())) {
                String[] cells = line.split(",");
                double p = Double.parseDouble(cells[2]);
                if (Double.isNaN(probability) || Math.abs(p - threshold) < Math.abs(probability - threshold)) {
                    client = Long.parseLong(cells[0]);
                    outcome = Integer.parseInt(cells[1]);
                    probability = p;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (database == null || !Files.isRegularFile(database)) {
            return new WorkedExample(client, outcome, probability, Optional.empty(), "the feature database "
                    + (database == null ? "" : database + " ") + "is not available, so the client's feature row"
                    + " cannot be read; run the report with --db pointing at the database the model was trained on");
        }
        try {
            Optional<FeatureRows> row = row(database, bundle.features(), client);
            if (row.isEmpty()) {
                return new WorkedExample(client, outcome, probability, Optional.empty(), "client " + client
                        + " is not in the feature table of " + database + " or that table was built with other"
                        + " features than the bundle's");
            }
            Explanation explanation = scorer.score(row.get(), Language.EN).get(0).explanation();
            return new WorkedExample(client, outcome, probability, Optional.of(explanation), "");
        } catch (SQLException e) {
            return new WorkedExample(client, outcome, probability, Optional.empty(), "the feature row of client "
                    + client + " could not be read from " + database + ": " + e.getMessage());
        }
    }

    private static Optional<FeatureRows> row(Path database, FeatureManifest manifest, long client)
            throws SQLException {
        Properties readOnly = new Properties();
        readOnly.setProperty("duckdb.read_only", "true");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + database.toAbsolutePath(), readOnly)) {
            Optional<FeatureManifest> stored = DuckDbFeatureEngine.storedManifest(c);
            if (stored.isEmpty() || !manifest.isAmong(stored.get().featureNames())) {
                return Optional.empty();
            }
            FeatureRows rows = FeatureMatrixReader.readAll(c, manifest.featureNames(), "WHERE f.SK_ID_CURR = ?", "",
                    client);
            return rows.rows() == 0 ? Optional.empty() : Optional.of(rows);
        }
    }
}
