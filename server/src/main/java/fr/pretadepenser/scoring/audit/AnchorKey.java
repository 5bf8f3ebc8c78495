package fr.pretadepenser.scoring.audit;

import org.apache.commons.codec.digest.HmacAlgorithms;
import org.apache.commons.codec.digest.HmacUtils;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The secret that signs the audit log's anchors (HMAC-SHA256), kept in the security folder beside the accounts
 * file ({@value #FILE}, owner-only): whoever can edit the log but not read this key cannot forge an anchor.
 */
public final class AnchorKey {

    /** The key file's name in the security folder. */
    public static final String FILE = "audit-anchor.key";

    private final byte[] key;

    private AnchorKey(byte[] key) {
        this.key = key.clone();
    }

    /** A key from its bytes (tests). */
    public static AnchorKey of(byte[] key) {
        return new AnchorKey(key);
    }

    /**
     * Reads the key of {@code securityFolder}, first creating it (32 random bytes, hex, owner-only; written to a
     * temporary file, then renamed) if the folder has none.
     *
     * @throws IOException if it cannot be read or created, or is not 64 hex digits
     */
    public static AnchorKey loadOrCreate(Path securityFolder) throws IOException {
        Path file = securityFolder.resolve(FILE);
        if (!Files.exists(file)) {
            Files.createDirectories(securityFolder);
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Path temporary = Files.createTempFile(securityFolder, ".audit-anchor", ".partial");
            try {
                // Not Files.getFileStore: it reads the mount table, which a chroot or some containers lack.
                if (temporary.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                    Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
                }
                Files.writeString(temporary, HexFormat.of().formatHex(key) + "\n");
                // A hard link never replaces: of two servers starting at once on a new folder, one key wins.
                Files.createLink(file, temporary);
            } catch (FileAlreadyExistsException otherWasFirst) {
                // read the winner's below
            } finally {
                Files.deleteIfExists(temporary);
            }
        }
        return load(file);
    }

    /**
     * Reads an existing key file.
     *
     * @throws IOException if it is missing or not 64 hex digits
     */
    public static AnchorKey load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("no audit anchor key at " + file + " (the server creates it in its security"
                    + " folder; give that folder)");
        }
        String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
        if (!text.matches("[0-9a-f]{64}")) {
            throw new IOException(file + ": expected 64 lower-case hex digits (a 32-byte key), found "
                    + text.length() + " characters");
        }
        return new AnchorKey(HexFormat.of().parseHex(text));
    }

    /** The HMAC-SHA256 of {@code text}, hex. */
    String sign(String text) {
        return new HmacUtils(HmacAlgorithms.HMAC_SHA_256, key).hmacHex(text);
    }
}
