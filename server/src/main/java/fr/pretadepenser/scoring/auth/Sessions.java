package fr.pretadepenser.scoring.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Objects;
import java.util.Optional;

/**
 * Dashboard login sessions, in memory (a restart logs everyone out). A session ends after
 * {@link #DEFAULT_IDLE_TIMEOUT} without use, {@link #DEFAULT_ABSOLUTE_TIMEOUT} after login whatever its use, or
 * when invalidated; past the cap, the least recently used one is dropped. Thread-safe.
 *
 * <p>A session holds the {@link User} as it was at login: the caller should check {@link UserStore#find} when a
 * role change or removal must take effect at once, or call {@link #invalidateUser}.
 */
public final class Sessions {

    /** A session not used for this long ends. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(30);

    /** A session ends this long after login, used or not. */
    public static final Duration DEFAULT_ABSOLUTE_TIMEOUT = Duration.ofHours(8);

    /** The most sessions kept at once. */
    public static final int DEFAULT_MAX_SESSIONS = 10_000;

    private static final int TOKEN_LENGTH = 43; // 32 bytes in unpadded base64url

    private final Clock clock;
    private final Duration idleTimeout;
    private final Duration absoluteTimeout;
    private final int maxSessions;
    // Keyed by the token's SHA-256, not the token: a map lookup compares keys in variable time, and the hash of
    // a guess tells nothing about the real tokens. Access order gives the least recently used session first.
    private final LinkedHashMap<String, Session> sessions = new LinkedHashMap<>(16, 0.75f, true);

    private record Session(User user, Instant createdAt, Instant lastSeen) {
    }

    /** Sessions with the default timeouts and cap, on the system clock. */
    public Sessions() {
        this(Clock.systemUTC(), DEFAULT_IDLE_TIMEOUT, DEFAULT_ABSOLUTE_TIMEOUT, DEFAULT_MAX_SESSIONS);
    }

    /**
     * Sessions with these limits.
     *
     * @param clock           the time source (a fixed clock in tests)
     * @param idleTimeout     how long a session may go unused
     * @param absoluteTimeout how long a session may last in all
     * @param maxSessions     the most sessions kept at once
     * @throws IllegalArgumentException for a non-positive timeout or cap
     */
    public Sessions(Clock clock, Duration idleTimeout, Duration absoluteTimeout, int maxSessions) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (idleTimeout.isNegative() || idleTimeout.isZero() || absoluteTimeout.isNegative()
                || absoluteTimeout.isZero() || maxSessions < 1) {
            throw new IllegalArgumentException("session timeouts and cap must be positive, were " + idleTimeout
                    + ", " + absoluteTimeout + ", " + maxSessions);
        }
        this.idleTimeout = idleTimeout;
        this.absoluteTimeout = absoluteTimeout;
        this.maxSessions = maxSessions;
    }

    /** Starts a session for {@code user}; returns its token (32 random bytes, base64url), to put in a cookie. */
    public synchronized String create(User user) {
        Objects.requireNonNull(user, "user");
        Instant now = clock.instant();
        if (sessions.size() >= maxSessions) {
            sessions.values().removeIf(s -> expired(s, now));
        }
        Iterator<Session> leastRecent = sessions.values().iterator();
        while (sessions.size() >= maxSessions) {
            leastRecent.next();
            leastRecent.remove();
        }
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(ApiKeys.randomBytes(32));
        sessions.put(key(token), new Session(user, now, now));
        return token;
    }

    /** The user of a live session, which counts as a use; empty for an unknown, ended or malformed token. */
    public synchronized Optional<User> find(String token) {
        if (token == null || token.length() != TOKEN_LENGTH) {
            return Optional.empty();
        }
        String key = key(token);
        Session session = sessions.get(key);
        if (session == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (expired(session, now)) {
            sessions.remove(key);
            return Optional.empty();
        }
        sessions.put(key, new Session(session.user(), session.createdAt(), now));
        return Optional.of(session.user());
    }

    /** Ends a session (logout); does nothing for an unknown token. */
    public synchronized void invalidate(String token) {
        if (token != null) {
            sessions.remove(key(token));
        }
    }

    /** Ends every session of this account (after a password change, a removal); returns how many. */
    public synchronized int invalidateUser(String name) {
        int before = sessions.size();
        sessions.values().removeIf(s -> s.user().name().equals(name));
        return before - sessions.size();
    }

    /** Live sessions (ended ones are dropped first). */
    public synchronized int size() {
        Instant now = clock.instant();
        sessions.values().removeIf(s -> expired(s, now));
        return sessions.size();
    }

    private boolean expired(Session session, Instant now) {
        return !now.isBefore(session.lastSeen().plus(idleTimeout))
                || !now.isBefore(session.createdAt().plus(absoluteTimeout));
    }

    private static String key(String token) {
        return Base64.getEncoder().encodeToString(ApiKeys.sha256(token));
    }
}
