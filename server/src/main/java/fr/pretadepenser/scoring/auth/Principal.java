package fr.pretadepenser.scoring.auth;

import java.util.Objects;

/**
 * Who made a request and how they proved it; the HTTP layer attaches one to each authenticated request and the
 * audit log records its name.
 *
 * @param name the account name
 * @param role the account's role
 * @param via  how the request was authenticated
 */
public record Principal(String name, Role role, Via via) {

    /** How a request was authenticated. */
    public enum Via {
        /** An {@code Authorization: Bearer pad_...} API key. */
        API_KEY("api-key"),
        /** A dashboard login session cookie. */
        SESSION("session");

        private final String label;

        Via(String label) {
            this.label = label;
        }

        /** {@code api-key} or {@code session}, as logs and responses show it. */
        public String label() {
            return label;
        }
    }

    /** Checks that every part is present. */
    public Principal {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(via, "via");
    }

    /** The principal of {@code user} authenticated {@code via}. */
    public static Principal of(User user, Via via) {
        return new Principal(user.name(), user.role(), via);
    }

    /** Whether this principal may use something that requires {@code required} (see {@link Role#allows}). */
    public boolean allows(Role required) {
        return role.allows(required);
    }
}
