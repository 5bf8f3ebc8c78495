package fr.pretadepenser.scoring.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Dashboard login sessions, kept as small files in a folder of the security folder ({@value #FOLDER}) so that
 * every server over that folder (replicas behind a load balancer) accepts a session opened on any of them, and a
 * logout or an account change on one takes effect on all at once. A session ends after
 * {@link #DEFAULT_IDLE_TIMEOUT} without use, {@link #DEFAULT_ABSOLUTE_TIMEOUT} after login whatever its use, or
 * when invalidated; past the cap, the least recently used one is dropped. Thread-safe, and safe between processes.
 *
 * <p>A session file is named by the SHA-256 of its token (the token itself is never stored, so reading the folder
 * does not let anyone in), holds the account name, role and login time, and its modification time is the last
 * use. A session holds the {@link User} as it was at login: the caller should check {@link UserStore#find} when a
 * role change or removal must take effect at once, or call {@link #invalidateUser}.
 */
public final class Sessions {

    /** The sessions' folder in the security folder. */
    public static final String FOLDER = "sessions";

    /** A session not used for this long ends. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(30);

    /** A session ends this long after login, used or not. */
    public static final Duration DEFAULT_ABSOLUTE_TIMEOUT = Duration.ofHours(8);

    /** The most sessions kept at once. */
    public static final int DEFAULT_MAX_SESSIONS = 10_000;

    private static final int TOKEN_LENGTH = 43; // 32 bytes in unpadded base64url
    private static final int KEY_LENGTH = 64; // the token's SHA-256 in hex

    private final Path folder;
    private final Clock clock;
    private final Duration idleTimeout;
    private final Duration absoluteTimeout;
    private final int maxSessions;

    private record Session(Path file, User user, Instant createdAt, Instant lastSeen) {
    }

    /**
     * Sessions with the default timeouts and cap, on the system clock, in {@code securityFolder/}{@value #FOLDER}.
     *
     * @throws IOException if the folder cannot be created
     */
    public static Sessions open(Path securityFolder) throws IOException {
        return new Sessions(securityFolder.resolve(FOLDER), Clock.systemUTC(), DEFAULT_IDLE_TIMEOUT,
                DEFAULT_ABSOLUTE_TIMEOUT, DEFAULT_MAX_SESSIONS);
    }

    /**
     * Sessions with these limits.
     *
     * @param folder          where the session files are (created owner-only if missing)
     * @param clock           the time source (a fixed clock in tests)
     * @param idleTimeout     how long a session may go unused
     * @param absoluteTimeout how long a session may last in all
     * @param maxSessions     the most sessions kept at once
     * @throws IllegalArgumentException for a non-positive timeout or cap
     * @throws IOException              if the folder cannot be created
     */
    public Sessions(Path folder, Clock clock, Duration idleTimeout, Duration absoluteTimeout, int maxSessions)
            throws IOException {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (idleTimeout.isNegative() || idleTimeout.isZero() || absoluteTimeout.isNegative()
                || absoluteTimeout.isZero() || maxSessions < 1) {
            throw new IllegalArgumentException("session timeouts and cap must be positive, were " + idleTimeout
                    + ", " + absoluteTimeout + ", " + maxSessions);
        }
        this.folder = PrivateFiles.folder(folder);
        this.idleTimeout = idleTimeout;
        this.absoluteTimeout = absoluteTimeout;
        this.maxSessions = maxSessions;
    }

    /** Starts a session for {@code user}; returns its token (32 random bytes, base64url), to put in a cookie. */
    public synchronized String create(User user) {
        Objects.requireNonNull(user, "user");
        Instant now = clock.instant();
        try {
            if (count() >= maxSessions) { // reading every session only when the cap is reached
                List<Session> live = sweep(now);
                live.sort(Comparator.comparing(Session::lastSeen));
                for (int i = 0; i <= live.size() - maxSessions; i++) {
                    Files.deleteIfExists(live.get(i).file());
                }
            }
            String token = Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(ApiKeys.randomBytes(32));
            Path file = folder.resolve(key(token));
            PrivateFiles.replace(file, (user.name() + "\n" + user.role().id() + "\n" + now.toEpochMilli() + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            Files.setLastModifiedTime(file, FileTime.from(now));
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a session in " + folder, e);
        }
    }

    /** The user of a live session, which counts as a use; empty for an unknown, ended or malformed token. */
    public synchronized Optional<User> find(String token) {
        if (token == null || token.length() != TOKEN_LENGTH) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Optional<Session> session = read(folder.resolve(key(token)));
        if (session.isEmpty()) {
            return Optional.empty();
        }
        try {
            if (expired(session.get(), now)) {
                Files.deleteIfExists(session.get().file());
                return Optional.empty();
            }
            Files.setLastModifiedTime(session.get().file(), FileTime.from(now));
        } catch (NoSuchFileException endedMeanwhile) {
            return Optional.empty(); // logged out on another server between the read and the touch
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update a session in " + folder, e);
        }
        return Optional.of(session.get().user());
    }

    /** Ends a session (logout); does nothing for an unknown token. */
    public synchronized void invalidate(String token) {
        if (token != null && token.length() == TOKEN_LENGTH) {
            try {
                Files.deleteIfExists(folder.resolve(key(token)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot end a session in " + folder, e);
            }
        }
    }

    /** Ends every session of this account (after a password change, a removal); returns how many. */
    public synchronized int invalidateUser(String name) {
        int ended = 0;
        try {
            for (Session session : all()) {
                if (session.user().name().equals(name) && Files.deleteIfExists(session.file())) {
                    ended++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot end sessions in " + folder, e);
        }
        return ended;
    }

    /** Live sessions (ended ones are dropped first). */
    public synchronized int size() {
        try {
            return sweep(clock.instant()).size();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sessions in " + folder, e);
        }
    }

    /** Deletes the ended sessions; returns the live ones. */
    private List<Session> sweep(Instant now) throws IOException {
        List<Session> live = new ArrayList<>();
        for (Session session : all()) {
            if (expired(session, now)) {
                Files.deleteIfExists(session.file());
            } else {
                live.add(session);
            }
        }
        return live;
    }

    private int count() throws IOException {
        int count = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, Sessions::isSessionFile)) {
            for (Path ignored : files) {
                count++;
            }
        }
        return count;
    }

    private List<Session> all() throws IOException {
        List<Session> sessions = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, Sessions::isSessionFile)) {
            for (Path file : files) {
                read(file).ifPresent(sessions::add);
            }
        }
        return sessions;
    }

    /** The session in {@code file}; empty if there is none (ended, never created) or it is not a session file. */
    private Optional<Session> read(Path file) {
        try {
            FileTime lastSeen = Files.getLastModifiedTime(file);
            String[] lines = Files.readString(file, StandardCharsets.UTF_8).split("\n");
            if (lines.length != 3 || !AccountNames.isValid(lines[0])) {
                return Optional.empty();
            }
            return Optional.of(new Session(file, new User(lines[0], Role.parse(lines[1])),
                    Instant.ofEpochMilli(Long.parseLong(lines[2])), lastSeen.toInstant()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a session in " + folder, e);
        } catch (NumberFormatException | AccountException e) {
            return Optional.empty(); // not written by this class: never a way in
        }
    }

    private boolean expired(Session session, Instant now) {
        return !now.isBefore(session.lastSeen().plus(idleTimeout))
                || !now.isBefore(session.createdAt().plus(absoluteTimeout));
    }

    private static boolean isSessionFile(Path file) {
        return file.getFileName().toString().length() == KEY_LENGTH; // not the temporary files of a write
    }

    private static String key(String token) {
        return HexFormat.of().formatHex(ApiKeys.sha256(token));
    }
}
