package fr.pretadepenser.scoring.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Assertions on one feature of one client. Expected values are written by hand in the tests; the tolerance only
 * absorbs the last bits of floating-point sums (e.g. a mean of thirds), never a semantic difference.
 */
public final class FeatureAssertions {

    private static final double TOLERANCE = 1e-9;

    private FeatureAssertions() {
    }

    /** The feature is present and equal to {@code expected} (within a relative 1e-9). */
    public static void assertFeature(double expected, BuiltFeatures features, long client, String name) {
        Double actual = features.value(client, name);
        assertNotNull(actual, () -> name + " of client " + client + " is missing, expected " + expected);
        assertEquals(expected, actual, TOLERANCE * Math.max(1, Math.abs(expected)),
                () -> name + " of client " + client);
    }

    /** Whether two values of a feature agree: both missing, or equal within a relative 1e-9. */
    public static boolean same(Double expected, Double actual) {
        if (expected == null || actual == null) {
            return expected == actual;
        }
        return Math.abs(expected - actual) <= TOLERANCE * Math.max(1, Math.abs(expected));
    }

    /** The feature is missing (NULL). */
    public static void assertMissing(BuiltFeatures features, long client, String name) {
        assertNull(features.value(client, name), () -> name + " of client " + client + " should be missing");
    }
}
