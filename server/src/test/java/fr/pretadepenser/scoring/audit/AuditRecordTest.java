package fr.pretadepenser.scoring.audit;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuditRecordTest {

    private static AuditRecord withRef(String clientRef, double probability, String decision) {
        return new AuditRecord(Instant.EPOCH, "alice", "v1", clientRef, probability, decision, List.of(),
                "POST /score", "r1");
    }

    @Test
    void namesAStoredClientByItsId() {
        assertEquals("client:100002", AuditRecord.clientRef(100002));
    }

    @Test
    void hashesTheCanonicalRequestBodySoFieldOrderAndSpacingDoNotMatter() {
        String a = AuditRecord.inputRef("{\"AMT_CREDIT\": 450000, \"NAME\": {\"b\": 1, \"a\": [2, 3]}}");
        String b = AuditRecord.inputRef("{\"NAME\":{\"a\":[2,3],\"b\":1},\"AMT_CREDIT\":450000}");
        assertEquals(a, b);
        assertTrue(a.matches("input:[0-9a-f]{64}"), a);
        assertNotEquals(a, AuditRecord.inputRef("{\"AMT_CREDIT\": 450001, \"NAME\": {\"b\": 1, \"a\": [2, 3]}}"));
        assertThrows(IllegalArgumentException.class, () -> AuditRecord.inputRef("{not json"));
    }

    @Test
    void refusesMalformedFieldsSayingWhatIsExpected() {
        assertEquals("clientRef must be client:<SK_ID_CURR>, input:<sha256 hex> or both, was John Smith",
                assertThrows(IllegalArgumentException.class, () -> withRef("John Smith", 0.5, "granted"))
                        .getMessage());
        assertEquals("probability must be in [0, 1], was NaN", assertThrows(IllegalArgumentException.class,
                () -> withRef("client:1", Double.NaN, "granted")).getMessage());
        assertEquals("decision must be granted or refused, was maybe", assertThrows(IllegalArgumentException.class,
                () -> withRef("client:1", 0.5, "maybe")).getMessage());
    }
}
