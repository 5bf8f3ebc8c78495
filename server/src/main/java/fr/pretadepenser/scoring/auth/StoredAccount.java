package fr.pretadepenser.scoring.auth;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An account as the users file holds it: with its bcrypt hash and the SHA-256 of its API keys. Immutable: each
 * change makes a new one, so that readers of the store never see an account half-changed.
 */
record StoredAccount(String name, Role role, String passwordHash, Instant createdAt, boolean disabled,
                     List<StoredKey> keys) {

    /** An API key as stored: its public id and the hex SHA-256 of the whole clear key. */
    record StoredKey(String id, String sha256, Instant createdAt) {

        StoredKey {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(sha256, "sha256");
            Objects.requireNonNull(createdAt, "createdAt");
        }
    }

    StoredAccount {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(createdAt, "createdAt");
        keys = List.copyOf(keys);
    }

    StoredAccount withPasswordHash(String hash) {
        return new StoredAccount(name, role, hash, createdAt, disabled, keys);
    }

    StoredAccount withDisabled(boolean value) {
        return new StoredAccount(name, role, passwordHash, createdAt, value, keys);
    }

    StoredAccount withKey(StoredKey key) {
        List<StoredKey> more = new ArrayList<>(keys);
        more.add(key);
        return new StoredAccount(name, role, passwordHash, createdAt, disabled, more);
    }

    StoredAccount withoutKey(String id) {
        return new StoredAccount(name, role, passwordHash, createdAt, disabled,
                keys.stream().filter(k -> !k.id().equals(id)).toList());
    }

    User user() {
        return new User(name, role);
    }

    Account account() {
        return new Account(name, role, createdAt, disabled,
                keys.stream().map(k -> new Account.Key(k.id(), k.createdAt())).toList());
    }
}
