package fr.pretadepenser.scoring.score;

import fr.pretadepenser.scoring.data.ScoringWarning;
import fr.pretadepenser.scoring.data.Vocabularies;
import fr.pretadepenser.scoring.progress.Progress;
import fr.pretadepenser.scoring.schema.Column;
import fr.pretadepenser.scoring.schema.ColumnType;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import fr.pretadepenser.scoring.schema.Table;
import fr.pretadepenser.scoring.testing.EveryCategoryClient;
import fr.pretadepenser.scoring.testing.TinyBundle;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Genuine rows through {@code scoring predict --history}: a history with every category of the real files and POS
 * and card rows of no previous application is scored, with one warning per finding, never refused.
 */
class EveryCategoryScoringTest {

    @TempDir
    static Path folder;

    static TinyBundle tiny;

    static Prediction prediction;

    @BeforeAll
    static void scoreTheClientFromFiles() throws Exception {
        tiny = TinyBundle.get();
        EveryCategoryClient.of(tiny).writeFiles(folder, null);
        List<Prediction> predictions = new BatchScoring(tiny.scorer(), HomeCreditSchema.load())
                .predict(folder.resolve("application_test.csv"), folder, Progress.SILENT);
        assertEquals(1, predictions.size());
        prediction = predictions.get(0);
    }

    @Test
    void theFilesHoldEveryCategoryOfEverySideTable() throws Exception {
        for (Table table : HomeCreditSchema.load().tables()) {
            if (table.name().startsWith("application")) {
                continue;
            }
            for (Column column : table.columns()) {
                if (column.type() != ColumnType.TEXT) {
                    continue;
                }
                Set<String> written = new HashSet<>();
                try (CSVParser csv = CSVParser.parse(folder.resolve(table.file()), StandardCharsets.UTF_8,
                        CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
                    for (CSVRecord record : csv) {
                        written.add(record.get(column.name()));
                    }
                }
                assertTrue(written.containsAll(column.categories()), table.name() + "." + column.name());
            }
        }
    }

    @Test
    void scoresTheClientWithAWarningForTheRowsOfNoPreviousApplication() {
        assertEquals(EveryCategoryClient.CLIENT, prediction.client());
        assertTrue(prediction.probability() > 0 && prediction.probability() < 1);
        List<ScoringWarning> unlinked = prediction.warnings().stream()
                .filter(w -> w.kind() == ScoringWarning.Kind.UNLINKED_ROWS).toList();
        assertEquals(List.of(
                new ScoringWarning(ScoringWarning.Kind.UNLINKED_ROWS, "POS_CASH_balance", "SK_ID_PREV",
                        "previous_application", EveryCategoryClient.UNLINKED),
                new ScoringWarning(ScoringWarning.Kind.UNLINKED_ROWS, "credit_card_balance", "SK_ID_PREV",
                        "previous_application", EveryCategoryClient.UNLINKED)), unlinked);
    }

    @Test
    void warnsOfEveryCategoryTheModelNeverSawAndOfNoneOutsideTheKaggleFiles() {
        List<ScoringWarning> categories = prediction.warnings().stream()
                .filter(w -> w.kind() != ScoringWarning.Kind.UNLINKED_ROWS).toList();
        assertTrue(categories.stream().allMatch(w -> w.kind() == ScoringWarning.Kind.UNSEEN_CATEGORY), categories
                .toString());
        // The files hold every category of the side tables: those missing from the model's vocabularies are the
        // ones training never saw, whatever the generator happened to write for the tiny model.
        Set<String> expected = new HashSet<>();
        Vocabularies vocabularies = tiny.scorer().bundle().features().vocabularies();
        for (Table table : HomeCreditSchema.load().tables()) {
            for (Column column : table.columns()) {
                List<String> seen = table.name().startsWith("application") ? null
                        : vocabularies.byColumn().get(table.name() + "." + column.name());
                if (column.type() == ColumnType.TEXT && seen != null) {
                    column.categories().stream().filter(value -> !seen.contains(value))
                            .forEach(value -> expected.add(table.name() + "." + column.name() + "=" + value));
                }
            }
        }
        assertEquals(expected, categories.stream().map(w -> w.table() + "." + w.column() + "=" + w.value())
                .collect(Collectors.toSet()));
        assertEquals(categories.stream().sorted(ScoringWarning.ORDER).toList(), categories, "in their order");
    }

    @Test
    void writesTheWarningsInTheScoresFilesLastColumn(@TempDir Path out) throws Exception {
        Path file = out.resolve("scores.csv");
        BatchScoring.write(List.of(prediction), file);
        try (CSVParser csv = CSVParser.parse(file, StandardCharsets.UTF_8, CSVFormat.RFC4180)) {
            List<CSVRecord> records = csv.getRecords();
            assertEquals(List.of(BatchScoring.HEADER.split(",")), records.get(0).toList());
            assertEquals(String.join(BatchScoring.WARNING_SEPARATOR, prediction.warnings().stream()
                    .map(ScoringWarning::message).toList()), records.get(1).get(6));
        }
    }
}
