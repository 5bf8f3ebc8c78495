package fr.pretadepenser.scoring.audit;

import org.apache.commons.codec.digest.DigestUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The append-only decision log (by default {@code work/audit/decisions.jsonl}): one JSON line per
 * {@link AuditRecord}, each carrying {@code prev}, the SHA-256 of the line before, so that {@link #verify()} finds
 * any line changed, removed or inserted since. {@link #append} returns only once the line is on disk, so the API
 * can write the record before it answers.
 *
 * <p>Appends use group commit: each thread queues its line and waits; one writer thread takes every queued line,
 * writes them at once, forces them to disk once, and wakes their threads. Under load, one disk sync then serves
 * many requests. The writer is a thread of its own, not whichever caller comes first, because a {@link FileChannel}
 * closes for good when a thread using it is interrupted, and request threads do get interrupted. An open log holds
 * an exclusive file lock: one process appends at a time. Thread-safe.
 *
 * <p>After each commit the record count and chain head are signed into the log's {@link Anchors} file, with the
 * {@link AnchorKey} of the security folder, before the appends return: {@link #verify} then also finds records
 * cut off or rewritten at the end of the log, which a hash chain alone cannot show.
 */
public final class AuditLog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);

    private final Path file;
    private final RecoveredLog opened; // the log's channel and its lock file, closed together
    private final FileChannel channel;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition queued = lock.newCondition();
    private final Condition written = lock.newCondition();
    private final ArrayDeque<Pending> queue = new ArrayDeque<>(); // guarded by lock
    private boolean closed; // guarded by lock
    private volatile IOException failure;
    private final Thread writer = new Thread(this::writeLoop, "audit-log-writer");
    private final AnchorKey key;
    // Only the writer thread touches these four (and open/close, before and after it runs).
    private final Anchors anchors;
    private String prev;
    private long size;
    private long records;
    // Where the lines known to be on disk end: readers stop there, short of a batch being written.
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

    private AuditLog(Path file, RecoveredLog opened, AnchorKey key, Anchors anchors) {
        this.file = file;
        this.opened = opened;
        this.channel = opened.channel();
        this.key = key;
        this.anchors = anchors;
        this.prev = opened.head();
        this.size = opened.size();
        this.records = opened.records();
        this.durable = size;
    }

    /**
     * Opens (or creates, owner-only) the log for appending, continuing its chain from its last line. A last line
     * cut short by a crash is removed, with a warning: its append never returned, so nobody was told it was kept.
     * The whole log is checked against its chain and anchors first; records after the last anchor (a crash between
     * a commit and its anchor, or a log of an older version) are anchored now, with a warning.
     *
     * @param key the security folder's anchor key
     * @throws CorruptAuditLogException if a line breaks the chain, or records were removed or rewritten since
     *                                  they were anchored (the log is left as found; run 'scoring audit --verify')
     * @throws IOException              if the log is already open for appending in this process
     * @throws IllegalStateException    if another process has it open for appending (another server)
     */
    public static AuditLog open(Path file, AnchorKey key) throws IOException {
        List<Anchors.Anchor> signed = Anchors.read(file, key);
        RecoveredLog recovered = RecoveredLog.open(file, signed);
        Anchors anchors = null;
        try {
            anchors = Anchors.open(file, key, signed);
            if (recovered.anchored() < recovered.records()) {
                LOG.warn("{}: anchoring records {} to {}, written without an anchor (a crash after their commit, or"
                        + " a log of an older version)", file, recovered.anchored() + 1, recovered.records());
                anchors.append(recovered.records(), recovered.head(), 'R');
            }
        } catch (IOException | RuntimeException e) {
            recovered.close();
            if (anchors != null) {
                anchors.close();
            }
            throw e;
        }
        AuditLog log = new AuditLog(file, recovered, key, anchors);
        // A daemon: if the JVM stops without close(), the appends still waiting never returned, so none is lost.
        log.writer.setDaemon(true);
        log.writer.start();
        return log;
    }

    /** The file of a log's signed anchors, beside it. */
    public static Path anchorsOf(Path log) {
        return Anchors.fileOf(log);
    }

    /** The log file. */
    public Path file() {
        return file;
    }

    /**
     * Appends a record and returns once it is on disk (after {@code fdatasync}, which includes the new file size).
     * Waits through interrupts (keeping the thread's interrupt status): the line is queued and will be written, and
     * returning early would say otherwise.
     *
     * @throws IOException if it could not be written or forced; it is then not in the log
     */
    public void append(AuditRecord record) throws IOException {
        appendAll(List.of(record));
    }

    /**
     * Appends records together (one batch scored at once: one write and one disk flush for all) and returns once
     * they are all on disk, as {@link #append} does for one.
     *
     * @throws IOException if they could not be written or forced; none of them is then in the log
     */
    public void appendAll(List<AuditRecord> records) throws IOException {
        List<Pending> mine = new ArrayList<>(records.size());
        for (AuditRecord record : records) {
            mine.add(new Pending(AuditLines.body(Objects.requireNonNull(record, "record"))));
        }
        lock.lock();
        try {
            if (closed) {
                throw new IOException(file + ": the audit log is closed");
            }
            if (failure != null) {
                throw new IOException(file + ": the audit log stopped after a failed write; restart", failure);
            }
            // Queued in one go, so the writer takes them in one batch.
            queue.addAll(mine);
            queued.signal();
            while (!mine.isEmpty() && !mine.get(mine.size() - 1).done) {
                written.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
        for (Pending p : mine) {
            if (p.error != null) {
                throw new IOException(file + ": the audit records could not be made durable", p.error);
            }
        }
    }

    /** The writer thread: takes everything queued, writes it, wakes its callers; ends once closed and drained. */
    private void writeLoop() {
        while (true) {
            List<Pending> batch;
            lock.lock();
            try {
                while (queue.isEmpty() && !closed) {
                    queued.awaitUninterruptibly();
                }
                if (queue.isEmpty()) {
                    return;
                }
                batch = new ArrayList<>(queue);
                queue.clear();
            } finally {
                lock.unlock();
            }
            IOException error = null;
            try {
                write(batch);
            } catch (IOException e) {
                error = e;
            } catch (RuntimeException | Error e) {
                error = new IOException("the audit log writer failed", e);
                failure = error;
            }
            lock.lock();
            try {
                for (Pending p : batch) {
                    p.done = true;
                    p.error = error;
                }
                written.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    private void write(List<Pending> batch) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(batch.size() * 400);
        String next = prev;
        for (Pending p : batch) {
            byte[] line = AuditLines.line(p.body, next);
            bytes.write(line, 0, line.length);
            bytes.write('\n');
            next = DigestUtils.sha256Hex(line);
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
        try {
            // After the records are on disk, so that the anchors never lead the log.
            anchors.append(records + batch.size(), next, 'C');
        } catch (IOException e) {
            // Without their anchor the records would look added by someone else: take them out, stop the log.
            rollBack(e);
            failure = e;
            throw e;
        }
        prev = next;
        size += buffer.capacity();
        records += batch.size();
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

    /** Checks the whole chain as written so far, and the records against their anchors. */
    public ChainCheck verify() throws IOException {
        // The anchors first: every record they count is on disk by then.
        List<Anchors.Anchor> signed = Anchors.read(file, key);
        return LogReader.verify(file, durable, signed).withTail(Anchors.fileOf(file));
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

    /**
     * Checks the chain of a log file and its records against their anchors, without opening it for appending (a
     * server may keep writing: a last line still being written is left out).
     *
     * @param key the anchor key of the security folder of the server that wrote it
     * @throws CorruptAuditLogException if the anchors file itself is malformed or not signed with this key
     */
    public static ChainCheck verify(Path file, AnchorKey key) throws IOException {
        List<Anchors.Anchor> signed = Anchors.read(file, key);
        return LogReader.verify(file, Files.size(file), signed).withTail(Anchors.fileOf(file));
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
            queued.signal();
        } finally {
            lock.unlock();
        }
        boolean interrupted = false;
        while (writer.isAlive()) {
            try {
                writer.join();
            } catch (InterruptedException e) {
                interrupted = true; // finish closing first: a half-closed log would keep its file lock
            }
        }
        opened.close();
        anchors.close();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
