package fr.pretadepenser.scoring.auth;

import java.util.Objects;

/**
 * A request about accounts that the caller can fix: a bad name, role or password, a name already taken, an
 * unknown user or key. The message says what was wrong and what is expected; the {@link #kind()} lets the HTTP
 * layer pick a status (400, 409, 404) and the command line an exit code.
 */
public final class AccountException extends RuntimeException {

    /** What kind of mistake the caller made. */
    public enum Kind {
        /** A malformed name, role or password. */
        INVALID,
        /** The name is already taken. */
        DUPLICATE,
        /** No such user or API key. */
        UNKNOWN
    }

    private final Kind kind;

    AccountException(Kind kind, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    /** What kind of mistake this is. */
    public Kind kind() {
        return kind;
    }
}
