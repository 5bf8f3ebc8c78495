package fr.pretadepenser.scoring.data;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClientRecordsTest {

    @Test
    void anApplicationKeepsMissingValuesAndCannotChange() {
        Map<String, Object> values = new HashMap<>();
        values.put("SK_ID_CURR", 100002L);
        values.put("AMT_ANNUITY", null);
        Application application = new Application(values);
        values.put("SK_ID_CURR", 5L);

        assertEquals(100002L, application.clientId());
        assertNull(application.get("AMT_ANNUITY"));
        assertTrue(application.values().containsKey("AMT_ANNUITY"));
        assertThrows(UnsupportedOperationException.class, () -> application.values().put("X", 1));
    }

    @Test
    void refusesAnApplicationWithoutClientId() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Application(Map.of("AMT_CREDIT", 1.0)));
        assertEquals("application.SK_ID_CURR: expected a whole number, got null", e.getMessage());
    }

    @Test
    void refusesAValueThatIsNeitherANumberNorText() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Application(Map.of("SK_ID_CURR", 1L, "FLAG_OWN_CAR", true)));
        assertEquals("application.FLAG_OWN_CAR: expected a number or text, got Boolean true", e.getMessage());
    }

    @Test
    void aHistoryCopiesItsRowsAndNamesTheBadOne() {
        List<Map<String, Object>> bureau = new ArrayList<>(List.of(Map.of("SK_ID_BUREAU", 1L)));
        History history = new History(bureau, List.of(), List.of(), List.of(), List.of(), List.of());
        bureau.clear();
        assertEquals(1, history.size());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new History(List.of(),
                List.of(), List.of(Map.of("SK_ID_PREV", 1L), Map.of("SK_ID_PREV", new StringBuilder("7"))), List.of(), List.of(),
                List.of()));
        assertEquals("previous_application[1].SK_ID_PREV: expected a number or text, got StringBuilder 7", e.getMessage());
    }
}
