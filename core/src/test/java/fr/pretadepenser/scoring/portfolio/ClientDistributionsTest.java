package fr.pretadepenser.scoring.portfolio;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClientDistributionsTest {

    static OpenedDirectory opened;
    static ClientDirectory directory;

    @BeforeAll
    static void openTheTinyBundlesDirectory() throws Exception {
        opened = OpenedDirectory.get();
        directory = opened.directory();
    }

    @Test
    void countsEveryClientWithAValueOnceSplitByOutcome() throws Exception {
        for (String feature : java.util.List.of("EXT_SOURCE_3", "DAYS_BIRTH", "BURO_DAYS_CREDIT_MEAN",
                "NAME_INCOME_TYPE_Working")) {
            Distribution d = directory.distribution(feature, OptionalLong.empty(), 20);
            long present = opened.count("SELECT count(" + feature + ") FROM features");
            long train = opened.count("SELECT count(" + feature + ") FROM features WHERE TARGET IS NOT NULL");
            assertEquals(present, d.count(), feature);
            assertEquals(directory.size() - present, d.missing(), feature);
            assertEquals(train, d.trainCount(), feature);
            assertEquals(present, d.bins().stream().mapToLong(Distribution.Bin::all).sum(), feature);
            assertEquals(train, d.bins().stream().mapToLong(b -> b.defaulters() + b.nonDefaulters()).sum(), feature);
            assertEquals(opened.count("SELECT count(" + feature + ") FROM features WHERE TARGET = 1"),
                    d.bins().stream().mapToLong(Distribution.Bin::defaulters).sum(), feature);
            for (int i = 1; i < d.bins().size(); i++) {
                assertEquals(d.bins().get(i - 1).to(), d.bins().get(i).from(), 1e-9);
            }
        }
    }

    @Test
    void spansTheFirstToTheNinetyNinthPercentileInEqualBins() throws Exception {
        Distribution d = directory.distribution("EXT_SOURCE_2", OptionalLong.empty(), 10);
        assertEquals(10, d.bins().size());
        double low = OpenedDirectory.number(opened.database(),
                "SELECT quantile_cont(EXT_SOURCE_2, 0.01) FROM features").doubleValue();
        double high = OpenedDirectory.number(opened.database(),
                "SELECT quantile_cont(EXT_SOURCE_2, 0.99) FROM features").doubleValue();
        assertEquals(low, d.bins().get(0).from(), 1e-12);
        assertEquals(high, d.bins().get(9).to(), 1e-12);
        double width = (high - low) / 10;
        d.bins().forEach(b -> assertEquals(width, b.to() - b.from(), 1e-9));
        assertEquals(opened.count("SELECT count(*) FROM features WHERE EXT_SOURCE_2 < " + (low + width)),
                d.bins().get(0).all());
    }

    @Test
    void placesTheClientAmongTrainingClients() throws Exception {
        long client = opened.count("SELECT min(SK_ID_CURR) FROM features WHERE EXT_SOURCE_3 IS NOT NULL");
        Distribution d = directory.distribution("EXT_SOURCE_3", OptionalLong.of(client), 30);
        double value = OpenedDirectory.number(opened.database(),
                "SELECT EXT_SOURCE_3 FROM features WHERE SK_ID_CURR = " + client).doubleValue();
        assertEquals(client, d.client().clientId());
        assertEquals(value, d.client().value());
        double below = opened.count("SELECT count(*) FROM features WHERE TARGET IS NOT NULL AND EXT_SOURCE_3 < "
                + value);
        assertEquals(below / d.trainCount(), d.client().percentile(), 1e-12);
        assertTrue(d.client().percentile() >= 0 && d.client().percentile() <= 1);
        long missing = opened.count("SELECT min(SK_ID_CURR) FROM features WHERE EXT_SOURCE_1 IS NULL");
        Distribution.ClientValue none = directory.distribution("EXT_SOURCE_1", OptionalLong.of(missing), 5).client();
        assertNull(none.value());
        assertNull(none.percentile());
        assertNull(directory.distribution("EXT_SOURCE_1", OptionalLong.of(7L), 5).client());
    }

    @Test
    void labelsTheFeatureByItsOriginalVariable() {
        FeatureLabel label = directory.distribution("BURO_DAYS_CREDIT_MEAN", OptionalLong.empty(), 5).feature();
        assertEquals(new FeatureLabel("BURO_DAYS_CREDIT_MEAN", "bureau", "DAYS_CREDIT", "days",
                "Ancienneté des crédits auprès d'autres prêteurs", "Age of credits at other lenders"), label);
    }

    @Test
    void refusesANameThatIsNotAFeatureBeforeAnySql() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> directory.distribution("EXT_SOURCE_3; DROP TABLE features", OptionalLong.empty(), 10));
        assertTrue(e.getMessage().startsWith("feature: no model feature named \"EXT_SOURCE_3; DROP TABLE features\";"
                + " the " + directory.featureNames().size() + " names are those of the model bundle's features.json"),
                e.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> directory.distribution("ext_source",
                OptionalLong.empty(), 10)).getMessage().endsWith("e.g. EXT_SOURCE_1, EXT_SOURCE_2, EXT_SOURCE_3,"
                + " EXT_SOURCES_MEAN, EXT_SOURCES_MIN"), "the first five names that hold the text");
        assertThrows(IllegalArgumentException.class, () -> directory.distribution(null, OptionalLong.empty(), 10));
        assertEquals("bins: 1 to 100 expected, got 0", assertThrows(IllegalArgumentException.class,
                () -> directory.distribution("EXT_SOURCE_3", OptionalLong.empty(), 0)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> directory.scatter("EXT_SOURCE_3",
                "nope", OptionalLong.empty(), 10)).getMessage().startsWith("featureY: no model feature named"));
        assertEquals("sample: 1 to 5000 expected, got 5001", assertThrows(IllegalArgumentException.class,
                () -> directory.scatter("EXT_SOURCE_3", "DAYS_BIRTH", OptionalLong.empty(), 5001)).getMessage());
    }

    @Test
    void samplesTheSameTrainingClientsEveryTime() throws Exception {
        long client = opened.count("SELECT min(SK_ID_CURR) FROM application_test");
        Scatter first = directory.scatter("EXT_SOURCE_2", "DAYS_BIRTH", OptionalLong.of(client), 300);
        Scatter again = directory.scatter("EXT_SOURCE_2", "DAYS_BIRTH", OptionalLong.of(client), 300);
        assertEquals(first, again);
        assertEquals(300, first.points().size());
        first.points().forEach(p -> assertTrue(p.outcome() == 0 || p.outcome() == 1));
        assertEquals(client, first.client().clientId());
        assertEquals(OpenedDirectory.number(opened.database(), "SELECT DAYS_BIRTH FROM features WHERE SK_ID_CURR = "
                + client).doubleValue(), first.client().y());
        // A smaller sample is the start of a larger one: the order is the hash's, not the query plan's.
        assertEquals(first.points().subList(0, 100),
                directory.scatter("EXT_SOURCE_2", "DAYS_BIRTH", OptionalLong.empty(), 100).points());
        long both = opened.count("SELECT count(*) FROM features WHERE TARGET IS NOT NULL"
                + " AND EXT_SOURCE_1 IS NOT NULL AND EXT_SOURCE_3 IS NOT NULL");
        assertEquals(Math.min(both, 5000), directory.scatter("EXT_SOURCE_1", "EXT_SOURCE_3", OptionalLong.empty(),
                5000).points().size());
    }
}
