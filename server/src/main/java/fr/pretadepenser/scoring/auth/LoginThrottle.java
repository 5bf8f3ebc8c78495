package fr.pretadepenser.scoring.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Slows password guessing per account name: after {@link #DEFAULT_MAX_FAILURES} failed logins within
 * {@link #DEFAULT_WINDOW} of the first one, the name is locked for the rest of that window. Names are counted
 * whether or not they exist, so a lock tells nothing about which do. Thread-safe.
 *
 * <p>The caller checks {@link #lockedFor} before checking the password (and then does not check it), and reports
 * the outcome with {@link #recordFailure} or {@link #recordSuccess}. Anyone can lock a known name for a few
 * minutes this way; that is the price of not letting anyone guess its password. Per-address limits belong to
 * the HTTP layer.
 */
public final class LoginThrottle {

    /** Failed logins allowed within a window. */
    public static final int DEFAULT_MAX_FAILURES = 5;

    /** How long a window lasts from its first failure. */
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(5);

    // Failures arrive at most at bcrypt speed (a few per second per core), so the map stays small; this bound only
    // decides when ended windows are swept out.
    private static final int SWEEP_ABOVE = 10_000;
    private static final int LONGEST_NAME = 64;

    private final Clock clock;
    private final int maxFailures;
    private final Duration window;
    private final Map<String, Window> windows = new HashMap<>();

    private record Window(Instant start, int failures) {
    }

    /** A throttle with the defaults, on the system clock. */
    public LoginThrottle() {
        this(Clock.systemUTC(), DEFAULT_MAX_FAILURES, DEFAULT_WINDOW);
    }

    /**
     * A throttle with these limits.
     *
     * @throws IllegalArgumentException if {@code maxFailures} or {@code window} is not positive
     */
    public LoginThrottle(Clock clock, int maxFailures, Duration window) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxFailures < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the throttle needs positive limits, was " + maxFailures + " failures"
                    + " per " + window);
        }
        this.maxFailures = maxFailures;
        this.window = window;
    }

    /** How long until {@code name} may try again; empty if it may try now. */
    public synchronized Optional<Duration> lockedFor(String name) {
        Instant now = clock.instant();
        Window current = live(key(name), now);
        if (current == null || current.failures() < maxFailures) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, current.start().plus(window)));
    }

    /** Counts a failed login for {@code name}. */
    public synchronized void recordFailure(String name) {
        Instant now = clock.instant();
        if (windows.size() > SWEEP_ABOVE) {
            windows.values().removeIf(w -> !now.isBefore(w.start().plus(window)));
        }
        String key = key(name);
        Window current = live(key, now);
        windows.put(key, current == null ? new Window(now, 1) : new Window(current.start(), current.failures() + 1));
    }

    /** Forgets the failures of {@code name} after a successful login. */
    public synchronized void recordSuccess(String name) {
        windows.remove(key(name));
    }

    private Window live(String key, Instant now) {
        Window current = windows.get(key);
        if (current != null && !now.isBefore(current.start().plus(window))) {
            windows.remove(key);
            return null;
        }
        return current;
    }

    /** Names come from a login form: compare them as the store would, and bound what one entry may hold. */
    private static String key(String name) {
        String key = String.valueOf(name).trim().toLowerCase(Locale.ROOT);
        return key.length() > LONGEST_NAME ? key.substring(0, LONGEST_NAME) : key;
    }
}
