package fr.pretadepenser.scoring.auth;

import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * The accounts of demo mode: {@code demo} (advisor) and {@code admin} (admin), each with a freshly generated
 * password returned so that the demo can print it. There is no default password anywhere: outside demo mode,
 * accounts exist only once someone has added them with {@code scoring users add}.
 */
public final class DemoAccounts {

    /** The demo advisor's name. */
    public static final String ADVISOR = "demo";

    /** The demo administrator's name. */
    public static final String ADMIN = "admin";

    /**
     * A demo account and its clear password.
     *
     * @param name     the account name
     * @param role     its role
     * @param password its generated password, to print once
     */
    public record Credentials(String name, Role role, String password) {

        /** Checks that every part is present. */
        public Credentials {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(password, "password");
        }

        /** Leaves the password out, so that logging the record does not leak it. */
        @Override
        public String toString() {
            return "Credentials[name=" + name + ", role=" + role + ", password=***]";
        }
    }

    private DemoAccounts() {
    }

    /**
     * (Re)creates the two demo accounts in {@code store} with new passwords; an existing {@code demo} or
     * {@code admin} account is replaced, with its API keys.
     *
     * @return the advisor's then the admin's credentials
     */
    public static List<Credentials> create(UserStore store) throws IOException {
        return List.of(create(store, ADVISOR, Role.ADVISOR), create(store, ADMIN, Role.ADMIN));
    }

    private static Credentials create(UserStore store, String name, Role role) throws IOException {
        char[] password = PasswordPolicy.generate();
        if (store.list().stream().anyMatch(a -> a.name().equals(name))) {
            store.removeUser(name);
        }
        store.addUser(name, role, password);
        return new Credentials(name, role, new String(password));
    }
}
