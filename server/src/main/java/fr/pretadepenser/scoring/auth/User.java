package fr.pretadepenser.scoring.auth;

import java.util.Objects;

/**
 * An authenticated account: who it is and what it may do.
 *
 * @param name the account name ({@code [a-z0-9._-]{2,40}})
 * @param role its role
 */
public record User(String name, Role role) {

    /** Checks that both parts are present. */
    public User {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
    }
}
