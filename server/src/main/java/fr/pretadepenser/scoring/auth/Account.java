package fr.pretadepenser.scoring.auth;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What an administrator may see of an account: never a password hash nor a key hash.
 *
 * @param name      the account name
 * @param role      its role
 * @param createdAt when it was created
 * @param disabled  whether it is refused at login and with its keys
 * @param keys      its API keys, oldest first
 */
public record Account(String name, Role role, Instant createdAt, boolean disabled, List<Key> keys) {

    /**
     * One API key as listed: its public id, never the key.
     *
     * @param id        the key id, the part after {@code pad_} (what {@code revoke} takes)
     * @param createdAt when it was issued
     */
    public record Key(String id, Instant createdAt) {

        /** Checks that both parts are present. */
        public Key {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(createdAt, "createdAt");
        }
    }

    /** Checks the parts and freezes the key list. */
    public Account {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(createdAt, "createdAt");
        keys = List.copyOf(keys);
    }

    /** The account as an authenticated user. */
    public User user() {
        return new User(name, role);
    }
}
