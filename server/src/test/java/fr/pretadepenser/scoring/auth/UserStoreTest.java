package fr.pretadepenser.scoring.auth;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UserStoreTest {

    private static final Instant NOW = Instant.parse("2026-11-02T09:30:00Z");
    private static final char[] PASSWORD = "correct horse battery".toCharArray();

    @TempDir
    Path tmp;

    private Path file() {
        return tmp.resolve("security/users.json");
    }

    /** Cost 4 keeps the tests fast; the cost-12 default is checked once below. */
    private UserStore open() throws Exception {
        return UserStore.open(file(), 4, new MutableClock(NOW));
    }

    @Test
    void startsEmptyWithoutAFileAndCreatesItAtTheFirstChange() throws Exception {
        UserStore store = open();
        assertTrue(store.list().isEmpty());
        assertFalse(Files.exists(file()));
        store.addUser("alice", Role.ADVISOR, PASSWORD);
        assertTrue(Files.isRegularFile(file()));
    }

    @Test
    void roundTripsAccountsAndKeysThroughTheFile() throws Exception {
        UserStore store = open();
        store.addUser("alice", Role.ADVISOR, PASSWORD);
        store.addUser("bob.admin", Role.ADMIN, "another long password".toCharArray());
        IssuedKey key = store.newApiKey("alice");
        store.setDisabled("bob.admin", true);

        UserStore reopened = open();
        assertEquals(store.list(), reopened.list());
        assertEquals(List.of(new Account("alice", Role.ADVISOR, NOW, false, List.of(new Account.Key(key.id(), NOW))),
                new Account("bob.admin", Role.ADMIN, NOW, true, List.of())), reopened.list());
        assertEquals(Optional.of(new User("alice", Role.ADVISOR)), reopened.authenticatePassword("alice", PASSWORD));
        assertEquals(Optional.of(new User("alice", Role.ADVISOR)), reopened.authenticateKey(key.key()));
    }

    @Test
    void keepsABcryptHashOfCostTwelveNotThePassword() throws Exception {
        UserStore store = UserStore.open(file());
        store.addUser("alice", Role.ADVISOR, PASSWORD);
        String content = Files.readString(file());
        assertFalse(content.contains(new String(PASSWORD)), content);
        assertTrue(content.matches("(?s).*\"passwordHash\" : \"\\$2a\\$12\\$[./A-Za-z0-9]{53}\".*"), content);
    }

    @Test
    void writesTheFileForItsOwnerOnly() throws Exception {
        open().addUser("alice", Role.ADVISOR, PASSWORD);
        if (file().getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file())));
        }
        try (var files = Files.list(file().getParent())) {
            assertEquals(List.of(file(), file().resolveSibling("users.json" + UserStore.LOCK_SUFFIX)),
                    files.sorted().toList(), "no temporary file left behind, only the lock others take");
        }
    }

    @Nested
    class Passwords {

        @Test
        void refusesAWrongPasswordAnUnknownUserAndADisabledAccount() throws Exception {
            UserStore store = open();
            store.addUser("alice", Role.ADVISOR, PASSWORD);
            assertEquals(Optional.empty(), store.authenticatePassword("alice", "wrong password!!".toCharArray()));
            assertEquals(Optional.empty(), store.authenticatePassword("mallory", PASSWORD));
            assertEquals(Optional.empty(), store.authenticatePassword("../etc/passwd", PASSWORD));
            assertEquals(Optional.empty(), store.authenticatePassword("alice", new char[0]));
            assertEquals(Optional.empty(), store.authenticatePassword("alice", "x".repeat(100).toCharArray()));
            store.setDisabled("alice", true);
            assertEquals(Optional.empty(), store.authenticatePassword("alice", PASSWORD));
            assertEquals(Optional.empty(), store.find("alice"));
        }

        @Test
        void setPasswordReplacesTheOldOne() throws Exception {
            UserStore store = open();
            store.addUser("alice", Role.ADVISOR, PASSWORD);
            char[] next = "a brand new passphrase".toCharArray();
            store.setPassword("alice", next);
            assertEquals(Optional.empty(), store.authenticatePassword("alice", PASSWORD));
            assertTrue(open().authenticatePassword("alice", next).isPresent());
        }

        @Test
        void refusesAShortPasswordAndSaysTheRule() throws Exception {
            AccountException e = assertThrows(AccountException.class,
                    () -> open().addUser("alice", Role.ADVISOR, "short".toCharArray()));
            assertEquals(AccountException.Kind.INVALID, e.kind());
            assertEquals("password too short: use at least 12 characters", e.getMessage());
        }

        @Test
        void generatesSixteenPrintableCharactersThatPassThePolicy() {
            char[] password = PasswordPolicy.generate();
            assertEquals(16, password.length);
            assertTrue(new String(password).chars().allMatch(c -> c > 32 && c < 127));
            PasswordPolicy.check(password);
        }
    }

    @Nested
    class Names {

        @Test
        void refusesADuplicateName() throws Exception {
            UserStore store = open();
            store.addUser("alice", Role.ADVISOR, PASSWORD);
            AccountException e = assertThrows(AccountException.class,
                    () -> store.addUser("alice", Role.ADMIN, PASSWORD));
            assertEquals(AccountException.Kind.DUPLICATE, e.kind());
            assertEquals("a user named 'alice' already exists", e.getMessage());
        }

        @Test
        void refusesNamesOutsideTheRule() throws Exception {
            UserStore store = open();
            for (String name : new String[]{"a", "Alice", "al ice", "x".repeat(41), "alice/..", ""}) {
                AccountException e = assertThrows(AccountException.class,
                        () -> store.addUser(name, Role.ADVISOR, PASSWORD), name);
                assertEquals("invalid user name '" + name + "': use 2 to 40 characters among a-z, 0-9, '.', '_'"
                        + " and '-'", e.getMessage());
            }
            store.addUser("j.doe-2_x", Role.ADVISOR, PASSWORD);
        }

        @Test
        void removingAnUnknownUserSaysSo() throws Exception {
            AccountException e = assertThrows(AccountException.class, () -> open().removeUser("ghost"));
            assertEquals(AccountException.Kind.UNKNOWN, e.kind());
            assertEquals("no user named 'ghost'", e.getMessage());
        }
    }

    @Nested
    class Keys {

        @Test
        void showsTheKeyOnceAndKeepsOnlyItsHash() throws Exception {
            UserStore store = open();
            store.addUser("alice", Role.ADVISOR, PASSWORD);
            IssuedKey key = store.newApiKey("alice");
            assertTrue(key.key().matches("pad_[0-9a-f]{8}_[A-Za-z0-9_-]{43}"), key.key());
            assertTrue(key.key().startsWith("pad_" + key.id() + "_"));
            assertFalse(key.toString().contains(key.key().substring(13)), "toString hides the secret");
            String content = Files.readString(file());
            assertFalse(content.contains(key.key().substring(13)), content);
            assertTrue(content.contains(ApiKeys.sha256Hex(key.key())), content);
        }

        @Test
        void refusesForgedMalformedRevokedAndDisabledKeys() throws Exception {
            UserStore store = open();
            store.addUser("alice", Role.ADVISOR, PASSWORD);
            IssuedKey key = store.newApiKey("alice");
            IssuedKey other = store.newApiKey("alice");
            String forged = key.key().substring(0, 55) + (key.key().endsWith("A") ? "B" : "A");
            assertEquals(Optional.empty(), store.authenticateKey(forged));
            assertEquals(Optional.empty(), store.authenticateKey("pad_" + key.id()));
            assertEquals(Optional.empty(), store.authenticateKey(null));

            assertEquals("alice", store.revokeKey(key.id()));
            assertEquals(Optional.empty(), store.authenticateKey(key.key()));
            assertEquals(Optional.empty(), open().authenticateKey(key.key()));
            assertTrue(store.authenticateKey(other.key()).isPresent());

            store.setDisabled("alice", true);
            assertEquals(Optional.empty(), store.authenticateKey(other.key()));
        }

        @Test
        void revokingAnUnknownKeySaysSo() throws Exception {
            AccountException e = assertThrows(AccountException.class, () -> open().revokeKey("0badc0de"));
            assertEquals("no API key with id '0badc0de'", e.getMessage());
        }

        @Test
        void removingAUserRevokesItsKeys() throws Exception {
            UserStore store = open();
            store.addUser("alice", Role.ADVISOR, PASSWORD);
            IssuedKey key = store.newApiKey("alice");
            store.removeUser("alice");
            assertEquals(Optional.empty(), store.authenticateKey(key.key()));
        }

        @Test
        void issuesKeysFromManyThreadsWithoutLosingOne() throws Exception {
            UserStore store = open();
            store.addUser("alice", Role.ADVISOR, PASSWORD);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<IssuedKey>> futures = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                futures.add(pool.submit(() -> store.newApiKey("alice")));
            }
            List<IssuedKey> keys = new ArrayList<>();
            for (Future<IssuedKey> f : futures) {
                keys.add(f.get());
            }
            pool.shutdown();
            UserStore reopened = open();
            keys.forEach(k -> assertTrue(reopened.authenticateKey(k.key()).isPresent(), k.id()));
            assertEquals(40, reopened.list().get(0).keys().size());
        }
    }

    /** Two stores over one file: the server and 'scoring users', or two replicas. */
    @Nested
    class SharedFile {

        @Test
        void aChangeByAnotherProcessIsSeenWithinASecond() throws Exception {
            UserStore server = open();
            UserStore command = open();
            command.addUser("alice", Role.ADVISOR, PASSWORD);
            IssuedKey key = command.newApiKey("alice");
            awaitTrue(() -> server.authenticateKey(key.key()).isPresent());
            assertTrue(server.find("alice").isPresent());
            command.setDisabled("alice", true);
            awaitTrue(() -> server.find("alice").isEmpty());
            assertEquals(Optional.empty(), server.authenticateKey(key.key()));
        }

        @Test
        void changesFromTwoStoresAreBothKept() throws Exception {
            UserStore first = open();
            UserStore second = open();
            first.addUser("alice", Role.ADVISOR, PASSWORD);
            // At once, before 'second' has looked at the file again: it must not write its stale accounts back.
            second.addUser("bruno", Role.ADMIN, PASSWORD);
            IssuedKey key = first.newApiKey("alice");
            UserStore reopened = open();
            assertEquals(List.of("alice", "bruno"), reopened.list().stream().map(Account::name).toList());
            assertTrue(reopened.authenticateKey(key.key()).isPresent());
        }

        @Test
        void aDamagedFileKeepsTheAccountsReadBefore() throws Exception {
            UserStore server = open();
            server.addUser("alice", Role.ADVISOR, PASSWORD);
            Files.writeString(file(), "{\"format\": 1, \"users\": [");
            Thread.sleep(UserStore.RELOAD_EVERY.toMillis() + 100);
            assertTrue(server.find("alice").isPresent());
        }

        private void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
            long deadline = System.nanoTime() + UserStore.RELOAD_EVERY.toNanos() * 3;
            while (!condition.getAsBoolean()) {
                assertTrue(System.nanoTime() < deadline, "not seen within " + UserStore.RELOAD_EVERY.multipliedBy(3));
                Thread.sleep(20);
            }
        }
    }

    @Test
    void refusesACorruptFileNamingTheAccountAndField() throws Exception {
        Files.createDirectories(file().getParent());
        Files.writeString(file(), "{\"format\": 1, \"users\": [{\"name\": \"alice\", \"role\": \"boss\"}]}");
        UsersFileException e = assertThrows(UsersFileException.class, this::open);
        assertEquals(file() + ": user 1 (alice): unknown role 'boss'; expected one of advisor, admin",
                e.getMessage());
        Files.writeString(file(), "{not json");
        assertTrue(assertThrows(UsersFileException.class, this::open).getMessage()
                .startsWith(file() + ": not valid JSON"));
    }
}
