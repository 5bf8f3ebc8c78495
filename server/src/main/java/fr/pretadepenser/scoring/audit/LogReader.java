package fr.pretadepenser.scoring.audit;

import org.apache.commons.codec.digest.DigestUtils;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/** Reads the log forwards: records since a time, or the whole chain checked line by line. Never writes. */
final class LogReader {

    private LogReader() {
    }

    /** Gives {@code sink} each record of the first {@code limit} bytes timed at or after {@code since}, in order. */
    static void read(Path file, long limit, Instant since, Consumer<? super AuditRecord> sink) throws IOException {
        LogLines.scan(file, limit, (number, line) -> {
            AuditRecord record = parse(file, number, line).record();
            // Lines are in append order, which follows time only roughly across threads: filter, don't stop.
            if (!record.time().isBefore(since)) {
                sink.accept(record);
            }
        });
    }

    static AuditLines.Parsed parse(Path file, long number, byte[] line) throws CorruptAuditLogException {
        try {
            return AuditLines.parse(line);
        } catch (IllegalArgumentException e) {
            throw new CorruptAuditLogException(file, number, "not a valid audit record: " + e.getMessage());
        }
    }

    /**
     * The chain and the anchors checked over the first {@code limit} bytes.
     *
     * @param chain    the outcome: the first line breaking the chain, else the first record not as anchored
     * @param anchored the records covered by the last anchor (those after it are not judged here)
     */
    record Checked(ChainCheck chain, long anchored) {

        /** The outcome with records after the last anchor counted as a break: nothing vouches for them. */
        ChainCheck withTail(Path anchorsFile) {
            if (!chain.intact() || anchored >= chain.lines()) {
                return chain;
            }
            String problem = anchored == 0
                    ? "no anchor in " + anchorsFile + ": nothing shows that records were not removed or rewritten"
                    + " (a log of an older version, or its anchors deleted); restarting the server anchors it"
                    : "records " + (anchored + 1) + " to " + chain.lines() + " are not anchored: appended after the"
                    + " last anchor, by someone other than the server, or as the check ran (check again)";
            return new ChainCheck(false, chain.lines(), anchored + 1, problem, "");
        }
    }

    /** Checks the chain over the first {@code limit} bytes, then the records against {@code anchors}. */
    static Checked verify(Path file, long limit, List<Anchors.Anchor> anchors) throws IOException {
        Set<Long> counts = new HashSet<>();
        anchors.forEach(a -> counts.add(a.count()));
        Chain chain = new Chain(counts);
        long lines = LogLines.scan(file, limit, chain::check);
        if (chain.firstBad != 0) {
            return new Checked(new ChainCheck(false, lines, chain.firstBad, chain.problem, ""), 0);
        }
        long before = 0;
        for (Anchors.Anchor a : anchors) {
            String where = "anchor line " + a.line() + " of " + Anchors.fileOf(file);
            if (a.count() > lines) {
                Anchors.Anchor last = anchors.get(anchors.size() - 1);
                return new Checked(new ChainCheck(false, lines, lines + 1, "records " + (lines + 1) + " to "
                        + last.count() + " were removed: the log has " + lines + " records, anchor line " + last.line()
                        + " of " + Anchors.fileOf(file) + " counts " + last.count(), ""), before);
            }
            if (a.count() > 0 && !a.head().equals(chain.hashes.get(a.count()))) {
                String records = before + 1 == a.count() ? "record " + a.count()
                        : "a record among " + (before + 1) + " to " + a.count();
                return new Checked(new ChainCheck(false, lines, before + 1, records + " is not the one anchored by "
                        + where + ": edited, replaced or moved, with the hash chain rewritten after it", ""), before);
            }
            before = a.count();
        }
        return new Checked(new ChainCheck(true, lines, 0, "", chain.expected), before);
    }

    /** The state of a chain check: the hash the next line must carry, the first break, the anchored hashes. */
    private static final class Chain {
        final Set<Long> anchored;
        final Map<Long, String> hashes = new HashMap<>();
        String expected = AuditLines.GENESIS;
        long firstBad;
        String problem = "";

        Chain(Set<Long> anchored) {
            this.anchored = anchored;
        }

        void check(long number, byte[] line) {
            if (firstBad != 0) {
                return;
            }
            String prev;
            try {
                prev = AuditLines.parse(line).prev();
            } catch (IllegalArgumentException e) {
                fail(number, "not a valid audit record: " + e.getMessage());
                return;
            }
            if (!prev.equals(expected)) {
                fail(number, number == 1 ? "prev is not the start of a chain (were the first lines removed?)"
                        : "prev does not match the SHA-256 of line " + (number - 1) + " (line " + (number - 1)
                        + " was changed, or a line was removed or inserted before this one)");
                return;
            }
            expected = DigestUtils.sha256Hex(line);
            if (anchored.contains(number)) {
                hashes.put(number, expected);
            }
        }

        private void fail(long number, String why) {
            firstBad = number;
            problem = why;
        }
    }
}
