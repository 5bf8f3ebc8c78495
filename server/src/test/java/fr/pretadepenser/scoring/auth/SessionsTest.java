package fr.pretadepenser.scoring.auth;

import org.junit.jupiter.api.Test;

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
    private final Sessions sessions = new Sessions(clock, Duration.ofMinutes(30), Duration.ofHours(8), 3);

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
        String first = sessions.create(ALICE);
        String second = sessions.create(ALICE);
        String third = sessions.create(BOB);
        sessions.find(first);
        sessions.create(BOB);
        assertEquals(Optional.empty(), sessions.find(second));
        assertEquals(Optional.of(ALICE), sessions.find(first));
        assertEquals(Optional.of(BOB), sessions.find(third));
        assertEquals(3, sessions.size());
    }

    @Test
    void refusesNonPositiveLimits() {
        assertThrows(IllegalArgumentException.class,
                () -> new Sessions(clock, Duration.ZERO, Duration.ofHours(8), 10));
    }
}
