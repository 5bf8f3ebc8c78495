package fr.pretadepenser.scoring.portfolio;

import fr.pretadepenser.scoring.features.Dialect;
import fr.pretadepenser.scoring.features.FeatureRows;
import fr.pretadepenser.scoring.model.bundle.ModelBundle;
import fr.pretadepenser.scoring.progress.Progress;
import fr.pretadepenser.scoring.score.Scorer;
import fr.pretadepenser.scoring.testing.TinyBundle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClientScoresTest {

    static TinyBundle tiny;
    static Scorer scorer;
    static ModelBundle bundle;

    @BeforeAll
    static void loadTheTinyBundle() throws Exception {
        tiny = TinyBundle.get();
        scorer = tiny.scorer();
        bundle = scorer.bundle();
    }

    @Test
    void scoresOnceThenReadsTheCacheOfTheSameModelVersion() throws Exception {
        try (Connection database = OpenedDirectory.copy(tiny)) {
            ClientDirectory first = ClientDirectory.open(database, scorer, Progress.SILENT);
            assertTrue(first.scoresComputed());
            String version = bundle.manifest().version();
            assertEquals(first.size(), OpenedDirectory.number(database, "SELECT count(*) FROM client_scores"
                    + " WHERE model_version = '" + version + "'").intValue());
            assertEquals(1, OpenedDirectory.number(database, "SELECT count(DISTINCT model_version)"
                    + " FROM client_scores").intValue());
            ClientDirectory second = ClientDirectory.open(database, scorer, Progress.SILENT);
            assertFalse(second.scoresComputed());
            ClientPage all = first.search(new ClientQuery(null, null, null, null, 100, 0));
            assertEquals(all, second.search(new ClientQuery(null, null, null, null, 100, 0)));

            try (Statement s = database.createStatement()) {
                s.execute("UPDATE client_scores SET model_version = 'another-model'");
            }
            ClientDirectory third = ClientDirectory.open(database, scorer, Progress.SILENT);
            assertTrue(third.scoresComputed());
            assertEquals(third.size(), OpenedDirectory.number(database, "SELECT count(*) FROM client_scores"
                    + " WHERE model_version = '" + version + "'").intValue());
            assertEquals(all, third.search(new ClientQuery(null, null, null, null, 100, 0)));
        }
    }

    @Test
    void scoresAgainWhenTheCacheMissesAClient() throws Exception {
        try (Connection database = OpenedDirectory.copy(tiny)) {
            ClientDirectory.open(database, scorer, Progress.SILENT);
            try (Statement s = database.createStatement()) {
                s.execute("DELETE FROM client_scores WHERE SK_ID_CURR = (SELECT max(SK_ID_CURR) FROM features)");
            }
            assertTrue(ClientDirectory.open(database, scorer, Progress.SILENT).scoresComputed());
        }
    }

    @Test
    void givesTheModelsProbabilityOfEachStoredFeatureRow() throws Exception {
        List<String> names = bundle.features().featureNames();
        try (Connection database = OpenedDirectory.copy(tiny)) {
            ClientDirectory directory = ClientDirectory.open(database, scorer, Progress.SILENT);
            List<Long> clients = new ArrayList<>();
            List<float[]> rows = new ArrayList<>();
            try (Statement s = database.createStatement();
                 ResultSet r = s.executeQuery("SELECT SK_ID_CURR, " + names.stream().map(Dialect.DUCKDB::identifier)
                         .collect(Collectors.joining(", ")) + " FROM features USING SAMPLE 50 ROWS")) {
                while (r.next()) {
                    clients.add(r.getLong(1));
                    float[] row = new float[names.size()];
                    for (int i = 0; i < row.length; i++) {
                        double v = r.getDouble(i + 2);
                        row[i] = r.wasNull() ? Float.NaN : (float) v;
                    }
                    rows.add(row);
                }
            }
            for (int i = 0; i < clients.size(); i++) {
                float[] row = rows.get(i);
                double expected = scorer.probabilities(FeatureRows.unlabelled(new long[]{clients.get(i)}, row,
                        row.length))[0];
                assertEquals(expected, directory.probability(clients.get(i)).getAsDouble(), 1e-9,
                        "client " + clients.get(i));
            }
            assertTrue(directory.probability(42L).isEmpty());
        }
    }

    @Test
    void refusesAFeatureTableBuiltWithOtherColumns() throws Exception {
        String feature = bundle.features().featureNames().get(5);
        try (Connection database = OpenedDirectory.copy(tiny)) {
            try (Statement s = database.createStatement()) {
                s.execute("ALTER TABLE features DROP COLUMN " + Dialect.DUCKDB.identifier(feature));
            }
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> ClientDirectory.open(database, scorer, Progress.SILENT));
            int count = bundle.features().featureNames().size();
            assertEquals("the database's features were built by other SQL/vocabularies than the model; run"
                    + " 'scoring features' again (the database has " + (count - 1) + " features, the model " + count
                    + "; first difference at position 6 (" + bundle.features().featureNames().get(6)
                    + " in the database, " + feature + " in the model))", e.getMessage());
        }
    }

    @Test
    void refusesCallsOnceClosed() throws Exception {
        ClientDirectory directory = OpenedDirectory.get().directory();
        try (Connection database = OpenedDirectory.copy(tiny)) {
            ClientDirectory closing = ClientDirectory.open(database, scorer, Progress.SILENT);
            closing.close();
            assertEquals("the client directory is closed", assertThrows(IllegalStateException.class,
                    () -> closing.search(ClientQuery.all(5))).getMessage());
        }
        assertEquals(5, directory.search(ClientQuery.all(5)).items().size());
    }
}
