package fr.pretadepenser.scoring.features;

import fr.pretadepenser.scoring.data.ingest.Ingester;
import fr.pretadepenser.scoring.progress.Progress;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import fr.pretadepenser.scoring.synthetic.GeneratorSettings;
import fr.pretadepenser.scoring.synthetic.SyntheticDataGenerator;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TableFileRunsTest {

    private static final List<FeatureFiles.FeatureFile> FILES = FeatureFiles.TABLES;

    @Test
    void runsEachFileOnceIntoPartsTheCallerReads() throws Exception {
        try (DuckDBConnection c = parts()) {
            Map<FeatureFiles.FeatureFile, String> queries = new LinkedHashMap<>();
            for (int i = 0; i < FILES.size(); i++) {
                queries.put(FILES.get(i), "SELECT range AS x FROM range(" + (1000 * (i + 1)) + ")");
            }
            List<String> finished = new ArrayList<>();
            TableFileRuns.run(c, List.of(), queries, 2, run -> finished.add(run.file().name()));

            assertEquals(FILES.stream().map(FeatureFiles.FeatureFile::name).sorted().toList(),
                    finished.stream().sorted().toList());
            for (int i = 0; i < FILES.size(); i++) {
                assertEquals(1000L * (i + 1), single(c, "SELECT count(*) FROM " + TableFileRuns.PARTS + "."
                        + FILES.get(i).resultTable()));
            }
        }
    }

    @Test
    void sumsTheSameBitsAsOneQueryAfterTheOther() throws Exception {
        // Two million doubles of many magnitudes in 1,000 groups: an order of addition shows in the last bits.
        String values = "SELECT range % 1000 AS g, (hash(range) % 1000000)"
                + " * pow(10, (hash(range * 7) % 12)::INTEGER - 6) AS v FROM range(2000000)";
        String sums = "SELECT g, sum(v) AS s, avg(v) AS m, var_samp(v) AS w FROM source GROUP BY g";
        try (DuckDBConnection c = parts()) {
            execute(c, "SET threads = 1");
            execute(c, "CREATE TABLE source AS " + values + " ORDER BY hash(range * 13)");
            execute(c, "CREATE TABLE alone AS " + sums);
            Map<FeatureFiles.FeatureFile, String> queries = new LinkedHashMap<>();
            for (FeatureFiles.FeatureFile file : FILES.subList(0, 2)) {
                queries.put(file, sums);
            }
            TableFileRuns.run(c, List.of(), queries, 2, run -> {
            });
            for (FeatureFiles.FeatureFile file : FILES.subList(0, 2)) {
                assertEquals(0L, single(c, "SELECT count(*) FROM alone a JOIN " + TableFileRuns.PARTS + "."
                        + file.resultTable() + " p USING (g) WHERE a.s::VARCHAR <> p.s::VARCHAR"
                        + " OR a.m::VARCHAR <> p.m::VARCHAR OR a.w::VARCHAR <> p.w::VARCHAR"), file.name());
            }
        }
    }

    @Test
    void throwsTheFailingFilesError() throws Exception {
        try (DuckDBConnection c = parts()) {
            Map<FeatureFiles.FeatureFile, String> queries = new LinkedHashMap<>();
            queries.put(FILES.get(0), "SELECT range AS x FROM range(10)");
            queries.put(FILES.get(1), "SELECT * FROM no_such_table");
            SQLException e = assertThrows(SQLException.class,
                    () -> TableFileRuns.run(c, List.of(), queries, 2, run -> {
                    }));
            assertTrue(e.getMessage().contains("no_such_table"), e.getMessage());
        }
    }

    @Test
    void setsUpEachConnectionFirst() throws Exception {
        try (DuckDBConnection c = parts()) {
            Map<FeatureFiles.FeatureFile, String> queries = new LinkedHashMap<>();
            for (FeatureFiles.FeatureFile file : FILES) {
                queries.put(file, "SELECT * FROM answer");
            }
            TableFileRuns.run(c, List.of("CREATE TEMP VIEW answer AS SELECT 42 AS x"), queries, 3, run -> {
            });
            assertEquals(42L, single(c, "SELECT x FROM " + TableFileRuns.PARTS + "." + FILES.get(5).resultTable()));
        }
    }

    @Test
    void aBuildLeavesNoPartsBehindAndBuildsAgainOnItsConnection(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("data");
        new SyntheticDataGenerator(new GeneratorSettings(300, 5)).generate(data, Progress.SILENT);
        Path db = tmp.resolve("homecredit.duckdb");
        new Ingester(HomeCreditSchema.load()).ingest(data, db, Progress.SILENT);
        DuckDbFeatureEngine engine = new DuckDbFeatureEngine(HomeCreditSchema.load());
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db)) {
            String threads = string(c, "SELECT current_setting('threads')");
            FeatureBuild first = engine.build(c, engine.learnVocabularies(c), Progress.SILENT);
            FeatureBuild second = engine.build(c, engine.learnVocabularies(c), Progress.SILENT);
            assertEquals(first.manifest(), second.manifest());
            assertEquals(0L, single(c, "SELECT count(*) FROM duckdb_databases() WHERE database_name = '"
                    + TableFileRuns.PARTS + "'"));
            assertEquals(0L, single(c, "SELECT count(*) FROM duckdb_views() WHERE view_name LIKE 'features_%'"));
            assertEquals(threads, string(c, "SELECT current_setting('threads')"));
            assertEquals(first.rows(), single(c, "SELECT count(*) FROM " + DuckDbFeatureEngine.FEATURE_TABLE));
        }
    }

    private static DuckDBConnection parts() throws SQLException {
        DuckDBConnection c = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
        execute(c, "ATTACH ':memory:' AS " + TableFileRuns.PARTS);
        return c;
    }

    private static long single(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private static String string(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
