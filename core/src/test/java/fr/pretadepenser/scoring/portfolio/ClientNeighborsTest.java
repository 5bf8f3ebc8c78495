package fr.pretadepenser.scoring.portfolio;

import fr.pretadepenser.scoring.data.InvalidFieldException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

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
            assertEquals("train", directory.summary(n.clientId()).orElseThrow().sample());
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
