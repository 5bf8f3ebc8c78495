package fr.pretadepenser.scoring.score;

import fr.pretadepenser.scoring.data.InvalidDataException;
import fr.pretadepenser.scoring.features.Dialect;
import fr.pretadepenser.scoring.features.DuckDbFeatureEngine;
import fr.pretadepenser.scoring.features.FeatureRows;
import fr.pretadepenser.scoring.model.bundle.ModelBundle;
import fr.pretadepenser.scoring.model.evaluation.Decision;
import fr.pretadepenser.scoring.progress.Progress;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import fr.pretadepenser.scoring.testing.TinyBundle;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchScoringTest {

    static TinyBundle tiny;
    static ModelBundle bundle;
    static Scorer scorer;
    static List<Prediction> predictions;
    static List<Long> fileOrder;

    @BeforeAll
    static void scoreTheTestApplicationsOfATinyBundle() throws Exception {
        tiny = TinyBundle.get();
        scorer = tiny.scorer();
        bundle = scorer.bundle();
        Path input = tiny.data().resolve("application_test.csv");
        predictions = new BatchScoring(scorer, HomeCreditSchema.load()).predict(input, tiny.data(),
                Progress.SILENT);
        fileOrder = Files.readAllLines(input).stream().skip(1).map(l -> Long.parseLong(l.split(",", 2)[0])).toList();
    }

    @Test
    void scoresEveryApplicationOnceInFileOrder() {
        assertTrue(fileOrder.size() > 0);
        assertEquals(fileOrder, predictions.stream().map(Prediction::client).toList());
    }

    @Test
    void decidesAtTheBundlesThresholdWithProbabilitiesInTheUnitInterval() {
        double threshold = bundle.manifest().threshold();
        for (Prediction p : predictions) {
            assertTrue(p.probability() >= 0 && p.probability() <= 1, "probability " + p.probability());
            assertEquals(p.probability() >= threshold, p.decision() == Decision.REFUSED, "client " + p.client());
            assertEquals(p.decision() == Decision.REFUSED ? "refused" : "granted", p.decision().label());
            assertTrue(p.reasons().size() <= 3);
        }
    }

    @Test
    void givesTheSameProbabilitiesAsTheFeatureTableBuiltAtTraining() throws Exception {
        List<String> names = bundle.features().featureNames();
        Map<Long, Double> expected = new HashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + tiny.database());
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT SK_ID_CURR, " + names.stream().map(Dialect.DUCKDB::identifier)
                     .collect(Collectors.joining(", ")) + " FROM " + DuckDbFeatureEngine.FEATURE_TABLE
                     + " WHERE TARGET IS NULL")) {
            while (r.next()) {
                float[] row = new float[names.size()];
                for (int i = 0; i < row.length; i++) {
                    double v = r.getDouble(i + 2);
                    row[i] = r.wasNull() ? Float.NaN : (float) v;
                }
                long client = r.getLong(1);
                expected.put(client, scorer.probabilities(FeatureRows.unlabelled(new long[]{client}, row,
                        row.length))[0]);
            }
        }
        assertEquals(predictions.size(), expected.size());
        for (Prediction p : predictions) {
            assertEquals(expected.get(p.client()), p.probability(), 1e-9, "client " + p.client());
        }
    }

    @Test
    void givesReasonsThatPushTowardDefaultByOriginalVariable() {
        List<String> variables = bundle.features().features().stream()
                .map(f -> f.table().equals("application") ? f.variable() : f.table() + "." + f.variable()).toList();
        long withReasons = predictions.stream().filter(p -> !p.reasons().isEmpty()).count();
        assertTrue(withReasons > 0);
        predictions.forEach(p -> p.reasons().forEach(reason -> assertTrue(variables.contains(reason), reason)));
    }

    @Test
    void writesOneCsvRowPerApplicationAndNoTemporaryFile(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("scores.csv");
        BatchScoring.write(predictions, out);
        List<String> lines = Files.readAllLines(out);
        assertEquals(BatchScoring.HEADER, lines.get(0));
        assertEquals(predictions.size() + 1, lines.size());
        List<CSVRecord> records;
        try (CSVParser csv = CSVParser.parse(out, StandardCharsets.UTF_8, CSVFormat.RFC4180)) {
            records = csv.getRecords();
        }
        List<String> first = records.get(1).toList();
        // Six columns, and the client's warnings last (categories the model never saw, unlinked rows).
        assertEquals(7, first.size());
        assertEquals(String.valueOf(predictions.get(0).client()), first.get(0));
        assertEquals(predictions.get(0).decision().label(), first.get(2));
        try (var files = Files.list(tmp)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void refusesAnApplicationFileWithoutItsKeyColumn(@TempDir Path tmp) throws Exception {
        Path input = tmp.resolve("applications.csv");
        Files.writeString(input, "A,B\n1,2\n");
        assertThrows(InvalidDataException.class, () -> new BatchScoring(scorer, HomeCreditSchema.load())
                .predict(input, null, Progress.SILENT));
    }
}
