package fr.pretadepenser.scoring.spark;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JobArgumentsTest {

    private static final Set<String> KNOWN = Set.of("scorecard", "pruning");

    @Test
    void aSwitchTakesItsFallbackWhenAbsentAndItsValueWhenGiven() {
        JobArguments none = new JobArguments(new String[0], KNOWN, "usage");
        assertTrue(none.bool("pruning", true));
        assertFalse(none.bool("scorecard"));

        JobArguments given = new JobArguments(new String[]{"--pruning", "false", "--scorecard", "true"}, KNOWN,
                "usage");
        assertFalse(given.bool("pruning", true));
        assertTrue(given.bool("scorecard"));
    }

    @Test
    void refusesASwitchThatIsNeitherTrueNorFalse() {
        JobArguments bad = new JobArguments(new String[]{"--pruning", "yes"}, KNOWN, "usage");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> bad.bool("pruning", true));
        assertTrue(e.getMessage().contains("--pruning must be true or false, was 'yes'"), e.getMessage());
    }
}
