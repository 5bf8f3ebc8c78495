package fr.pretadepenser.scoring.cli;

import fr.pretadepenser.scoring.auth.Role;
import fr.pretadepenser.scoring.auth.User;
import fr.pretadepenser.scoring.auth.UserStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UsersCommandTest {

    private static final String PASSWORD = "correct horse battery";

    @TempDir
    Path tmp;

    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    private Path users() {
        return tmp.resolve("security/users.json");
    }

    private int run(String stdin, String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CommandLine line = ScoringCommand.commandLine();
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        InputStream original = System.in;
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        try {
            String[] all = new String[args.length + 2];
            System.arraycopy(args, 0, all, 0, args.length);
            all[args.length] = "--users";
            all[args.length + 1] = users().toString();
            return line.execute(all);
        } finally {
            System.setIn(original);
        }
    }

    @Test
    void addsAnAccountWithAPasswordFromStandardInputAndListsIt() throws Exception {
        assertEquals(0, run(PASSWORD + "\n", "users", "add", "alice", "--role", "advisor", "--password-stdin"));
        assertEquals("added alice (advisor) to " + users(), out.toString().trim());
        assertEquals(Optional.of(new User("alice", Role.ADVISOR)),
                UserStore.open(users()).authenticatePassword("alice", PASSWORD.toCharArray()));
        assertFalse(Files.readString(users()).contains(PASSWORD));

        assertEquals(0, run("", "users", "list"));
        List<String> lines = out.toString().lines().toList();
        assertEquals("NAME                 ROLE     CREATED               STATUS    API KEYS", lines.get(0).trim());
        assertTrue(lines.get(1).matches("alice +advisor +\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ +enabled *"),
                lines.get(1));
    }

    @Test
    void generatesAPasswordAndShowsItOnce() throws Exception {
        assertEquals(0, run("", "users", "add", "root.admin", "--role", "ADMIN", "--generate"));
        String shown = out.toString().lines().filter(l -> l.startsWith("password for root.admin: ")).findFirst()
                .orElseThrow().substring("password for root.admin: ".length());
        assertEquals(16, shown.length());
        assertEquals(Optional.of(new User("root.admin", Role.ADMIN)),
                UserStore.open(users()).authenticatePassword("root.admin", shown.toCharArray()));
    }

    @Test
    void issuesAKeyPrintedOnceAndRevokesIt() throws Exception {
        run(PASSWORD + "\n", "users", "add", "alice", "--role", "advisor", "--password-stdin");
        assertEquals(0, run("", "users", "key", "alice"));
        String key = out.toString().trim();
        assertTrue(key.matches("pad_[0-9a-f]{8}_[A-Za-z0-9_-]{43}"), key);
        String id = key.substring(4, 12);
        assertTrue(err.toString().contains("API key " + id + " for alice: shown once"), err.toString());
        assertFalse(Files.readString(users()).contains(key.substring(13)));
        assertTrue(UserStore.open(users()).authenticateKey(key).isPresent());

        assertEquals(0, run("", "users", "list"));
        assertTrue(out.toString().contains(id), out.toString());
        assertEquals(0, run("", "users", "revoke", id));
        assertEquals("revoked key " + id + " of alice", out.toString().trim());
        assertTrue(UserStore.open(users()).authenticateKey(key).isEmpty());
    }

    @Test
    void changesAPasswordAndRemovesAnAccount() throws Exception {
        run(PASSWORD + "\n", "users", "add", "alice", "--role", "advisor", "--password-stdin");
        assertEquals(0, run("another long password\r\n", "users", "passwd", "alice", "--password-stdin"));
        assertTrue(UserStore.open(users()).authenticatePassword("alice", "another long password".toCharArray())
                .isPresent());
        assertEquals(0, run("", "users", "remove", "alice"));
        assertTrue(UserStore.open(users()).list().isEmpty());
    }

    @Test
    void badInputExitsWithTwoAndSaysWhatIsWrong() {
        assertEquals(2, run(PASSWORD + "\n", "users", "add", "Alice", "--role", "advisor", "--password-stdin"));
        assertEquals("error: invalid user name 'Alice': use 2 to 40 characters among a-z, 0-9, '.', '_' and '-'",
                err.toString().trim());

        assertEquals(2, run("short\n", "users", "add", "alice", "--role", "advisor", "--password-stdin"));
        assertEquals("error: password too short: use at least 12 characters", err.toString().trim());

        assertEquals(2, run(PASSWORD + "\n", "users", "add", "alice", "--role", "boss", "--password-stdin"));
        assertTrue(err.toString().startsWith("Invalid value for option '--role': unknown role 'boss'; expected one"
                + " of advisor, admin"), err.toString());

        assertEquals(0, run(PASSWORD + "\n", "users", "add", "alice", "--role", "advisor", "--password-stdin"));
        assertEquals(2, run(PASSWORD + "\n", "users", "add", "alice", "--role", "admin", "--password-stdin"));
        assertEquals("error: a user named 'alice' already exists", err.toString().trim());

        assertEquals(2, run("", "users", "passwd", "bob", "--generate"));
        assertEquals("error: no user named 'bob'", err.toString().trim());
        assertEquals(2, run("", "users", "revoke", "0badc0de"));
        assertEquals("error: no API key with id '0badc0de'", err.toString().trim());
        assertEquals(2, run("", "users", "add", "bob", "--role", "advisor", "--generate", "--password-stdin"));
        assertTrue(err.toString().startsWith("--password-stdin and --generate exclude each other"), err.toString());
    }

    @Test
    void withoutAConsoleAsksForAnotherWayToGiveThePassword() {
        if (System.console() != null) {
            return; // run from a terminal: the console would prompt
        }
        assertEquals(2, run("", "users", "add", "alice", "--role", "advisor"));
        assertTrue(err.toString().startsWith("no console to type the password in; use --password-stdin or"
                + " --generate"), err.toString());
    }

    @Test
    void refusesACorruptUsersFileWithExitTwo() throws Exception {
        Files.createDirectories(users().getParent());
        Files.writeString(users(), "[]");
        assertEquals(2, run("", "users", "list"));
        assertEquals("error: " + users() + ": expected {\"format\": 1, \"users\": [...]}", err.toString().trim());
    }
}
