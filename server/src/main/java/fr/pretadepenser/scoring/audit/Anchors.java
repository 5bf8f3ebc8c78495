package fr.pretadepenser.scoring.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The audit log's anchors, in a file apart from the log ({@code decisions.jsonl.anchors}): after each group
 * commit, one line with the log's record count, the SHA-256 of its last line (the chain head), a kind ({@code C}
 * at a commit, {@code R} at a restart that found records not yet anchored) and an HMAC-SHA256 over those and the
 * previous line's signature. A hash chain alone cannot show that its last records were cut off or rewritten;
 * against the anchors, any record removed, edited or moved up to the last commit shows, and anchors cannot be
 * forged, dropped or reordered without the key.
 *
 * <p>Lines are appended without a disk flush of their own: the log's records are flushed before their anchor is
 * written, so after a crash the anchors may lag the log (a restart anchors the rest, as kind R), never lead it.
 */
final class Anchors implements AutoCloseable {

    /** Appended to the log's file name. */
    static final String SUFFIX = ".anchors";

    private static final Pattern LINE = Pattern.compile("(\\d+) ([0-9a-f]{64}) ([CR]) ([0-9a-f]{64})");

    /**
     * One anchor.
     *
     * @param line      its line in the anchors file, from 1
     * @param count     records in the log when it was written
     * @param head      SHA-256 of the log's line {@code count}
     * @param kind      'C' written at a commit, 'R' at a restart
     * @param signature HMAC-SHA256 of the count, head, kind and the previous line's signature
     */
    record Anchor(long line, long count, String head, char kind, String signature) {
    }

    private final FileChannel channel;
    private final AnchorKey key;
    private String previous;

    private Anchors(FileChannel channel, AnchorKey key, String previous) {
        this.channel = channel;
        this.key = key;
        this.previous = previous;
    }

    /** The anchors file of a log. */
    static Path fileOf(Path log) {
        return log.resolveSibling(log.getFileName() + SUFFIX);
    }

    /**
     * The anchors of {@code log}, their signatures checked (none when the file does not exist); a last line cut
     * short by a crash is left out.
     *
     * @throws CorruptAuditLogException naming the anchors file's line that is malformed, not signed with this
     *                                  key, or counts fewer records than the one before
     */
    static List<Anchor> read(Path log, AnchorKey key) throws IOException {
        Path file = fileOf(log);
        List<Anchor> anchors = new ArrayList<>();
        if (!Files.exists(file)) {
            return anchors;
        }
        String previous = "";
        long before = 0;
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        String[] lines = text.split("\n", -1);
        // The last element is what follows the last newline: empty, or a line cut short by a crash.
        for (int i = 0; i < lines.length - 1; i++) {
            Matcher m = LINE.matcher(lines[i]);
            if (!m.matches()) {
                throw new CorruptAuditLogException(file, i + 1, "expected 'COUNT HEAD KIND SIGNATURE' (a record"
                        + " count, two SHA-256 in hex and C or R)");
            }
            long count = Long.parseLong(m.group(1));
            char kind = m.group(3).charAt(0);
            if (!key.sign(signed(count, m.group(2), kind, previous)).equals(m.group(4))) {
                throw new CorruptAuditLogException(file, i + 1, "its signature does not match: anchors edited,"
                        + " removed or reordered, or signed with another key than the security folder's");
            }
            if (count < before) {
                throw new CorruptAuditLogException(file, i + 1, "counts " + count + " records, fewer than the "
                        + before + " of the line before");
            }
            anchors.add(new Anchor(i + 1, count, m.group(2), kind, m.group(4)));
            previous = m.group(4);
            before = count;
        }
        return anchors;
    }

    /**
     * Opens the anchors file of {@code log} for appending after {@code anchors} (as {@link #read} returned them),
     * cutting off a last line left incomplete by a crash.
     */
    static Anchors open(Path log, AnchorKey key, List<Anchor> anchors) throws IOException {
        Path file = fileOf(log);
        FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.READ), RecoveredLog.ownerOnly(file.toAbsolutePath().getParent()));
        try {
            // Found from the end, as for the log: the anchors are not read into memory a second time.
            long complete = LogLines.tail(channel).complete();
            channel.truncate(complete);
            channel.position(complete);
            return new Anchors(channel, key, anchors.isEmpty() ? "" : anchors.get(anchors.size() - 1).signature());
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Appends an anchor: {@code count} records, the last one hashing to {@code head}. */
    void append(long count, String head, char kind) throws IOException {
        String signature = key.sign(signed(count, head, kind, previous));
        ByteBuffer line = ByteBuffer.wrap(String.format(Locale.ROOT, "%d %s %c %s\n", count, head, kind, signature)
                .getBytes(StandardCharsets.US_ASCII));
        while (line.hasRemaining()) {
            channel.write(line);
        }
        previous = signature;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private static String signed(long count, String head, char kind, String previous) {
        return count + " " + head + " " + kind + " " + previous;
    }
}
