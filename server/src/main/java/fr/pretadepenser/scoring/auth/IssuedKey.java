package fr.pretadepenser.scoring.auth;

import java.util.Objects;

/**
 * A newly issued API key: the only time the clear key exists outside its owner's hands, since the store keeps
 * its SHA-256 only.
 *
 * @param id   the key id (what {@code revoke} takes; also inside the key)
 * @param user the account it belongs to
 * @param key  the clear key, {@code pad_<id>_<43 base64url characters>}: show it once, never log it
 */
public record IssuedKey(String id, String user, String key) {

    /** Checks that every part is present. */
    public IssuedKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(key, "key");
    }

    /** Leaves the secret out, so that logging the record does not leak the key. */
    @Override
    public String toString() {
        return "IssuedKey[id=" + id + ", user=" + user + ", key=pad_" + id + "_***]";
    }
}
