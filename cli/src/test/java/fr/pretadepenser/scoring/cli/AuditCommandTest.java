package fr.pretadepenser.scoring.cli;

import fr.pretadepenser.scoring.audit.AnchorKey;
import fr.pretadepenser.scoring.audit.AuditLog;
import fr.pretadepenser.scoring.audit.AuditRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuditCommandTest {

    private static final Instant T0 = Instant.parse("2026-10-31T22:00:00Z");

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private Path log() {
        return tmp.resolve("audit/decisions.jsonl");
    }

    private Path security() {
        return tmp.resolve("security");
    }

    private int run(String... args) {
        CommandLine line = ScoringCommand.commandLine();
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        return line.execute(args);
    }

    @BeforeEach
    void writeLog() throws Exception {
        try (AuditLog log = AuditLog.open(log(), AnchorKey.loadOrCreate(security()))) {
            for (int i = 0; i < 4; i++) {
                log.append(new AuditRecord(T0.plus(Duration.ofHours(i)), "alice", "v1", "client:" + (100 + i),
                        0.25 * i, i < 2 ? AuditRecord.GRANTED : AuditRecord.REFUSED, List.of("EXT_SOURCE_3", "AGE"),
                        "POST /api/v1/score", "req-" + i));
            }
        }
    }

    @Test
    void exportsDecisionsSinceADateAsCsvThroughATemporaryFile() throws Exception {
        Path csv = tmp.resolve("exports/november.csv");
        assertEquals(0, run("audit", "--log", log().toString(), "--since", "2026-11-01", "--format", "csv",
                "--out", csv.toString()));
        assertEquals(List.of("time,user,model_version,client_ref,probability,decision,reasons,route,request_id",
                "2026-11-01T00:00:00Z,alice,v1,client:102,0.5,refused,EXT_SOURCE_3;AGE,POST /api/v1/score,req-2",
                "2026-11-01T01:00:00Z,alice,v1,client:103,0.75,refused,EXT_SOURCE_3;AGE,POST /api/v1/score,req-3"),
                Files.readAllLines(csv));
        assertFalse(Files.exists(tmp.resolve("exports/november.csv.partial")));
        assertEquals("2 records since 2026-11-01T00:00:00Z written to " + csv, err.toString().trim());
    }

    @Test
    void exportsJsonLinesToStandardOutputWithoutTheChain() {
        assertEquals(0, run("audit", "--log", log().toString(), "--since", "2026-11-01T01:00:00Z"));
        assertEquals("{\"time\":\"2026-11-01T01:00:00Z\",\"user\":\"alice\",\"modelVersion\":\"v1\",\"clientRef\":"
                + "\"client:103\",\"probability\":0.75,\"decision\":\"refused\",\"reasons\":[\"EXT_SOURCE_3\","
                + "\"AGE\"],\"route\":\"POST /api/v1/score\",\"requestId\":\"req-3\"}", out.toString().trim());
    }

    @Test
    void verifySaysWhetherTheChainHolds() throws Exception {
        assertEquals(0, run("audit", "--verify", "--log", log().toString(), "--security", security().toString()));
        assertTrue(out.toString().startsWith(log() + ": 4 records, hash chain intact and as anchored; last line"
                + " hash "), out.toString());

        List<String> lines = Files.readAllLines(log());
        Files.write(log(), List.of(lines.get(0), lines.get(1).replace("client:101", "client:999"), lines.get(2),
                lines.get(3)));
        assertEquals(1, run("audit", "--verify", "--log", log().toString(), "--security", security().toString()));
        assertEquals("error: " + log() + ": broken at record 3 of 4: prev does not match the SHA-256 of"
                + " line 2 (line 2 was changed, or a line was removed or inserted before this one)",
                err.toString().trim());
    }

    @Test
    void verifyChecksEveryReplicasLogAndExportTakesOne() throws Exception {
        Path replica = log().resolveSibling("decisions-b.jsonl");
        try (AuditLog log = AuditLog.open(replica, AnchorKey.loadOrCreate(security()))) {
            log.append(new AuditRecord(T0, "bruno", "v1", "client:7", 0.1, AuditRecord.GRANTED, List.of("AGE"),
                    "GET /api/v1/clients/7/score", "req-b"));
        }
        List<String> lines = Files.readAllLines(log());
        Files.write(log(), lines.subList(0, 3));
        assertEquals(1, run("audit", "--verify", "--log", log().toString(), "--log", replica.toString(),
                "--security", security().toString()));
        assertTrue(err.toString().startsWith("error: " + log() + ": broken at record 4 of 3"), err.toString());
        assertTrue(out.toString().startsWith(replica + ": 1 records, hash chain intact and as anchored"),
                out.toString());

        assertEquals(2, run("audit", "--log", log().toString(), "--log", replica.toString()));
        assertTrue(err.toString().contains("2 audit logs ([" + log() + ", " + replica + "]): export them one at a"
                + " time with --log FILE"), err.toString());
    }

    @Test
    void verifyFindsTheLastRecordsCutOffWithTheAnchorsKey() throws Exception {
        List<String> lines = Files.readAllLines(log());
        Files.write(log(), lines.subList(0, 3));
        assertEquals(1, run("audit", "--verify", "--log", log().toString(), "--security", security().toString()));
        assertTrue(err.toString().startsWith("error: " + log() + ": broken at record 4 of 3: records 4 to 4 were"
                + " removed"), err.toString());

        assertEquals(2, run("audit", "--verify", "--log", log().toString(), "--security", tmp.toString()));
        assertTrue(err.toString().contains("error: no audit anchor key at " + tmp.resolve(AnchorKey.FILE)),
                err.toString());
    }

    @Test
    void badInputExitsWithTwo() {
        assertEquals(2, run("audit", "--log", tmp.resolve("none.jsonl").toString()));
        assertEquals("error: no audit log at " + tmp.resolve("none.jsonl") + "; the server writes it when it"
                + " scores (or give --log)", err.toString().trim());
        assertEquals(2, run("audit", "--log", log().toString(), "--since", "yesterday"));
        assertTrue(err.toString().contains("'yesterday' is neither a date (2026-11-01) nor a UTC time"),
                err.toString());
        assertEquals(2, run("audit", "--log", log().toString(), "--format", "xml"));
    }

    @Test
    void aCorruptLineStopsTheExportWithExitOne() throws Exception {
        Files.writeString(log(), "not json\n", java.nio.file.StandardOpenOption.APPEND);
        Path out = tmp.resolve("all.jsonl");
        assertEquals(1, run("audit", "--log", log().toString(), "--out", out.toString()));
        assertTrue(err.toString().startsWith("error: " + log() + ", line 5: not a valid audit record"),
                err.toString());
        assertFalse(Files.exists(out));
    }
}
