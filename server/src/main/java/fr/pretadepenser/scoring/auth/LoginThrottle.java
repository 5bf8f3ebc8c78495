package fr.pretadepenser.scoring.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Slows password guessing per account name: after {@link #DEFAULT_MAX_FAILURES} failed logins within
 * {@link #DEFAULT_WINDOW} of the first one, the name is locked for the rest of that window. Names are counted
 * whether or not they exist, so a lock tells nothing about which do. The counts are kept in a folder of the
 * security folder ({@value #FOLDER}, one small file per name, named by its SHA-256), so that the limit holds across
 * every server over that folder: replicas behind a load balancer do not multiply the guesses allowed.
 * Thread-safe, and safe between processes.
 *
 * <p>The same counting per network address ({@link #openPerAddress}, a larger limit) stops one machine trying a
 * few passwords on many names.
 *
 * <p>The caller checks {@link #lockedFor} before checking the password (and then does not check it), and reports
 * the outcome with {@link #recordFailure} or {@link #recordSuccess}. Anyone can lock a known name for a few
 * minutes this way; that is the price of not letting anyone guess its password. Per-address limits belong to
 * the HTTP layer.
 */
public final class LoginThrottle {

    /** The throttle's folder in the security folder. */
    public static final String FOLDER = "login-failures";

    /** Failed logins allowed within a window. */
    public static final int DEFAULT_MAX_FAILURES = 5;

    /** The per-address throttle's folder in the security folder. */
    public static final String ADDRESS_FOLDER = "login-failures-by-address";

    /**
     * Failed logins allowed from one address within a window, whatever the names: enough for an office behind one
     * proxy address mistyping, not for a sweep over the names.
     */
    public static final int DEFAULT_MAX_FAILURES_PER_ADDRESS = 30;

    /** How long a window lasts from its first failure. */
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(5);

    // Failures arrive at most at bcrypt speed (a few per second per core), so the folder stays small; this bound
    // only decides when ended windows are swept out.
    private static final int SWEEP_ABOVE = 10_000;
    private static final int LONGEST_NAME = 64;
    private static final String LOCK = ".lock";
    // A file lock is held per process, not per thread: two throttles of one process (tests) take turns here first.
    private static final Object IN_PROCESS = new Object();

    private final Path folder;
    private final Clock clock;
    private final int maxFailures;
    private final Duration window;

    private record Window(Instant start, int failures) {
    }

    /**
     * A throttle with the defaults, on the system clock, in {@code securityFolder/}{@value #FOLDER}.
     *
     * @throws IOException if the folder cannot be created
     */
    public static LoginThrottle open(Path securityFolder) throws IOException {
        return new LoginThrottle(securityFolder.resolve(FOLDER), Clock.systemUTC(), DEFAULT_MAX_FAILURES,
                DEFAULT_WINDOW);
    }

    /**
     * The per-address throttle with the defaults, in {@code securityFolder/}{@value #ADDRESS_FOLDER}.
     *
     * @throws IOException if the folder cannot be created
     */
    public static LoginThrottle openPerAddress(Path securityFolder) throws IOException {
        return new LoginThrottle(securityFolder.resolve(ADDRESS_FOLDER), Clock.systemUTC(),
                DEFAULT_MAX_FAILURES_PER_ADDRESS, DEFAULT_WINDOW);
    }

    /**
     * A throttle with these limits.
     *
     * @param folder where the counts are kept (created owner-only if missing)
     * @throws IllegalArgumentException if {@code maxFailures} or {@code window} is not positive
     * @throws IOException              if the folder cannot be created
     */
    public LoginThrottle(Path folder, Clock clock, int maxFailures, Duration window) throws IOException {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxFailures < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the throttle needs positive limits, was " + maxFailures + " failures"
                    + " per " + window);
        }
        this.folder = PrivateFiles.folder(folder);
        this.maxFailures = maxFailures;
        this.window = window;
    }

    /** How long until {@code name} may try again; empty if it may try now. */
    public synchronized Optional<Duration> lockedFor(String name) {
        Instant now = clock.instant();
        Window current = live(file(name), now);
        if (current == null || current.failures() < maxFailures) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, current.start().plus(window)));
    }

    /** Counts a failed login for {@code name}. */
    public synchronized void recordFailure(String name) {
        Instant now = clock.instant();
        // Read, count and write under a lock that other servers take too, so that no failure is lost.
        synchronized (IN_PROCESS) {
            recordFailure(file(name), now);
        }
    }

    private void recordFailure(Path file, Instant now) {
        try (FileChannel lockFile = FileChannel.open(folder.resolve(LOCK), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock ignored = lockFile.lock()) {
            sweepIfLarge(now);
            Window current = live(file, now);
            Window next = current == null ? new Window(now, 1) : new Window(current.start(), current.failures() + 1);
            PrivateFiles.replace(file, (next.start().toEpochMilli() + " " + next.failures() + "\n")
                    .getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot count a failed login in " + folder, e);
        }
    }

    /** Forgets the failures of {@code name} after a successful login. */
    public synchronized void recordSuccess(String name) {
        try {
            Files.deleteIfExists(file(name));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reset the failed logins in " + folder, e);
        }
    }

    /** The window in {@code file} if it has not ended; an ended one is deleted. */
    private Window live(Path file, Instant now) {
        Window current = read(file);
        if (current != null && !now.isBefore(current.start().plus(window))) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot reset the failed logins in " + folder, e);
            }
            return null;
        }
        return current;
    }

    private Window read(Path file) {
        try {
            String[] parts = Files.readString(file, StandardCharsets.UTF_8).trim().split(" ");
            return new Window(Instant.ofEpochMilli(Long.parseLong(parts[0])), Integer.parseInt(parts[1]));
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the failed logins in " + folder, e);
        } catch (RuntimeException e) {
            return null; // writes are atomic, so only a hand edit gets here: the next failure rewrites it
        }
    }

    private void sweepIfLarge(Instant now) throws IOException {
        int count = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, LoginThrottle::isCountFile)) {
            for (Path ignored : files) {
                count++;
            }
        }
        if (count > SWEEP_ABOVE) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, LoginThrottle::isCountFile)) {
                for (Path file : files) {
                    live(file, now);
                }
            }
        }
    }

    private static boolean isCountFile(Path file) {
        return file.getFileName().toString().length() == 64; // not the lock, nor a write's temporary file
    }

    /** Names come from a login form: compare them as the store would, and bound what one entry may hold. */
    private Path file(String name) {
        String key = String.valueOf(name).trim().toLowerCase(Locale.ROOT);
        key = key.length() > LONGEST_NAME ? key.substring(0, LONGEST_NAME) : key;
        return folder.resolve(HexFormat.of().formatHex(ApiKeys.sha256(key)));
    }
}
