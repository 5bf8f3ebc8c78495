package fr.pretadepenser.scoring.auth;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The accounts of the scoring API, kept in a JSON file (by default {@code work/security/users.json}): name, role,
 * bcrypt password hash (cost 12), SHA-256 of each API key, creation time, disabled flag. Every change is written
 * through to the file (atomically, owner-only permissions) before the method returns. Thread-safe: readers see an
 * immutable snapshot and never wait; changes are serialised.
 *
 * <p>Several processes may share the file (the {@code scoring users} command while the server runs, replicas of
 * the server): a change reads the file afresh under a lock they all take ({@value #LOCK_SUFFIX} beside it), so no
 * change is lost; and a store notices another process's change within {@link #RELOAD_EVERY} (a disabled account
 * or a revoked key stops working on every server by then).
 */
public final class UserStore {

    /** The bcrypt work factor: about a quarter of a second per hash on a 2020s server core. */
    public static final int BCRYPT_COST = 12;

    /** How often a store looks whether another process changed the file. */
    public static final Duration RELOAD_EVERY = Duration.ofSeconds(1);

    /** The lock file beside the users file: its name plus this. */
    static final String LOCK_SUFFIX = ".lock";

    private static final Logger LOG = LoggerFactory.getLogger(UserStore.class);
    // A file lock is held per process, not per thread: two stores of one process take turns here first.
    private static final Object IN_PROCESS = new Object();

    private final Path file;
    private final Clock clock;
    private final BCryptPasswordEncoder encoder;
    private volatile Snapshot snapshot;
    private volatile String dummyHash;
    private volatile FileStamp stamp;
    private volatile long nextReloadCheck;

    /** What tells that the file changed: its time, size and identity (a rename gives a new inode). */
    private record FileStamp(FileTime modified, long size, Object key) {

        static FileStamp of(Path file) throws IOException {
            if (!Files.exists(file)) {
                return new FileStamp(FileTime.fromMillis(0), -1, null);
            }
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return new FileStamp(attributes.lastModifiedTime(), attributes.size(), attributes.fileKey());
        }
    }

    /** The accounts by name (sorted) and the owner of each key id; never changed once published. */
    private record Snapshot(SortedMap<String, StoredAccount> accounts, Map<String, String> keyOwners) {

        static Snapshot of(Collection<StoredAccount> accounts) {
            SortedMap<String, StoredAccount> byName = new TreeMap<>();
            Map<String, String> owners = new HashMap<>();
            for (StoredAccount a : accounts) {
                byName.put(a.name(), a);
                a.keys().forEach(k -> owners.put(k.id(), a.name()));
            }
            return new Snapshot(byName, owners);
        }
    }

    /** A change to a copy of the accounts, applied under the store's lock. */
    private interface Change<T> {
        T apply(SortedMap<String, StoredAccount> accounts, Instant now);
    }

    private UserStore(Path file, int cost, Clock clock, FileStamp stamp, List<StoredAccount> accounts) {
        this.file = file;
        this.clock = clock;
        this.encoder = new BCryptPasswordEncoder(cost);
        this.stamp = stamp;
        this.snapshot = Snapshot.of(accounts);
        this.nextReloadCheck = System.nanoTime() + RELOAD_EVERY.toNanos();
    }

    /**
     * Opens the store kept in {@code file}; a missing file is an empty store, created at the first change.
     *
     * @throws UsersFileException if the file exists but is not a valid users file
     * @throws IOException        if it cannot be read
     */
    public static UserStore open(Path file) throws IOException {
        return open(file, BCRYPT_COST, Clock.systemUTC());
    }

    /** For tests: a cheaper bcrypt cost and a fixed clock. */
    static UserStore open(Path file, int cost, Clock clock) throws IOException {
        Objects.requireNonNull(file, "file");
        FileStamp stamp = FileStamp.of(file);
        return new UserStore(file, cost, clock, stamp, UsersFile.read(file));
    }

    /** The file this store is kept in. */
    public Path file() {
        return file;
    }

    /**
     * Adds an account. The caller may wipe {@code password} afterwards.
     *
     * @throws AccountException INVALID for a bad name or a password against {@link PasswordPolicy}, DUPLICATE if
     *                          the name is taken
     */
    public User addUser(String name, Role role, char[] password) throws IOException {
        AccountNames.check(name);
        Objects.requireNonNull(role, "role");
        PasswordPolicy.check(password);
        if (current().accounts().containsKey(name)) {
            throw duplicate(name); // before spending a bcrypt hash on it
        }
        String hash = hash(password);
        return update((accounts, now) -> {
            if (accounts.containsKey(name)) {
                throw duplicate(name);
            }
            StoredAccount account = new StoredAccount(name, role, hash, now, false, List.of());
            accounts.put(name, account);
            return account.user();
        });
    }

    /** Replaces a password; AccountException UNKNOWN for no such user, INVALID against the policy. */
    public void setPassword(String name, char[] password) throws IOException {
        PasswordPolicy.check(password);
        existing(current().accounts(), name);
        String hash = hash(password);
        update((accounts, now) -> accounts.put(name, existing(accounts, name).withPasswordHash(hash)));
    }

    /** Disables (refused at login and with its keys) or re-enables an account; UNKNOWN for no such user. */
    public void setDisabled(String name, boolean disabled) throws IOException {
        update((accounts, now) -> accounts.put(name, existing(accounts, name).withDisabled(disabled)));
    }

    /** Removes an account and its keys; AccountException UNKNOWN for no such user. */
    public void removeUser(String name) throws IOException {
        update((accounts, now) -> accounts.remove(existing(accounts, name).name()));
    }

    /** Every account, by name; no hashes. */
    public List<Account> list() {
        return current().accounts().values().stream().map(StoredAccount::account).toList();
    }

    /** The enabled account of this name, if any: lets a session notice that its account was removed. */
    public Optional<User> find(String name) {
        StoredAccount account = current().accounts().get(name);
        return account == null || account.disabled() ? Optional.empty() : Optional.of(account.user());
    }

    /**
     * Issues a new API key for {@code name}; only its SHA-256 is kept, so the returned key cannot be shown again.
     *
     * @throws AccountException UNKNOWN for no such user
     */
    public IssuedKey newApiKey(String name) throws IOException {
        return update((accounts, now) -> {
            StoredAccount account = existing(accounts, name);
            Map<String, String> owners = Snapshot.of(accounts.values()).keyOwners();
            String key = ApiKeys.generate(owners::containsKey);
            String id = ApiKeys.idOf(key).orElseThrow();
            accounts.put(name, account.withKey(new StoredAccount.StoredKey(id, ApiKeys.sha256Hex(key), now)));
            return new IssuedKey(id, name, key);
        });
    }

    /**
     * Revokes a key by its id; returns the name of the account it belonged to.
     *
     * @throws AccountException UNKNOWN for no such key
     */
    public String revokeKey(String keyId) throws IOException {
        return update((accounts, now) -> {
            String owner = Snapshot.of(accounts.values()).keyOwners().get(keyId);
            if (owner == null) {
                throw new AccountException(AccountException.Kind.UNKNOWN, "no API key with id '" + keyId + "'");
            }
            accounts.put(owner, accounts.get(owner).withoutKey(keyId));
            return owner;
        });
    }

    /**
     * The enabled account with this name and password, if any. Takes as long (one bcrypt check) whether or not the
     * name exists, so that timing does not tell which names do. Does not throttle: see {@link LoginThrottle}.
     */
    public Optional<User> authenticatePassword(String name, char[] password) {
        StoredAccount account = AccountNames.isValid(name) ? current().accounts().get(name) : null;
        String hash = account != null ? account.passwordHash() : dummyHash();
        boolean usable = password != null && password.length > 0
                && PasswordPolicy.utf8Length(password) <= PasswordPolicy.MAX_UTF8_BYTES;
        // An unusable password is still checked (as a fixed one) so that it costs the same time.
        boolean matches = encoder.matches(usable ? CharBuffer.wrap(password) : "unusable password", hash) && usable;
        return matches && account != null && !account.disabled() ? Optional.of(account.user()) : Optional.empty();
    }

    /**
     * The enabled account owning this API key, if any. The key is found by its id, then its SHA-256 is compared
     * in constant time; anything not shaped like a key is simply refused.
     */
    public Optional<User> authenticateKey(String key) {
        Optional<String> id = ApiKeys.idOf(key);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        Snapshot current = current();
        String owner = current.keyOwners().get(id.get());
        if (owner == null) {
            return Optional.empty();
        }
        StoredAccount account = current.accounts().get(owner);
        byte[] presented = ApiKeys.sha256(key);
        boolean matches = account.keys().stream().filter(k -> k.id().equals(id.get()))
                .anyMatch(k -> MessageDigest.isEqual(presented, HexFormat.of().parseHex(k.sha256())));
        return matches && !account.disabled() ? Optional.of(account.user()) : Optional.empty();
    }

    private String hash(char[] password) {
        return encoder.encode(CharBuffer.wrap(password));
    }

    /** The hash checked for unknown names: made once, of random bytes nobody knows, at the store's cost. */
    private String dummyHash() {
        String hash = dummyHash;
        if (hash == null) {
            hash = encoder.encode(HexFormat.of().formatHex(ApiKeys.randomBytes(16)));
            dummyHash = hash;
        }
        return hash;
    }

    /** Applies a change to the file as it is now (another process may have changed it), under the shared lock. */
    private synchronized <T> T update(Change<T> change) throws IOException {
        synchronized (IN_PROCESS) {
            Path lock = file.resolveSibling(file.getFileName() + LOCK_SUFFIX);
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                SortedMap<String, StoredAccount> accounts = new TreeMap<>();
                UsersFile.read(file).forEach(a -> accounts.put(a.name(), a));
                T result = change.apply(accounts, clock.instant().truncatedTo(ChronoUnit.SECONDS));
                UsersFile.write(file, accounts.values());
                stamp = FileStamp.of(file);
                snapshot = Snapshot.of(accounts.values());
                return result;
            }
        }
    }

    /**
     * The accounts, read again first if another process changed the file (looked at most every
     * {@link #RELOAD_EVERY}). A file that cannot be read now (being replaced by hand?) leaves the last good
     * accounts in place.
     */
    private Snapshot current() {
        long now = System.nanoTime();
        if (now - nextReloadCheck < 0) {
            return snapshot;
        }
        synchronized (this) {
            if (now - nextReloadCheck >= 0) {
                nextReloadCheck = now + RELOAD_EVERY.toNanos();
                try {
                    FileStamp seen = FileStamp.of(file);
                    if (!seen.equals(stamp)) {
                        snapshot = Snapshot.of(UsersFile.read(file));
                        stamp = seen;
                        LOG.info("accounts file changed by another process: {} accounts now", snapshot.accounts()
                                .size());
                    }
                } catch (IOException e) {
                    LOG.warn("accounts file {} cannot be read again ({}); keeping the accounts read before", file,
                            e.getMessage());
                }
            }
        }
        return snapshot;
    }

    private static StoredAccount existing(Map<String, StoredAccount> accounts, String name) {
        StoredAccount account = accounts.get(name);
        if (account == null) {
            throw new AccountException(AccountException.Kind.UNKNOWN, "no user named '" + name + "'");
        }
        return account;
    }

    private static AccountException duplicate(String name) {
        return new AccountException(AccountException.Kind.DUPLICATE, "a user named '" + name + "' already exists");
    }
}
