package fr.pretadepenser.scoring.auth;

import java.util.regex.Pattern;

/** The rule for account names: short, lower-case, safe in file names, URLs and log lines. */
final class AccountNames {

    private static final Pattern NAME = Pattern.compile("[a-z0-9._-]{2,40}");

    private AccountNames() {
    }

    static boolean isValid(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** Returns {@code name} if valid; throws {@link AccountException} (INVALID) saying the rule otherwise. */
    static String check(String name) {
        if (!isValid(name)) {
            throw new AccountException(AccountException.Kind.INVALID, "invalid user name '" + name
                    + "': use 2 to 40 characters among a-z, 0-9, '.', '_' and '-'");
        }
        return name;
    }
}
