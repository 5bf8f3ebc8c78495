package fr.pretadepenser.scoring.portfolio;

import fr.pretadepenser.scoring.explain.Language;
import fr.pretadepenser.scoring.data.InvalidFieldException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClientNeighborsTest {

    static OpenedDirectory opened;
    static ClientDirectory directory;

    @BeforeAll
    static void openTheTinyBundlesDirectory() throws Exception {
        opened = OpenedDirectory.get();
        directory = opened.directory();
    }

    @Test
    void findsTheKNearestTrainingClientsNearestFirstWithoutTheClient() throws Exception {
        long client = opened.count("SELECT min(SK_ID_CURR) FROM application_train");
        Neighbors result = directory.neighbors(client, 25).orElseThrow();
        assertEquals(client, result.clientId());
        assertEquals(25, result.neighbors().size());
        for (int i = 0; i < result.neighbors().size(); i++) {
            Neighbors.Neighbor n = result.neighbors().get(i);
            assertTrue(n.clientId() != client);
            assertEquals("train", directory.summary(n.clientId(), Language.FR).orElseThrow().sample());
            assertEquals(directory.probability(n.clientId()).getAsDouble(), n.probability());
            if (i > 0) {
                assertTrue(result.neighbors().get(i - 1).distance() <= n.distance());
            }
        }
        assertEquals(25, result.neighbors().stream().mapToLong(Neighbors.Neighbor::clientId).distinct().count());
    }

    @Test
    void givesTheDefaultRateAmongNeighboursAndOverall() throws Exception {
        long client = opened.count("SELECT max(SK_ID_CURR) FROM application_train");
        Neighbors result = directory.neighbors(client, 100).orElseThrow();
        assertEquals(result.neighbors().stream().mapToInt(Neighbors.Neighbor::outcome).average().orElseThrow(),
                result.neighborDefaultRate(), 1e-12);
        double overall = OpenedDirectory.number(opened.database(),
                "SELECT avg(TARGET) FROM features WHERE TARGET IS NOT NULL").doubleValue();
        assertEquals(overall, result.overallDefaultRate(), 1e-12);
        for (Neighbors.Neighbor n : result.neighbors()) {
            assertEquals(opened.count("SELECT TARGET FROM application_train WHERE SK_ID_CURR = " + n.clientId()),
                    n.outcome());
        }
    }

    @Test
    void comparesTestClientsWithTrainingClientsToo() throws Exception {
        long client = opened.count("SELECT min(SK_ID_CURR) FROM application_test");
        Neighbors result = directory.neighbors(client, 1).orElseThrow();
        assertEquals(1, result.neighbors().size());
        assertEquals(result.neighbors().get(0).outcome(), result.neighborDefaultRate());
    }

    @Test
    void measuresOnTheColumnsOfTheMostImportantVariables() {
        List<String> features = directory.neighborFeatures();
        assertFalse(features.isEmpty());
        assertTrue(features.size() <= 10);
        assertTrue(directory.featureNames().containsAll(features));
        assertEquals(features.size(), features.stream().distinct().count());
        String top = opened.bundle().manifest().shapImportance().get(0).variable();
        boolean application = opened.bundle().manifest().shapImportance().get(0).table().equals("application");
        if (application && directory.featureNames().contains(top)) {
            assertEquals(top, features.get(0));
        }
        assertEquals(features, directory.neighbors(100002L, 3).map(Neighbors::features).orElse(features));
    }

    @Test
    void isTheSameForTheSameQuestion() throws Exception {
        long client = opened.count("SELECT min(SK_ID_CURR) FROM application_train WHERE TARGET = 1");
        assertEquals(directory.neighbors(client, 10), directory.neighbors(client, 10));
        assertEquals(directory.neighbors(client, 10).orElseThrow().neighbors(),
                directory.neighbors(client, 20).orElseThrow().neighbors().subList(0, 10));
    }

    /**
     * The index against a search written apart, in SQL over the feature table: the same imputation (training
     * median) and scaling (training mean and population standard deviation), every training client's distance,
     * sorted. For 25 clients (training and test) over the 2,000 of the tiny bundle, the 100 nearest have the
     * distances of the brute force's 100 first, and each neighbour's own distance is the brute force's.
     */
    @Test
    void equalsABruteForceSearchInSql() throws Exception {
        List<String> columns = directory.neighborFeatures();
        StringBuilder raw = new StringBuilder("SELECT SK_ID_CURR, TARGET");
        StringBuilder medians = new StringBuilder("SELECT 0 AS dummy");
        StringBuilder imputed = new StringBuilder("SELECT SK_ID_CURR, TARGET");
        StringBuilder moments = new StringBuilder("SELECT 0 AS dummy2");
        StringBuilder scaled = new StringBuilder("SELECT SK_ID_CURR, TARGET");
        StringBuilder distance = new StringBuilder("0");
        for (int c = 0; c < columns.size(); c++) {
            raw.append(", CAST(\"").append(columns.get(c)).append("\" AS DOUBLE) AS v").append(c);
            medians.append(", median(v").append(c).append(") AS m").append(c);
            imputed.append(", coalesce(v").append(c).append(", m").append(c).append(") AS v").append(c);
            moments.append(", avg(v").append(c).append(") AS a").append(c).append(", stddev_pop(v").append(c)
                    .append(") AS s").append(c);
            scaled.append(", (v").append(c).append(" - a").append(c).append(") / CASE WHEN s").append(c)
                    .append(" > 0 THEN s").append(c).append(" ELSE 1 END AS z").append(c);
            distance.append(" + (o.z").append(c).append(" - q.z").append(c).append(") ^ 2");
        }
        String sql = "WITH raw AS (" + raw + " FROM features), "
                + "med AS (" + medians + " FROM raw WHERE TARGET IS NOT NULL), "
                + "imp AS (" + imputed + " FROM raw, med), "
                + "mom AS (" + moments + " FROM imp WHERE TARGET IS NOT NULL), "
                + "z AS (" + scaled + " FROM imp, mom) "
                + "SELECT o.SK_ID_CURR, sqrt(" + distance + ") AS d FROM z o, z q WHERE q.SK_ID_CURR = ?"
                + " AND o.TARGET IS NOT NULL AND o.SK_ID_CURR <> q.SK_ID_CURR ORDER BY d, o.SK_ID_CURR";
        List<Long> clients = new ArrayList<>();
        try (Statement s = opened.database().createStatement();
             ResultSet r = s.executeQuery("(SELECT SK_ID_CURR FROM application_train ORDER BY SK_ID_CURR LIMIT 20)"
                     + " UNION ALL (SELECT SK_ID_CURR FROM application_test ORDER BY SK_ID_CURR LIMIT 5)")) {
            while (r.next()) {
                clients.add(r.getLong(1));
            }
        }
        assertEquals(25, clients.size());
        try (PreparedStatement brute = opened.database().prepareStatement(sql)) {
            for (long client : clients) {
                brute.setLong(1, client);
                Map<Long, Double> bruteDistance = new HashMap<>();
                List<Double> bruteOrder = new ArrayList<>();
                try (ResultSet r = brute.executeQuery()) {
                    while (r.next()) {
                        bruteDistance.put(r.getLong(1), r.getDouble(2));
                        bruteOrder.add(r.getDouble(2));
                    }
                }
                List<Neighbors.Neighbor> found = directory.neighbors(client, 100).orElseThrow().neighbors();
                assertEquals(100, found.size());
                for (int i = 0; i < found.size(); i++) {
                    Neighbors.Neighbor n = found.get(i);
                    assertEquals(bruteOrder.get(i), n.distance(), 1e-9, "client " + client + ", neighbour " + i);
                    assertEquals(bruteDistance.get(n.clientId()), n.distance(), 1e-9, "client " + client
                            + ", neighbour " + n.clientId());
                }
            }
        }
    }

    @Test
    void knowsNoNeighboursOfAnUnknownClientAndRefusesABadK() {
        assertTrue(directory.neighbors(3L, 5).isEmpty());
        assertEquals("k: 1 to 100 expected, got 0", assertThrows(IllegalArgumentException.class,
                () -> directory.neighbors(100002L, 0)).getMessage());
        assertEquals("k: 1 to 100 expected, got 101", assertThrows(IllegalArgumentException.class,
                () -> directory.neighbors(100002L, 101)).getMessage());
        // A caller's mistake of a named type, which the server answers with 400 naming the field.
        assertEquals("k", assertThrows(InvalidFieldException.class, () -> directory.neighbors(100002L, 0)).field());
    }
}
