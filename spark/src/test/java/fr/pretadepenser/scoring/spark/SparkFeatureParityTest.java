package fr.pretadepenser.scoring.spark;

import fr.pretadepenser.scoring.progress.Progress;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import fr.pretadepenser.scoring.synthetic.GeneratorSettings;
import fr.pretadepenser.scoring.synthetic.SyntheticDataGenerator;
import fr.pretadepenser.scoring.testing.BuiltFeatures;
import fr.pretadepenser.scoring.testing.FeatureAssertions;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Spark engine against the DuckDB engine on one generated data set: the same columns in the same order, the
 * same manifest, and every value equal within 1e-9 (relative above 1: sums of amounts reach 1e8, where the two
 * engines' different summation orders differ in the last bits), a missing value only where the other is missing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SparkFeatureParityTest {

    /** Clients of application_train (the generator adds application_test's); small enough for 2 cores. */
    private static final int CLIENTS = 5_000;
    private static final String ODD_CATEGORY = "Child's \\ friend";

    private SparkSession spark;
    private BuiltFeatures duckdb;
    private SparkFeatures sparkFeatures;
    private List<Row> sparkRows;

    @BeforeAll
    void buildBoth(@TempDir Path work) throws Exception {
        Path data = work.resolve("data");
        new SyntheticDataGenerator(new GeneratorSettings(CLIENTS, 42)).generate(data, Progress.SILENT);
        // The generated categories hold no quote or backslash; the real ones could: give one category both, so
        // that the literal escaping of each dialect is checked on data.
        for (String table : List.of(HomeCreditSchema.APPLICATION_TRAIN, HomeCreditSchema.APPLICATION_TEST,
                HomeCreditSchema.PREVIOUS_APPLICATION)) {
            Path file = data.resolve(table + ".csv");
            Files.writeString(file, Files.readString(file).replace(",Unaccompanied,", "," + ODD_CATEGORY + ","));
        }
        Path duck = Files.createDirectories(work.resolve("duckdb"));
        duckdb = BuiltFeatures.of(data, duck);
        spark = LocalSpark.session("feature parity", 4);
        SparkFeatureEngine engine = new SparkFeatureEngine(spark, HomeCreditSchema.load());
        engine.registerTables(data.toString());
        sparkFeatures = engine.build(engine.learnVocabularies());
        sparkRows = sparkFeatures.table().collectAsList();
    }

    @AfterAll
    void stopSpark() {
        if (spark != null) {
            spark.stop();
        }
    }

    @Test
    void makesTheSameManifest() {
        assertEquals(duckdb.manifest(), sparkFeatures.manifest());
    }

    @Test
    void keepsACategoryWithAQuoteAndABackslash() {
        assertTrue(sparkFeatures.manifest().featureNames().contains("NAME_TYPE_SUITE_" + ODD_CATEGORY),
                () -> "no one-hot column for " + ODD_CATEGORY);
    }

    @Test
    void makesTheSameColumnsInTheSameOrder() {
        assertEquals(duckdb.columns(), List.of(sparkFeatures.table().columns()));
    }

    @Test
    void makesOneRowPerApplication() {
        assertEquals(duckdb.clients().size(), sparkRows.size());
    }

    @Test
    void computesEveryFeatureAsDuckDbDoes() {
        List<String> columns = List.of(sparkFeatures.table().columns());
        List<String> differences = new ArrayList<>();
        long compared = 0;
        for (Row row : sparkRows) {
            long client = row.getLong(0);
            Map<String, Double> expected = duckdb.row(client);
            for (int i = 1; i < columns.size(); i++) {
                Double want = expected.get(columns.get(i));
                Double got = row.isNullAt(i) ? null : ((Number) row.get(i)).doubleValue();
                compared++;
                if (!FeatureAssertions.same(want, got) && differences.size() < 20) {
                    differences.add("client " + client + " " + columns.get(i) + ": expected <" + want
                            + "> but was <" + got + ">");
                }
            }
        }
        assertTrue(compared > 1_000_000, "only " + compared + " values compared");
        assertEquals(List.of(), differences);
    }
}
