package fr.pretadepenser.scoring.model.bundle;

/** A model bundle that is missing, damaged or inconsistent; the message names the file and the fix. */
public final class BundleIntegrityException extends RuntimeException {

    /** A bundle problem described in one sentence. */
    public BundleIntegrityException(String message) {
        super(message);
    }

    /** A bundle problem with its cause (an unreadable file). */
    public BundleIntegrityException(String message, Throwable cause) {
        super(message, cause);
    }
}
