package fr.pretadepenser.scoring.cli;

import fr.pretadepenser.scoring.auth.PasswordPolicy;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Where a new password comes from (a picocli mixin): typed twice at the console without echo by default, one line
 * of standard input with {@code --password-stdin} (for scripts), or generated with {@code --generate}. Never an
 * option value: that would land in the shell history and the process list.
 */
final class PasswordInput {

    @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
    boolean fromStdin;

    @Option(names = "--generate", description = "Generate a random password and print it once.")
    boolean generate;

    /** What was chosen: the password, and whether it was generated (and must therefore be shown). */
    record Password(char[] chars, boolean generated) {
    }

    /**
     * Gets the password the chosen way; the caller wipes it after use.
     *
     * @throws CommandLine.ParameterException (exit code 2) if both ways are asked for, or there is no console
     */
    Password read(CommandLine commandLine, String user) throws IOException {
        if (fromStdin && generate) {
            throw new CommandLine.ParameterException(commandLine, "--password-stdin and --generate exclude each other");
        }
        if (generate) {
            return new Password(PasswordPolicy.generate(), true);
        }
        if (fromStdin) {
            return new Password(firstLine(System.in), false);
        }
        Console console = System.console();
        if (console == null) {
            throw new CommandLine.ParameterException(commandLine,
                    "no console to type the password in; use --password-stdin or --generate");
        }
        char[] first = console.readPassword("New password for %s (at least %d characters): ", user,
                PasswordPolicy.MIN_LENGTH);
        char[] again = console.readPassword("Again: ");
        boolean same = first != null && Arrays.equals(first, again);
        if (again != null) {
            Arrays.fill(again, '\0');
        }
        if (!same) {
            throw new CommandLine.ParameterException(commandLine, "the two passwords differ");
        }
        return new Password(first, false);
    }

    /** The first line of {@code in}, without its line ending, read as characters so no String holds it. */
    private static char[] firstLine(InputStream in) throws IOException {
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
        char[] buffer = new char[128];
        int length = 0;
        int c;
        while ((c = reader.read()) >= 0 && c != '\n') {
            if (length == buffer.length) {
                char[] bigger = Arrays.copyOf(buffer, length * 2);
                Arrays.fill(buffer, '\0');
                buffer = bigger;
            }
            buffer[length++] = (char) c;
        }
        if (length > 0 && buffer[length - 1] == '\r') {
            length--;
        }
        char[] password = Arrays.copyOf(buffer, length);
        Arrays.fill(buffer, '\0');
        return password;
    }
}
