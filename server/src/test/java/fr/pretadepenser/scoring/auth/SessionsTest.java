package fr.pretadepenser.scoring.auth;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionsTest {

    private static final User ALICE = new User("alice", Role.ADVISOR);
    private static final User BOB = new User("bob", Role.ADMIN);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-02T09:00:00Z"));
    @TempDir
    Path folder;
    private Sessions sessions;

    @BeforeEach
    void open() throws IOException {
        sessions = sessions();
    }

    /** Sessions over the test's folder: a second call is another server sharing it. */
    private Sessions sessions() throws IOException {
        return new Sessions(folder.resolve("sessions"), clock, Duration.ofMinutes(30), Duration.ofHours(8), 3);
    }

    @Test
    void findsTheUserOfAFreshToken() {
        String token = sessions.create(ALICE);
        assertTrue(token.matches("[A-Za-z0-9_-]{43}"), token);
        assertNotEquals(token, sessions.create(ALICE));
        assertEquals(Optional.of(ALICE), sessions.find(token));
        assertEquals(Optional.empty(), sessions.find("x".repeat(43)));
        assertEquals(Optional.empty(), sessions.find(null));
    }

    @Test
    void endsAfterThirtyIdleMinutesButUseKeepsItAlive() {
        String used = sessions.create(ALICE);
        String idle = sessions.create(BOB);
        clock.advance(Duration.ofMinutes(29));
        assertEquals(Optional.of(ALICE), sessions.find(used));
        clock.advance(Duration.ofMinutes(2));
        assertEquals(Optional.of(ALICE), sessions.find(used));
        assertEquals(Optional.empty(), sessions.find(idle));
        assertEquals(1, sessions.size());
    }

    @Test
    void endsEightHoursAfterLoginHoweverOftenUsed() {
        String token = sessions.create(ALICE);
        for (int i = 0; i < 31; i++) {
            clock.advance(Duration.ofMinutes(15));
            assertEquals(Optional.of(ALICE), sessions.find(token), "after " + (i + 1) * 15 + " minutes");
        }
        clock.advance(Duration.ofMinutes(15));
        assertEquals(Optional.empty(), sessions.find(token));
    }

    @Test
    void invalidateEndsOneSessionAndInvalidateUserAllOfThem() {
        String a1 = sessions.create(ALICE);
        String a2 = sessions.create(ALICE);
        String b = sessions.create(BOB);
        sessions.invalidate(a1);
        assertEquals(Optional.empty(), sessions.find(a1));
        assertEquals(1, sessions.invalidateUser("alice"));
        assertEquals(Optional.empty(), sessions.find(a2));
        assertEquals(Optional.of(BOB), sessions.find(b));
    }

    @Test
    void dropsTheLeastRecentlyUsedSessionPastTheCap() {
        // A second between steps: a session's last use is its file's time, so uses at one instant would tie.
        String first = sessions.create(ALICE);
        clock.advance(Duration.ofSeconds(1));
        String second = sessions.create(ALICE);
        clock.advance(Duration.ofSeconds(1));
        String third = sessions.create(BOB);
        clock.advance(Duration.ofSeconds(1));
        sessions.find(first);
        clock.advance(Duration.ofSeconds(1));
        sessions.create(BOB);
        assertEquals(Optional.empty(), sessions.find(second));
        assertEquals(Optional.of(ALICE), sessions.find(first));
        assertEquals(Optional.of(BOB), sessions.find(third));
        assertEquals(3, sessions.size());
    }

    @Test
    void refusesNonPositiveLimits() {
        assertThrows(IllegalArgumentException.class,
                () -> new Sessions(folder, clock, Duration.ZERO, Duration.ofHours(8), 10));
    }

    @Test
    void aSessionOpenedOnOneServerIsAcceptedAndEndedOnAnother() throws IOException {
        Sessions other = sessions();
        String token = sessions.create(ALICE);
        String bobs = sessions.create(BOB);
        assertEquals(Optional.of(ALICE), other.find(token));
        clock.advance(Duration.ofMinutes(29));
        assertEquals(Optional.of(ALICE), sessions.find(token));
        clock.advance(Duration.ofMinutes(2));
        assertEquals(Optional.of(ALICE), other.find(token), "a use on one server keeps it alive on the other");
        assertEquals(Optional.empty(), other.find(bobs), "idle on both");
        other.invalidate(token);
        assertEquals(Optional.empty(), sessions.find(token), "logged out on the other");
        String again = sessions.create(ALICE);
        assertEquals(1, other.invalidateUser("alice"));
        assertEquals(Optional.empty(), sessions.find(again));
    }

    @Test
    void keepsOnlyTheTokensHashInAnOwnerOnlyFolder() throws IOException {
        String token = sessions.create(ALICE);
        Path sessionsFolder = folder.resolve("sessions");
        try (var files = Files.list(sessionsFolder)) {
            Path file = files.findFirst().orElseThrow();
            assertTrue(file.getFileName().toString().matches("[0-9a-f]{64}"), file.toString());
            assertTrue(!Files.readString(file).contains(token), "the token itself is not stored");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        }
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(sessionsFolder)));
    }

    @Test
    void aDamagedSessionFileLetsNobodyIn() throws IOException {
        String token = sessions.create(ALICE);
        try (var files = Files.list(folder.resolve("sessions"))) {
            Files.writeString(files.findFirst().orElseThrow(), "alice\nroot\nnot a time\n");
        }
        assertEquals(Optional.empty(), sessions.find(token));
    }
}
