package fr.pretadepenser.scoring.auth;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A users file that cannot be read as one: not JSON, a missing or malformed field, a duplicate name or key id.
 * The message names the file, the account and the field, so that the file can be fixed by hand.
 */
public final class UsersFileException extends IOException {

    UsersFileException(Path file, String problem) {
        super(file + ": " + problem);
    }

    UsersFileException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
