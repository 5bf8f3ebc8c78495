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
    static final AnchorKey KEY = AnchorKey.of("a test key of thirty-two bytes!!".getBytes(StandardCharsets.US_ASCII));

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
        try (AuditLog log = AuditLog.open(file(), KEY)) {
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

        ChainCheck check = AuditLog.verify(file(), KEY);
        assertEquals(new ChainCheck(true, 3, 0, "", sha256(lines.get(2))), check);
        assertEquals(List.of(record(0), record(1), record(2)), readAll());
    }

    @Test
    void continuesTheChainAfterReopening() throws Exception {
        appendRecords(0, 2);
        appendRecords(2, 4);
        assertEquals(4, AuditLog.verify(file(), KEY).lines());
        assertTrue(AuditLog.verify(file(), KEY).intact());
    }

    @Test
    void readsOnlyRecordsAtOrAfterSince() throws Exception {
        appendRecords(0, 5);
        try (AuditLog log = AuditLog.open(file(), KEY)) {
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
        ChainCheck check = AuditLog.verify(file(), KEY);
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
        assertEquals(2, AuditLog.verify(file(), KEY).firstBadLine());
        lines.set(0, "{\"time\": 3}");
        Files.write(file(), lines);
        ChainCheck check = AuditLog.verify(file(), KEY);
        assertEquals(1, check.firstBadLine());
        assertEquals("not a valid audit record: field 'prev' is missing or not a string", check.problem());
    }

    @Test
    void cutsALastLineLeftHalfWrittenByACrashAndCarriesOn() throws Exception {
        appendRecords(0, 3);
        long complete = Files.size(file());
        Files.writeString(file(), "{\"time\":\"2026-11-01T09:", StandardOpenOption.APPEND);
        assertEquals(3, AuditLog.verify(file(), KEY).lines(), "a reader leaves the partial line out");
        assertEquals(complete + 23, Files.size(file()), "and does not touch the file");

        try (AuditLog log = AuditLog.open(file(), KEY)) {
            assertEquals(complete, Files.size(file()));
            log.append(record(3));
        }
        ChainCheck check = AuditLog.verify(file(), KEY);
        assertTrue(check.intact(), check.toString());
        assertEquals(4, check.lines());
    }

    @Test
    void cutsAnAnchorLeftHalfWrittenByACrashAndCarriesOn() throws Exception {
        appendRecords(0, 3);
        Path anchors = AuditLog.anchorsOf(file());
        long complete = Files.size(anchors);
        Files.writeString(anchors, "3 0123", StandardOpenOption.APPEND);
        assertTrue(AuditLog.verify(file(), KEY).intact(), "a reader leaves the partial anchor out");

        try (AuditLog log = AuditLog.open(file(), KEY)) {
            assertEquals(complete, Files.size(anchors), "the partial anchor is cut off at the start");
            log.append(record(3));
        }
        ChainCheck check = AuditLog.verify(file(), KEY);
        assertTrue(check.intact(), check.toString());
        assertEquals(4, check.lines());
        assertTrue(Files.readString(anchors).endsWith("\n"));
    }

    @Test
    void refusesToContinueALogWhoseLastLineIsCorrupt() throws Exception {
        appendRecords(0, 2);
        Files.writeString(file(), "garbage\n", StandardOpenOption.APPEND);
        CorruptAuditLogException e = assertThrows(CorruptAuditLogException.class, () -> AuditLog.open(file(), KEY));
        assertEquals(3, e.line());
        assertTrue(e.getMessage().startsWith(file() + ", line 3: not a valid audit record: not JSON"),
                e.getMessage());
        // Refusing must leave the log untouched and unlocked.
        assertTrue(Files.readString(file()).endsWith("garbage\n"));
    }

    @Test
    void onlyOneAppenderAtATime() throws Exception {
        try (AuditLog log = AuditLog.open(file(), KEY)) {
            IOException e = assertThrows(IOException.class, () -> AuditLog.open(file(), KEY));
            assertEquals(file() + " is already open for appending in this process", e.getMessage());
        }
        AuditLog.open(file(), KEY).close();
    }

    @Test
    void anInterruptedCallerNeitherLosesItsRecordNorBreaksTheLog() throws Exception {
        // FileChannel closes itself when a thread doing I/O on it is interrupted: callers must never do that I/O.
        try (AuditLog log = AuditLog.open(file(), KEY)) {
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
        AuditLog log = AuditLog.open(file(), KEY);
        log.close();
        assertEquals(file() + ": the audit log is closed",
                assertThrows(IOException.class, () -> log.append(record(0))).getMessage());
    }

    @Test
    void verifyFindsRecordsCutOffTheEndThoughTheChainHolds() throws Exception {
        appendRecords(0, 5);
        Files.write(file(), lines().subList(0, 3));
        ChainCheck check = AuditLog.verify(file(), KEY);
        assertFalse(check.intact());
        assertEquals(4, check.firstBadLine());
        assertEquals("records 4 to 5 were removed: the log has 3 records, anchor line 5 of " + anchors()
                + " counts 5", check.problem());
        CorruptAuditLogException e = assertThrows(CorruptAuditLogException.class, () -> AuditLog.open(file(), KEY));
        assertEquals(4, e.line(), "the server refuses to append to it");
    }

    @Test
    void verifyFindsTheLastRecordEditedThoughItsPrevIsIntact() throws Exception {
        appendRecords(0, 3);
        List<String> lines = new ArrayList<>(lines());
        lines.set(2, lines.get(2).replace("\"decision\":\"granted\"", "\"decision\":\"refused\""));
        Files.write(file(), lines);
        ChainCheck check = AuditLog.verify(file(), KEY);
        assertFalse(check.intact());
        assertEquals(3, check.firstBadLine());
        assertEquals("record 3 is not the one anchored by anchor line 3 of " + anchors() + ": edited, replaced or"
                + " moved, with the hash chain rewritten after it", check.problem());
    }

    @Test
    void verifyFindsAnEditInsertionDeletionOrSwapHiddenByARewrittenChain() throws Exception {
        appendRecords(0, 5);
        List<String> original = lines();

        List<String> edited = new ArrayList<>(original);
        edited.set(1, edited.get(1).replace("\"user\":\"alice\"", "\"user\":\"mallory\""));
        assertBrokenAt(2, rechained(edited));

        List<String> inserted = new ArrayList<>(original);
        inserted.add(2, original.get(4).replace("req-4", "req-x"));
        assertBrokenAt(3, rechained(inserted));

        List<String> deleted = new ArrayList<>(original);
        deleted.remove(1);
        assertBrokenAt(2, rechained(deleted));

        List<String> swapped = new ArrayList<>(original);
        swapped.set(1, original.get(2));
        swapped.set(2, original.get(1));
        assertBrokenAt(2, rechained(swapped));
    }

    @Test
    void verifyRefusesForgedAnchorsOrAnotherKeyNamingTheLine() throws Exception {
        appendRecords(0, 3);
        List<String> anchorLines = new ArrayList<>(Files.readAllLines(anchors()));
        anchorLines.set(1, anchorLines.get(1).replaceFirst("^2 ", "1 "));
        Files.write(anchors(), anchorLines);
        CorruptAuditLogException forged = assertThrows(CorruptAuditLogException.class,
                () -> AuditLog.verify(file(), KEY));
        assertEquals(anchors() + ", line 2: its signature does not match: anchors edited, removed or reordered, or"
                + " signed with another key than the security folder's", forged.getMessage());

        AnchorKey other = AnchorKey.of("another key, thirty-two bytes!!!".getBytes(StandardCharsets.US_ASCII));
        assertEquals(1, assertThrows(CorruptAuditLogException.class, () -> AuditLog.verify(file(), other)).line());
    }

    @Test
    void verifyFlagsRecordsAppendedWithoutAnAnchorAndARestartAnchorsThem() throws Exception {
        appendRecords(0, 3);
        // What a crash between a commit and its anchor leaves (or someone appending to the log).
        List<String> anchorLines = Files.readAllLines(anchors());
        Files.write(anchors(), anchorLines.subList(0, 2));
        ChainCheck check = AuditLog.verify(file(), KEY);
        assertFalse(check.intact());
        assertEquals(3, check.firstBadLine());
        assertTrue(check.problem().startsWith("records 3 to 3 are not anchored"), check.problem());

        AuditLog.open(file(), KEY).close();
        assertTrue(AuditLog.verify(file(), KEY).intact());
        assertTrue(Files.readAllLines(anchors()).get(2).startsWith("3 " + sha256(lines().get(2)) + " R "));
    }

    @Test
    void theKeyIsCreatedOnceOwnerOnlyAndReadBack() throws Exception {
        Path security = tmp.resolve("security");
        AnchorKey created = AnchorKey.loadOrCreate(security);
        String text = Files.readString(security.resolve(AnchorKey.FILE));
        assertTrue(text.matches("[0-9a-f]{64}\n"), text);
        assertEquals(created.sign("x"), AnchorKey.loadOrCreate(security).sign("x"));
        if (security.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(security.resolve(AnchorKey.FILE))));
        }
        Files.writeString(security.resolve(AnchorKey.FILE), "short\n");
        IOException e = assertThrows(IOException.class, () -> AnchorKey.load(security.resolve(AnchorKey.FILE)));
        assertEquals(security.resolve(AnchorKey.FILE) + ": expected 64 lower-case hex digits (a 32-byte key), found 5"
                + " characters", e.getMessage());
    }

    private Path anchors() {
        return Anchors.fileOf(file());
    }

    private void assertBrokenAt(int record, List<String> lines) throws IOException {
        Files.write(file(), lines);
        ChainCheck check = AuditLog.verify(file(), KEY);
        assertTrue(check.problem().startsWith("record " + record + " is not the one anchored"), check.problem());
        assertEquals(record, check.firstBadLine());
    }

    /** The lines with every prev recomputed, as someone covering an edit would. */
    private static List<String> rechained(List<String> lines) {
        List<String> out = new ArrayList<>();
        String prev = "0".repeat(64);
        for (String line : lines) {
            String fixed = line.replaceFirst("\"prev\":\"[0-9a-f]{64}\"", "\"prev\":\"" + prev + "\"");
            out.add(fixed);
            prev = sha256(fixed);
        }
        return out;
    }

    @Test
    void writesTheLogAndItsAnchorsForTheirOwnerOnly() throws Exception {
        appendRecords(0, 1);
        if (file().getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(file())));
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(anchors())));
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
