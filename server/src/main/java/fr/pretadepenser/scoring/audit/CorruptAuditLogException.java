package fr.pretadepenser.scoring.audit;

import java.io.IOException;
import java.nio.file.Path;

/**
 * An audit log line that is not a valid record: the log cannot be continued or read past it. The message names
 * the file and the 1-based line.
 */
public final class CorruptAuditLogException extends IOException {

    private final transient Path file;
    private final long line;

    CorruptAuditLogException(Path file, long line, String problem) {
        super(file + ", line " + line + ": " + problem);
        this.file = file;
        this.line = line;
    }

    /** The log file. */
    public Path file() {
        return file;
    }

    /** The 1-based number of the bad line. */
    public long line() {
        return line;
    }
}
