package fr.pretadepenser.scoring.api;

import com.fasterxml.jackson.databind.JsonNode;
import fr.pretadepenser.scoring.audit.AnchorKey;
import fr.pretadepenser.scoring.audit.AuditLog;
import fr.pretadepenser.scoring.audit.AuditRecord;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UserAndAuditTest {

    @Test
    void anAdminManagesAccountsAndKeys() throws Exception {
        TestServer server = TestServer.get();
        String users = ApiServer.BASE + UserRoutes.USERS;
        HttpResponse<String> created = server.post(users, "{\"name\":\"batch-job\",\"role\":\"advisor\","
                + "\"password\":\"a long enough password\"}", server.admin());
        assertEquals(201, created.statusCode(), created.body());
        assertEquals(409, server.post(users, "{\"name\":\"batch-job\",\"role\":\"advisor\","
                + "\"password\":\"a long enough password\"}", server.admin()).statusCode());
        assertEquals(400, server.post(users, "{\"name\":\"x y\",\"role\":\"advisor\",\"password\":\"short\"}",
                server.admin()).statusCode());
        assertEquals(400, server.post(users, "{\"name\":\"other\",\"role\":\"king\",\"password\":"
                + "\"a long enough password\"}", server.admin()).statusCode());

        HttpResponse<String> key = server.post(users + "/batch-job/keys", "", server.admin());
        assertEquals(201, key.statusCode(), key.body());
        String secret = TestServer.json(key).get("key").asText();
        assertEquals(200, server.get(ApiServer.BASE + "/clients?limit=1", secret).statusCode());
        assertFalse(server.get(users, server.admin()).body().contains(secret), "keys are never listed");

        HttpRequest remove = HttpRequest.newBuilder(URI.create(server.base() + users + "/batch-job"))
                .header("X-API-Key", server.admin()).DELETE().build();
        assertEquals(204, server.send(remove).statusCode());
        assertEquals(401, server.get(ApiServer.BASE + "/clients?limit=1", secret).statusCode(),
                "a removed account's key stops working");
        assertEquals(404, server.send(remove).statusCode());
    }

    @Test
    void everyScoreIsInTheAuditLogBeforeTheAnswer() throws Exception {
        TestServer server = TestServer.get();
        long id = server.withHistory().application().clientId();
        Instant before = Instant.now();
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.base() + ApiServer.BASE + "/clients/" + id
                + "/score")).header("X-API-Key", server.advisor()).header("X-Request-Id", "audit-check-1").GET()
                .build();
        HttpResponse<String> response = server.send(request);
        assertEquals(200, response.statusCode());
        JsonNode score = TestServer.json(response);
        // Read with the static reader, as 'scoring audit' does: what is on disk, not what the server remembers.
        List<AuditRecord> records = new ArrayList<>();
        AuditLog.read(server.auditLog(), before, records::add);
        AuditRecord mine = records.stream().filter(r -> r.requestId().equals("audit-check-1")).findFirst()
                .orElseThrow(() -> new AssertionError("no audit record for the request"));
        assertEquals("anna", mine.user());
        assertEquals(AuditRecord.clientRef(id), mine.clientRef());
        assertEquals(score.get("probability").asDouble(), mine.probability(), 1e-12);
        assertEquals(score.get("decision").asText(), mine.decision());
        assertEquals(score.get("modelVersion").asText(), mine.modelVersion());
        assertTrue(AuditLog.verify(server.auditLog(),
                AnchorKey.load(server.auditLog().resolveSibling(AnchorKey.FILE))).intact(), "the chain holds");
        assertFalse(java.nio.file.Files.readString(server.auditLog()).contains("AMT_INCOME_TOTAL\":"),
                "no application values in the audit log");
    }
}
