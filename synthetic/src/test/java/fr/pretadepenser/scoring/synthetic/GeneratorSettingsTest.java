package fr.pretadepenser.scoring.synthetic;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class GeneratorSettingsTest {

    @Test
    void refusesFewerThanOneTrainingClient() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new GeneratorSettings(0, 1));
        assertEquals("trainClients must be at least 1, was 0", e.getMessage());
    }

    @Test
    void keepsKaggleTestToTrainRatio() {
        assertEquals(48_744, new GeneratorSettings(307_511, 42).testClients());
        assertEquals(4_755, new GeneratorSettings(30_000, 42).testClients());
    }

    @Test
    void givesAtLeastOneTestClient() {
        assertEquals(1, new GeneratorSettings(1, 42).testClients());
    }
}
