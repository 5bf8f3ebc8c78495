package fr.pretadepenser.scoring.cli;

import fr.pretadepenser.scoring.auth.Account;
import fr.pretadepenser.scoring.auth.IssuedKey;
import fr.pretadepenser.scoring.auth.Role;
import fr.pretadepenser.scoring.auth.UserStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code scoring users}: the accounts of the API (add, list, remove, passwd, key, revoke, disable, enable). A
 * running server reads the users file when it starts: restart it to apply changes.
 */
@Command(name = "users", mixinStandardHelpOptions = true,
        description = "Manage API accounts and keys: add, list, passwd, key, revoke...",
        subcommands = {UsersCommand.Add.class, UsersCommand.ListAccounts.class, UsersCommand.Remove.class,
                UsersCommand.Passwd.class, UsersCommand.Key.class, UsersCommand.Revoke.class,
                UsersCommand.Disable.class, UsersCommand.Enable.class})
final class UsersCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The {@code --users} option every subcommand takes (a picocli mixin). */
    static final class UsersFile {

        @Option(names = "--users", paramLabel = "FILE", defaultValue = Defaults.USERS,
                description = "The users file (default: ${DEFAULT-VALUE}).")
        Path file;

        UserStore open() throws IOException {
            return UserStore.open(file);
        }
    }

    /** Turns {@code advisor}/{@code admin} into a role, with the store's message for anything else. */
    static final class RoleConverter implements CommandLine.ITypeConverter<Role> {
        @Override
        public Role convert(String value) {
            try {
                return Role.parse(value);
            } catch (RuntimeException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** What every subcommand has: the users file and somewhere to print. */
    abstract static class Subcommand implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        UsersFile users;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        PrintWriter err() {
            return spec.commandLine().getErr();
        }

        /** Prints a generated password once; the caller then wipes it. */
        void showIfGenerated(PasswordInput.Password password, String name) {
            if (password.generated()) {
                out().println("password for " + name + ": " + new String(password.chars()));
                err().println("(shown once: only its bcrypt hash is stored)");
            }
        }
    }

    /** {@code scoring users add NAME --role advisor|admin}. */
    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add an account.")
    static final class Add extends Subcommand {

        @Parameters(index = "0", paramLabel = "NAME", description = "2 to 40 characters among a-z 0-9 . _ -")
        String name;

        @Option(names = "--role", required = true, paramLabel = "advisor|admin", converter = RoleConverter.class,
                description = "advisor (clients, scores) or admin (also model and users).")
        Role role;

        @Mixin
        PasswordInput passwordInput;

        @Override
        public Integer call() throws Exception {
            UserStore store = users.open();
            PasswordInput.Password password = passwordInput.read(spec.commandLine(), name);
            try {
                store.addUser(name, role, password.chars());
                out().println("added " + name + " (" + role.id() + ") to " + users.file);
                showIfGenerated(password, name);
            } finally {
                Arrays.fill(password.chars(), '\0');
            }
            return 0;
        }
    }

    /** {@code scoring users list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the accounts and their key ids.")
    static final class ListAccounts extends Subcommand {

        @Override
        public Integer call() throws Exception {
            List<Account> accounts = users.open().list();
            if (accounts.isEmpty()) {
                err().println("no accounts in " + users.file + "; add one with 'scoring users add NAME --role admin'");
                return 0;
            }
            out().printf("%-20s %-8s %-21s %-9s %s%n", "NAME", "ROLE", "CREATED", "STATUS", "API KEYS");
            for (Account a : accounts) {
                out().printf("%-20s %-8s %-21s %-9s %s%n", a.name(), a.role().id(), a.createdAt(),
                        a.disabled() ? "disabled" : "enabled",
                        a.keys().stream().map(Account.Key::id).collect(Collectors.joining(" ")));
            }
            return 0;
        }
    }

    /** {@code scoring users remove NAME}. */
    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove an account and its keys.")
    static final class Remove extends Subcommand {

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        public Integer call() throws Exception {
            users.open().removeUser(name);
            out().println("removed " + name + " and its API keys");
            return 0;
        }
    }

    /** {@code scoring users passwd NAME}. */
    @Command(name = "passwd", mixinStandardHelpOptions = true, description = "Set a new password.")
    static final class Passwd extends Subcommand {

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Mixin
        PasswordInput passwordInput;

        @Override
        public Integer call() throws Exception {
            UserStore store = users.open();
            if (store.list().stream().noneMatch(a -> a.name().equals(name))) {
                // Said before asking for a password, not after.
                err().println("error: no user named '" + name + "'");
                return ScoringCommand.EXIT_BAD_INPUT;
            }
            PasswordInput.Password password = passwordInput.read(spec.commandLine(), name);
            try {
                store.setPassword(name, password.chars());
                out().println("password changed for " + name);
                showIfGenerated(password, name);
            } finally {
                Arrays.fill(password.chars(), '\0');
            }
            return 0;
        }
    }

    /** {@code scoring users key NAME}. */
    @Command(name = "key", mixinStandardHelpOptions = true, description = "Issue an API key (printed once).")
    static final class Key extends Subcommand {

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        public Integer call() throws Exception {
            IssuedKey key = users.open().newApiKey(name);
            out().println(key.key());
            err().println("API key " + key.id() + " for " + name + ": shown once, only its hash is stored;"
                    + " send it as 'Authorization: Bearer <key>'; revoke it with 'scoring users revoke " + key.id()
                    + "'");
            return 0;
        }
    }

    /** {@code scoring users revoke KEYID}. */
    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke an API key by its id.")
    static final class Revoke extends Subcommand {

        @Parameters(index = "0", paramLabel = "KEYID", description = "The id 'users list' shows (pad_<id>_...).")
        String keyId;

        @Override
        public Integer call() throws Exception {
            String owner = users.open().revokeKey(keyId);
            out().println("revoked key " + keyId + " of " + owner);
            return 0;
        }
    }

    /** {@code scoring users disable NAME}. */
    @Command(name = "disable", mixinStandardHelpOptions = true,
            description = "Refuse an account's logins and keys, keeping it.")
    static final class Disable extends Subcommand {

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        public Integer call() throws Exception {
            users.open().setDisabled(name, true);
            out().println("disabled " + name);
            return 0;
        }
    }

    /** {@code scoring users enable NAME}. */
    @Command(name = "enable", mixinStandardHelpOptions = true, description = "Re-enable a disabled account.")
    static final class Enable extends Subcommand {

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        public Integer call() throws Exception {
            users.open().setDisabled(name, false);
            out().println("enabled " + name);
            return 0;
        }
    }
}
