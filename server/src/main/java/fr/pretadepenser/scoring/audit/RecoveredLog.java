package fr.pretadepenser.scoring.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

/**
 * A log file made ready for appending: locked, its last line checked, a line left half-written by a crash cut
 * off, and the head of its chain found.
 *
 * @param lock     the log's lock file ({@code <log>.lock}), open and exclusively locked while the log is written
 * @param channel  the file opened in append mode
 * @param head     the SHA-256 of the last line, the {@code prev} of the next one
 * @param size     the file size, which ends with a complete line
 * @param records  the complete lines
 * @param anchored the records covered by the last anchor
 */
record RecoveredLog(FileChannel lock, FileChannel channel, String head, long size, long records, long anchored) {

    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);

    /**
     * See {@link AuditLog#open}: the whole log is checked against its chain and {@code anchors} in one pass.
     *
     * @throws CorruptAuditLogException at the first record that breaks the chain or is not as anchored
     */
    static RecoveredLog open(Path file, List<Anchors.Anchor> anchors) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        // The lock is taken on a file of its own: POSIX drops a process's lock on a file when the process closes
        // any channel of that file, and the log itself is opened and closed again by every read below.
        FileChannel lock = FileChannel.open(lockOf(file), Set.of(StandardOpenOption.CREATE,
                StandardOpenOption.WRITE), ownerOnly(directory));
        FileChannel channel = null;
        try {
            lock(lock, file);
            channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND), ownerOnly(directory));
            LogLines.Tail tail;
            try (FileChannel reader = FileChannel.open(file, StandardOpenOption.READ)) {
                tail = LogLines.tail(reader);
            }
            LogReader.Checked checked = LogReader.verify(file, tail.complete(), anchors);
            ChainCheck chain = checked.chain();
            if (!chain.intact()) {
                throw new CorruptAuditLogException(file, chain.firstBadLine(), chain.problem());
            }
            // Checked before cutting: a log refused for a corrupt line is left exactly as found.
            if (tail.partial()) {
                LOG.warn("{}: removing {} bytes after the last complete line (a write cut short by a crash; its"
                        + " append never returned)", file, tail.size() - tail.complete());
                channel.truncate(tail.complete());
                channel.force(true);
            }
            return new RecoveredLog(lock, channel, chain.head(), tail.complete(), chain.lines(), checked.anchored());
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            lock.close();
            throw e;
        }
    }

    /** The lock file of {@code log}: whoever holds its lock is the one writer of the log. */
    static Path lockOf(Path log) {
        return log.resolveSibling(log.getFileName() + ".lock");
    }

    /** Closes the log, then its lock file (which releases the lock). */
    void close() throws IOException {
        try {
            channel.close();
        } finally {
            lock.close();
        }
    }

    private static void lock(FileChannel channel, Path file) throws IOException {
        FileLock fileLock;
        try {
            fileLock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            throw new IOException(file + " is already open for appending in this process");
        }
        if (fileLock == null) {
            // An operator's setting to fix, not a failure of the disk: two servers given one log.
            throw new IllegalStateException(file + " is already open for appending by another process (a running"
                    + " server?); replicas each need their own log ('scoring serve --instance NAME')");
        }
    }

    /** Owner-only permissions for a new file, where the file system has POSIX permissions. */
    static FileAttribute<?>[] ownerOnly(Path directory) {
        if (directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[]{PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------"))};
        }
        return new FileAttribute<?>[0];
    }
}
