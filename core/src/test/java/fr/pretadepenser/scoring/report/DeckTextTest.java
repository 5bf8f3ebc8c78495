package fr.pretadepenser.scoring.report;

import fr.pretadepenser.scoring.explain.Language;
import fr.pretadepenser.scoring.features.FeatureGroup;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import fr.pretadepenser.scoring.schema.Table;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeckTextTest {

    private static final Pattern PLACE = Pattern.compile("\\$\\{([a-z_]+)}");

    @Test
    void everyKeyHasAFrenchAndAnEnglishTextWithTheSamePlacesToFill() {
        Map<String, String[]> table = DeckText.load();
        assertTrue(table.size() > 100, table.size() + " texts");
        table.forEach((key, texts) -> {
            assertFalse(texts[0].isBlank(), key + " has no French text");
            assertFalse(texts[1].isBlank(), key + " has no English text");
            assertEquals(places(texts[1]), places(texts[0]), key + ": French and English fill different places");
        });
    }

    @Test
    void theTextsTheDeckLooksUpByNameExistForEveryGroupTableAndStatus() {
        Set<String> keys = DeckText.load().keySet();
        for (FeatureGroup group : FeatureGroup.values()) {
            assertTrue(keys.contains("group." + group.key()), "no words for the feature group " + group.key());
        }
        for (Table table : HomeCreditSchema.load().tables()) {
            assertTrue(keys.contains("data.role." + table.name()), "no words for the table " + table.name());
        }
        for (String status : new String[]{"STABLE", "INVESTIGATE", "DRIFTED"}) {
            assertTrue(keys.contains("drift.status." + status), status);
        }
        assertTrue(keys.contains("fairness.CODE_GENDER") && keys.contains("fairness.age_band"));
    }

    @Test
    void aMissingKeyOrAnUnfilledPlaceIsAnErrorNotABlank() {
        DeckText fr = DeckText.in(Language.FR);
        assertThrows(IllegalStateException.class, () -> fr.get("no.such.key"));
        IllegalStateException unfilled = assertThrows(IllegalStateException.class, () -> fr.get("cost.1"));
        assertTrue(unfilled.getMessage().contains("cost.1"), unfilled.getMessage());
        assertEquals("Le seuil minimise le coût total hors échantillon : refus à partir d'une probabilité de défaut"
                + " de 10,1 %.", fr.get("cost.1", "threshold", "10,1 %"));
        assertEquals("The data", DeckText.in(Language.EN).get("data.title"));
    }

    private static Set<String> places(String text) {
        Set<String> names = new TreeSet<>();
        Matcher m = PLACE.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
