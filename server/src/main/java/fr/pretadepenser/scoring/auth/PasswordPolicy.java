package fr.pretadepenser.scoring.auth;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

/** What a password must be (12 characters at least, 72 UTF-8 bytes at most), and how to make a good one. */
public final class PasswordPolicy {

    /** The fewest characters a password may have. */
    public static final int MIN_LENGTH = 12;

    /** Bcrypt reads only the first 72 bytes of a password; a longer one would be silently cut, so it is refused. */
    public static final int MAX_UTF8_BYTES = 72;

    /** Characters of generated passwords: printable, none that reads like another (0/O, 1/l/I), no quotes. */
    private static final char[] ALPHABET =
            "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789-_.+=@%".toCharArray();

    private static final int GENERATED_LENGTH = 16;

    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordPolicy() {
    }

    /**
     * Checks a new password.
     *
     * @throws AccountException of kind INVALID saying which rule it breaks
     */
    public static void check(char[] password) {
        if (password == null || password.length < MIN_LENGTH) {
            throw new AccountException(AccountException.Kind.INVALID, "password too short: use at least "
                    + MIN_LENGTH + " characters");
        }
        if (utf8Length(password) > MAX_UTF8_BYTES) {
            throw new AccountException(AccountException.Kind.INVALID, "password too long: bcrypt reads at most "
                    + MAX_UTF8_BYTES + " bytes (UTF-8)");
        }
        for (char c : password) {
            if (Character.isISOControl(c)) {
                throw new AccountException(AccountException.Kind.INVALID,
                        "password contains a control character (a stray newline or tab?)");
            }
        }
    }

    /** A random password of 16 printable characters (about 96 bits), from a {@link SecureRandom}. */
    public static char[] generate() {
        char[] password = new char[GENERATED_LENGTH];
        for (int i = 0; i < password.length; i++) {
            password[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return password;
    }

    static int utf8Length(char[] password) {
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        int length = bytes.remaining();
        // The encoded copy holds the password too: wipe it rather than leave it to the garbage collector.
        Arrays.fill(bytes.array(), (byte) 0);
        return length;
    }
}
