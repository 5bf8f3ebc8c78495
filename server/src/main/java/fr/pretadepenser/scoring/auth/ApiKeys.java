package fr.pretadepenser.scoring.auth;

import org.apache.commons.codec.digest.DigestUtils;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The API key format, {@code pad_<8 hex id>_<43 base64url characters>}: a public id to find the key without
 * scanning, and 32 random bytes of secret. Keys are stored as SHA-256, not bcrypt: with 256 random bits there is
 * nothing to brute-force, and a fast hash keeps per-request authentication cheap.
 */
final class ApiKeys {

    static final String PREFIX = "pad_";

    private static final Pattern KEY_ID = Pattern.compile("[0-9a-f]{8}");
    private static final Pattern KEY = Pattern.compile("pad_([0-9a-f]{8})_[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeys() {
    }

    /** A new clear key whose id {@code taken} does not refuse. */
    static String generate(Predicate<String> taken) {
        String id;
        do {
            id = HexFormat.of().formatHex(randomBytes(4));
        } while (taken.test(id));
        return PREFIX + id + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32));
    }

    static boolean isKeyId(String id) {
        return id != null && KEY_ID.matcher(id).matches();
    }

    /** The id inside a well-formed key; empty for anything else. */
    static Optional<String> idOf(String key) {
        if (key == null) {
            return Optional.empty();
        }
        var matcher = KEY.matcher(key);
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** The SHA-256 of the key's UTF-8 bytes, as compared on each request. */
    static byte[] sha256(String key) {
        return DigestUtils.sha256(key);
    }

    /** The same in lower-case hex, as stored in the users file. */
    static String sha256Hex(String key) {
        return DigestUtils.sha256Hex(key);
    }

    static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
