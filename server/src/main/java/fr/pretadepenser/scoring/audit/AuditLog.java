package fr.pretadepenser.scoring.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The append-only decision log (by default {@code work/audit/decisions.jsonl}): one JSON line per
 * {@link AuditRecord}, each carrying {@code prev}, the SHA-256 of the line before, so that {@link #verify()} finds
 * any line changed, removed or inserted since. {@link #append} returns only once the line is on disk, so the API
 * can write the record before it answers.
 *
 * <p>Appends use group commit: each thread queues its line; whoever finds no write in progress becomes the writer,
 * writes every queued line at once, forces them to disk once, and wakes the others. Under load, one disk sync then
 * serves many requests. An open log holds an exclusive file lock: one process appends at a time. Thread-safe.
 */
public final class AuditLog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);

    private final Path file;
    private final FileChannel channel;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition written = lock.newCondition();
    private final ArrayDeque<Pending> queue = new ArrayDeque<>(); // guarded by lock
    private boolean writing; // guarded by lock: a writer is at work, outside the lock
    private boolean closed; // guarded by lock
    private volatile IOException failure;
    // Only the writer touches these; taking the lock after writing hands them to the next writer.
    private String prev;
    private long size;
    private volatile long durable;

    /** One queued line and, once written, its outcome. Fields after the body are guarded by the lock. */
    private static final class Pending {
        final String body;
        boolean done;
        IOException error;

        Pending(String body) {
            this.body = body;
        }
    }

    private AuditLog(Path file, FileChannel channel, String prev, long size) {
        this.file = file;
        this.channel = channel;
        this.prev = prev;
        this.size = size;
        this.durable = size;
    }

    /**
     * Opens (or creates, owner-only) the log for appending, continuing its chain from its last line. A last line
     * cut short by a crash is removed, with a warning: its append never returned, so nobody was told it was kept.
     *
     * @throws CorruptAuditLogException if the last complete line is not a valid record
     * @throws IOException              if the log is already open for appending, here or in another process
     */
    public static AuditLog open(Path file) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND), ownerOnly(directory));
        try {
            lock(channel, file);
            LogLines.Tail tail;
            try (FileChannel reader = FileChannel.open(file, StandardOpenOption.READ)) {
                tail = LogLines.tail(reader);
            }
            String prev = AuditLines.GENESIS;
            if (tail.lastLine() != null) {
                long number = LogLines.scan(file, tail.complete(), (n, line) -> { });
                LogReader.parse(file, number, tail.lastLine());
                prev = AuditLines.sha256Hex(tail.lastLine());
            }
            if (tail.partial()) {
                LOG.warn("{}: removing {} bytes after the last complete line (a write cut short by a crash; its"
                        + " append never returned)", file, tail.size() - tail.complete());
                channel.truncate(tail.complete());
                channel.force(true);
            }
            return new AuditLog(file, channel, prev, tail.complete());
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** The log file. */
    public Path file() {
        return file;
    }

    /**
     * Appends a record and returns once it is on disk (after {@code fdatasync}, which includes the new file size).
     *
     * @throws IOException if it could not be written or forced; it is then not in the log
     */
    public void append(AuditRecord record) throws IOException {
        Pending mine = new Pending(AuditLines.body(Objects.requireNonNull(record, "record")));
        lock.lock();
        try {
            if (closed) {
                throw new IOException(file + ": the audit log is closed");
            }
            if (failure != null) {
                throw new IOException(file + ": the audit log stopped after a failed write; restart", failure);
            }
            queue.add(mine);
            while (!mine.done) {
                if (writing) {
                    // Not interruptible: the line is queued and will be written; returning early would lie.
                    written.awaitUninterruptibly();
                } else {
                    writeQueued();
                }
            }
            if (mine.error != null) {
                throw new IOException(file + ": the audit record could not be made durable", mine.error);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Called holding the lock with no writer at work: writes everything queued, without holding the lock. */
    private void writeQueued() {
        writing = true;
        List<Pending> batch = new ArrayList<>(queue);
        queue.clear();
        IOException error = null;
        boolean finished = false;
        lock.unlock();
        try {
            write(batch);
            finished = true;
        } catch (IOException e) {
            error = e;
        } finally {
            lock.lock();
            writing = false;
            for (Pending p : batch) {
                p.done = true;
                p.error = finished ? null : error != null ? error : new IOException("the write did not finish");
            }
            written.signalAll();
        }
    }

    private void write(List<Pending> batch) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(batch.size() * 400);
        String next = prev;
        for (Pending p : batch) {
            byte[] line = AuditLines.line(p.body, next);
            bytes.write(line, 0, line.length);
            bytes.write('\n');
            next = AuditLines.sha256Hex(line);
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes.toByteArray());
        try {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(false);
        } catch (IOException e) {
            rollBack(e);
            throw e;
        }
        prev = next;
        size += buffer.capacity();
        durable = size;
    }

    /** Removes a batch that failed half-way, so that the chain stays whole; if even that fails, stops the log. */
    private void rollBack(IOException cause) {
        try {
            channel.truncate(size);
            channel.force(false);
        } catch (IOException e) {
            cause.addSuppressed(e);
            failure = cause;
        }
    }

    /** The records appended at or after {@code since} (UTC), in log order. */
    public List<AuditRecord> read(Instant since) throws IOException {
        List<AuditRecord> records = new ArrayList<>();
        LogReader.read(file, durable, since, records::add);
        return records;
    }

    /** Checks the whole chain as written so far. */
    public ChainCheck verify() throws IOException {
        return LogReader.verify(file, durable);
    }

    /**
     * Gives {@code sink} each record of a log file timed at or after {@code since}, in log order, without opening
     * it for appending (so a running server may keep writing); a last line still being written is left out.
     *
     * @throws CorruptAuditLogException at the first line that is not a valid record
     */
    public static void read(Path file, Instant since, Consumer<? super AuditRecord> sink) throws IOException {
        LogReader.read(file, Files.size(file), since, sink);
    }

    /** Checks the chain of a log file without opening it for appending; a last line still being written is left out. */
    public static ChainCheck verify(Path file) throws IOException {
        return LogReader.verify(file, Files.size(file));
    }

    /** Waits for the appends already queued, then closes the file (releasing its lock). */
    @Override
    public void close() throws IOException {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            while (writing || !queue.isEmpty()) {
                written.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
        channel.close();
    }

    private static void lock(FileChannel channel, Path file) throws IOException {
        FileLock fileLock;
        try {
            fileLock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            throw new IOException(file + " is already open for appending in this process");
        }
        if (fileLock == null) {
            throw new IOException(file + " is already open for appending by another process (a running server?)");
        }
    }

    private static FileAttribute<?>[] ownerOnly(Path directory) {
        if (directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[]{PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------"))};
        }
        return new FileAttribute<?>[0];
    }
}
