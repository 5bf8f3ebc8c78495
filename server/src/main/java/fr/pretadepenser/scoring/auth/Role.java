package fr.pretadepenser.scoring.auth;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/** What an account may do: advisors read client files and score; admins also see the model and manage users. */
public enum Role {

    /** Reads client files and scores applications. */
    ADVISOR,

    /** Everything an advisor does, plus model information and user management. */
    ADMIN;

    /**
     * Whether an account with this role may use something that requires {@code required}.
     *
     * @throws NullPointerException if {@code required} is null
     */
    public boolean allows(Role required) {
        Objects.requireNonNull(required, "required");
        // Roles are nested: each one includes every role declared before it.
        return ordinal() >= required.ordinal();
    }

    /** The lower-case name used in the users file and on the command line: {@code advisor} or {@code admin}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The role named {@code text}, in any case.
     *
     * @throws AccountException of kind {@link AccountException.Kind#INVALID} for any other text
     */
    public static Role parse(String text) {
        for (Role role : values()) {
            if (role.id().equalsIgnoreCase(String.valueOf(text).trim())) {
                return role;
            }
        }
        throw new AccountException(AccountException.Kind.INVALID, "unknown role '" + text + "'; expected one of "
                + Arrays.stream(values()).map(Role::id).collect(Collectors.joining(", ")));
    }
}
