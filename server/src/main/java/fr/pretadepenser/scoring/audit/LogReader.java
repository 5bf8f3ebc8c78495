package fr.pretadepenser.scoring.audit;

import org.apache.commons.codec.digest.DigestUtils;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
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

    /** Checks the chain over the first {@code limit} bytes. */
    static ChainCheck verify(Path file, long limit) throws IOException {
        Chain chain = new Chain();
        long lines = LogLines.scan(file, limit, chain::check);
        return chain.firstBad == 0 ? new ChainCheck(true, lines, 0, "", chain.expected)
                : new ChainCheck(false, lines, chain.firstBad, chain.problem, "");
    }

    /** The state of a chain check: the hash the next line must carry, and the first break found. */
    private static final class Chain {
        String expected = AuditLines.GENESIS;
        long firstBad;
        String problem = "";

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
        }

        private void fail(long number, String why) {
            firstBad = number;
            problem = why;
        }
    }
}
