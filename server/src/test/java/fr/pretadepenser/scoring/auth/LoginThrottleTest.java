package fr.pretadepenser.scoring.auth;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoginThrottleTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-02T09:00:00Z"));
    @TempDir
    Path folder;
    private LoginThrottle throttle;

    @BeforeEach
    void open() throws IOException {
        throttle = throttle();
    }

    /** A throttle over the test's folder: a second call is another server sharing it. */
    private LoginThrottle throttle() throws IOException {
        return new LoginThrottle(folder.resolve("login-failures"), clock, 5, Duration.ofMinutes(5));
    }

    @Test
    void locksANameForTheRestOfTheWindowAfterFiveFailures() {
        for (int i = 0; i < 4; i++) {
            throttle.recordFailure("alice");
            clock.advance(Duration.ofSeconds(30));
        }
        assertEquals(Optional.empty(), throttle.lockedFor("alice"));
        throttle.recordFailure("alice");
        assertEquals(Optional.of(Duration.ofMinutes(3)), throttle.lockedFor("alice"));
        assertEquals(Optional.of(Duration.ofMinutes(3)), throttle.lockedFor(" ALICE "), "same name as typed");
        assertEquals(Optional.empty(), throttle.lockedFor("bob"));
        clock.advance(Duration.ofMinutes(3));
        assertEquals(Optional.empty(), throttle.lockedFor("alice"));
    }

    @Test
    void aNewWindowStartsAfterTheOldOneEnds() {
        for (int i = 0; i < 4; i++) {
            throttle.recordFailure("alice");
        }
        clock.advance(Duration.ofMinutes(5));
        throttle.recordFailure("alice");
        assertEquals(Optional.empty(), throttle.lockedFor("alice"));
    }

    @Test
    void aSuccessForgetsTheFailures() {
        for (int i = 0; i < 4; i++) {
            throttle.recordFailure("alice");
        }
        throttle.recordSuccess("alice");
        throttle.recordFailure("alice");
        assertEquals(Optional.empty(), throttle.lockedFor("alice"));
    }

    @Test
    void countsNamesThatDoNotExistAlike() {
        for (int i = 0; i < 5; i++) {
            throttle.recordFailure("nobody-at-all");
        }
        assertEquals(Optional.of(Duration.ofMinutes(5)), throttle.lockedFor("nobody-at-all"));
    }

    @Test
    void failuresOnTwoServersCountTogether() throws IOException {
        LoginThrottle other = throttle();
        for (int i = 0; i < 4; i++) {
            (i % 2 == 0 ? throttle : other).recordFailure("alice");
        }
        assertEquals(Optional.empty(), throttle.lockedFor("alice"));
        other.recordFailure("alice");
        assertEquals(Optional.of(Duration.ofMinutes(5)), throttle.lockedFor("alice"));
        assertEquals(Optional.of(Duration.ofMinutes(5)), other.lockedFor("alice"));
    }

    @Test
    void concurrentFailuresAreAllCounted() throws Exception {
        LoginThrottle other = throttle();
        Thread a = new Thread(() -> throttle.recordFailure("carol"));
        Thread b = new Thread(() -> other.recordFailure("carol"));
        a.start();
        b.start();
        a.join();
        b.join();
        for (int i = 0; i < 2; i++) {
            throttle.recordFailure("carol");
        }
        assertEquals(Optional.empty(), throttle.lockedFor("carol"), "four failures");
        other.recordFailure("carol");
        assertTrue(throttle.lockedFor("carol").isPresent(), "the fifth locks");
    }
}
