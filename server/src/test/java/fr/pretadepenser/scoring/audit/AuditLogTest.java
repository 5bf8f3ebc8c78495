package fr.pretadepenser.scoring.audit;

import org.apache.commons.codec.digest.DigestUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuditLogTest {

    static final Instant T0 = Instant.parse("2026-11-01T08:00:00Z");

    @TempDir
    Path tmp;

    Path file() {
        return tmp.resolve("audit/decisions.jsonl");
    }

    static AuditRecord record(int i) {
        return new AuditRecord(T0.plus(Duration.ofMinutes(i)), "alice", "20261101-080000-abc", "client:" + (100000 + i),
                i % 10 / 10.0, i % 3 == 0 ? AuditRecord.REFUSED : AuditRecord.GRANTED,
                List.of("EXT_SOURCE_3", "DAYS_BIRTH"), "POST /api/v1/clients/{id}/score", "req-" + i);
    }

    private void appendRecords(int from, int to) throws IOException {
        try (AuditLog log = AuditLog.open(file())) {
            for (int i = from; i < to; i++) {
                log.append(record(i));
            }
        }
    }

    private List<String> lines() throws IOException {
        return Files.readAllLines(file());
    }

    @Test
    void chainsEachLineToTheOneBeforeAndReadsTheRecordsBack() throws Exception {
        appendRecords(0, 3);
        List<String> lines = lines();
        assertTrue(lines.get(0).endsWith(",\"prev\":\"" + "0".repeat(64) + "\"}"), lines.get(0));
        assertTrue(lines.get(1).endsWith(",\"prev\":\"" + sha256(lines.get(0)) + "\"}"), lines.get(1));
        assertTrue(lines.get(0).startsWith("{\"time\":\"2026-11-01T08:00:00Z\",\"user\":\"alice\""), lines.get(0));

        ChainCheck check = AuditLog.verify(file());
        assertEquals(new ChainCheck(true, 3, 0, "", sha256(lines.get(2))), check);
        assertEquals(List.of(record(0), record(1), record(2)), readAll());
    }

    @Test
    void continuesTheChainAfterReopening() throws Exception {
        appendRecords(0, 2);
        appendRecords(2, 4);
        assertEquals(4, AuditLog.verify(file()).lines());
        assertTrue(AuditLog.verify(file()).intact());
    }

    @Test
    void readsOnlyRecordsAtOrAfterSince() throws Exception {
        appendRecords(0, 5);
        try (AuditLog log = AuditLog.open(file())) {
            assertEquals(List.of(record(3), record(4)), log.read(T0.plus(Duration.ofMinutes(3))));
            assertEquals(List.of(), log.read(T0.plus(Duration.ofDays(1))));
        }
    }

    @Test
    void verifyFindsAChangedLine() throws Exception {
        appendRecords(0, 5);
        List<String> lines = lines();
        lines.set(2, lines.get(2).replace("\"decision\":\"granted\"", "\"decision\":\"refused\""));
        Files.write(file(), lines);
        ChainCheck check = AuditLog.verify(file());
        assertFalse(check.intact());
        assertEquals(4, check.firstBadLine());
        assertEquals("prev does not match the SHA-256 of line 3 (line 3 was changed, or a line was removed or"
                + " inserted before this one)", check.problem());
        assertEquals(5, check.lines());
    }

    @Test
    void verifyFindsARemovedLineAndABrokenOne() throws Exception {
        appendRecords(0, 4);
        List<String> lines = new ArrayList<>(lines());
        lines.remove(1);
        Files.write(file(), lines);
        assertEquals(2, AuditLog.verify(file()).firstBadLine());
        lines.set(0, "{\"time\": 3}");
        Files.write(file(), lines);
        ChainCheck check = AuditLog.verify(file());
        assertEquals(1, check.firstBadLine());
        assertEquals("not a valid audit record: field 'prev' is missing or not a string", check.problem());
    }

    @Test
    void cutsALastLineLeftHalfWrittenByACrashAndCarriesOn() throws Exception {
        appendRecords(0, 3);
        long complete = Files.size(file());
        Files.writeString(file(), "{\"time\":\"2026-11-01T09:", StandardOpenOption.APPEND);
        assertEquals(3, AuditLog.verify(file()).lines(), "a reader leaves the partial line out");
        assertEquals(complete + 23, Files.size(file()), "and does not touch the file");

        try (AuditLog log = AuditLog.open(file())) {
            assertEquals(complete, Files.size(file()));
            log.append(record(3));
        }
        ChainCheck check = AuditLog.verify(file());
        assertTrue(check.intact(), check.toString());
        assertEquals(4, check.lines());
    }

    @Test
    void refusesToContinueALogWhoseLastLineIsCorrupt() throws Exception {
        appendRecords(0, 2);
        Files.writeString(file(), "garbage\n", StandardOpenOption.APPEND);
        CorruptAuditLogException e = assertThrows(CorruptAuditLogException.class, () -> AuditLog.open(file()));
        assertEquals(3, e.line());
        assertTrue(e.getMessage().startsWith(file() + ", line 3: not a valid audit record: not JSON"),
                e.getMessage());
        // Refusing must leave the log untouched and unlocked.
        assertTrue(Files.readString(file()).endsWith("garbage\n"));
    }

    @Test
    void onlyOneAppenderAtATime() throws Exception {
        try (AuditLog log = AuditLog.open(file())) {
            IOException e = assertThrows(IOException.class, () -> AuditLog.open(file()));
            assertEquals(file() + " is already open for appending in this process", e.getMessage());
        }
        AuditLog.open(file()).close();
    }

    @Test
    void anInterruptedCallerNeitherLosesItsRecordNorBreaksTheLog() throws Exception {
        // FileChannel closes itself when a thread doing I/O on it is interrupted: callers must never do that I/O.
        try (AuditLog log = AuditLog.open(file())) {
            Thread.currentThread().interrupt();
            try {
                log.append(record(0));
                assertTrue(Thread.currentThread().isInterrupted(), "the interrupt is kept for the caller");
            } finally {
                Thread.interrupted();
            }
            log.append(record(1));
        }
        assertEquals(List.of(record(0), record(1)), readAll());
    }

    @Test
    void refusesAppendsOnceClosed() throws Exception {
        AuditLog log = AuditLog.open(file());
        log.close();
        assertEquals(file() + ": the audit log is closed",
                assertThrows(IOException.class, () -> log.append(record(0))).getMessage());
    }

    @Test
    void writesTheLogForItsOwnerOnly() throws Exception {
        appendRecords(0, 1);
        if (file().getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(file())));
        }
    }

    private List<AuditRecord> readAll() throws IOException {
        List<AuditRecord> records = new ArrayList<>();
        AuditLog.read(file(), Instant.EPOCH, records::add);
        return records;
    }

    static String sha256(String line) {
        return DigestUtils.sha256Hex(line.getBytes(StandardCharsets.UTF_8));
    }
}
