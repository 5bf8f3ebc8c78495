package fr.pretadepenser.scoring.features;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How a stored client's features are read for a model of every feature, or of some of them. */
class StoredFeaturesTest {

    private static final List<String> STORED = List.of("A", "B", "C", "D");

    @Test
    void aModelOfEveryFeatureReadsTheLookupListAsItIs() {
        assertEquals("features", StoredFeatures.lookupList(STORED, STORED));
    }

    @Test
    void aModelOfSelectedFeaturesPicksThemByTheirPlaceInTheDatabasesManifest() {
        assertEquals("list_select(features, [2, 4])", StoredFeatures.lookupList(STORED, List.of("B", "D")));
        // The model's order, whatever the database's: the model reads its columns by position.
        assertEquals("list_select(features, [4, 1])", StoredFeatures.lookupList(STORED, List.of("D", "A")));
    }

    @Test
    void aFeatureTheDatabaseLacksIsRefusedByName() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> StoredFeatures.lookupList(STORED, List.of("B", "E")));
        assertTrue(e.getMessage().contains("lack E"), e.getMessage());
    }
}
