package fr.pretadepenser.scoring.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
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
    void keepsTheReferenceOfEarlierAuditLogs() throws Exception {
        // A body with nested tables, nulls, decimals as written, a huge integer, text escapes and -0.0; the
        // reference below is the one the sorted-JSON-tree implementation gave (2026-12-06), which the logs hold.
        String body = "{\"history\":{\"bureau\":[{\"SK_ID_BUREAU\":5,\"AMT_CREDIT_SUM\":1.50,\"CREDIT_ACTIVE\":"
                + "\"Closed\",\"DAYS_CREDIT\":-120,\"X\":null}],\"bureau_balance\":[]},\"application\":{\"SK_ID_CURR\":"
                + "100002,\"AMT_CREDIT\":450000.0,\"NAME_TYPE_SUITE\":\"Spouse, partner\",\"EXT_SOURCE_1\":1e-7,"
                + "\"BIG\":123456789012345678901234567890,\"TEXT\":\"\u00e9t\u00e9 \\\"quoted\\\"\",\"NEG\":-0.0,"
                + "\"E\":[1,2.5,{\"b\":true,\"a\":false}]}}";
        String earlier = "input:e4685b2b03f3512171c9396115764abe1061cd328106036fdb49234609c1179b";
        assertEquals(earlier, AuditRecord.inputRef(body));
        assertEquals(earlier, AuditRecord.parsedInputRef(new ObjectMapper().readValue(body, Object.class)));
    }

    @Test
    void refusesMalformedFieldsSayingWhatIsExpected() {
        assertEquals("clientRef must be client:<SK_ID_CURR>, input:<sha256 hex> or both, was John Smith",
                assertThrows(IllegalArgumentException.class, () -> withRef("John Smith", 0.5, "granted"))
                        .getMessage());
        String edited = AuditRecord.clientRef(100002) + " " + AuditRecord.inputRef("{\"application\":{}}");
        assertEquals(edited, withRef(edited, 0.5, "granted").clientRef(), "a stored client's edited application");
        assertThrows(IllegalArgumentException.class, () -> withRef("input:00 client:1", 0.5, "granted"));
        assertEquals("probability must be in [0, 1], was NaN", assertThrows(IllegalArgumentException.class,
                () -> withRef("client:1", Double.NaN, "granted")).getMessage());
        assertEquals("decision must be granted or refused, was maybe", assertThrows(IllegalArgumentException.class,
                () -> withRef("client:1", 0.5, "maybe")).getMessage());
    }
}
