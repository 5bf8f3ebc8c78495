package fr.pretadepenser.scoring.features;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FeatureMatrixReaderTest {

    /** More features than one column block, so that an ordered read takes several queries. */
    private static final int WIDTH = 2 * FeatureMatrixReader.COLUMN_BLOCK + 5;

    /** 500 clients inserted in a shuffled order; cell (client, c) = client * 1000 + c, missing when c + 2 divides it. */
    private static Connection table(List<String> names) throws Exception {
        Connection c = DriverManager.getConnection("jdbc:duckdb:");
        StringBuilder columns = new StringBuilder();
        StringBuilder cells = new StringBuilder();
        for (int f = 0; f < WIDTH; f++) {
            names.add("F " + f);
            columns.append(", \"F ").append(f).append("\" DOUBLE");
            cells.append(", CASE WHEN i % ").append(f + 2).append(" = 0 THEN NULL ELSE i * 1000 + ").append(f)
                    .append(" END");
        }
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + DuckDbFeatureEngine.FEATURE_TABLE + " (SK_ID_CURR BIGINT, TARGET INTEGER"
                    + columns + ")");
            s.execute("INSERT INTO " + DuckDbFeatureEngine.FEATURE_TABLE + " SELECT i, CASE WHEN i % 7 = 0 THEN NULL"
                    + " ELSE i % 2 END" + cells + " FROM (SELECT (j * 7919) % 500 + 1 AS i FROM range(500) t(j))");
        }
        return c;
    }

    @Test
    void anOrderedReadInColumnBlocksGivesTheRowsOfOneQuery() throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection c = table(names)) {
            FeatureRows blocks = FeatureMatrixReader.readAll(c, names, "WHERE f.SK_ID_CURR > ?",
                    "ORDER BY f.SK_ID_CURR", 10);
            FeatureRows one;
            try (FeatureMatrixReader reader = FeatureMatrixReader.open(c, names, "WHERE f.SK_ID_CURR > ?",
                    "ORDER BY f.SK_ID_CURR", 10)) {
                one = reader.next(1000);
            }
            assertEquals(490, blocks.clients().length);
            assertArrayEquals(one.clients(), blocks.clients());
            assertArrayEquals(one.targets(), blocks.targets());
            assertArrayEquals(one.values(), blocks.values());
            assertEquals(11, blocks.clients()[0]);
            assertEquals(11 * 1000 + WIDTH - 1, blocks.values()[WIDTH - 1], 0);
            assertEquals(11_000, blocks.values()[0], 0);
            assertTrue(Float.isNaN(blocks.values()[WIDTH]), "client 12, F 0 is missing");
        }
    }

    @Test
    void anOrderedReadThroughAJoinGivesTheRowsOfOneQuery() throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection c = table(names); Statement s = c.createStatement()) {
            // Another table that picks a third of the clients, in an order of its own (as a file's rows are).
            s.execute("CREATE TABLE picked AS SELECT (j * 331) % 500 + 1 AS id FROM range(500) t(j) WHERE j % 3 = 0");
            String filter = "JOIN picked p ON p.id = f.SK_ID_CURR WHERE f.TARGET IS NOT NULL";
            FeatureRows blocks = FeatureMatrixReader.readAll(c, names, filter, "ORDER BY p.rowid");
            FeatureRows one;
            try (FeatureMatrixReader reader = FeatureMatrixReader.open(c, names, filter, "ORDER BY p.rowid")) {
                one = reader.next(1000);
            }
            assertEquals(96, blocks.clients().length, "167 picked, of which 96 labelled");
            assertArrayEquals(one.clients(), blocks.clients());
            assertArrayEquals(one.targets(), blocks.targets());
            assertArrayEquals(one.values(), blocks.values());
            assertEquals(1, blocks.clients()[0], "the picked table's first row, client 1");
            assertEquals(494, blocks.clients()[1], "its second: (3 * 331) % 500 + 1");
        }
    }
}
