package fr.pretadepenser.scoring.auth;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LoginThrottleTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-02T09:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(clock, 5, Duration.ofMinutes(5));

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
}
