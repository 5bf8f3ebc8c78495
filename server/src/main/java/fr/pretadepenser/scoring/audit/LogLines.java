package fr.pretadepenser.scoring.audit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reading the log as lines of bytes: forwards for {@code read} and {@code verify}, backwards from the end to find
 * the last line when the log is opened. Only complete lines count: a last line without its newline is a write
 * that a crash interrupted, and its append never returned.
 */
final class LogLines {

    private static final int CHUNK = 8192;

    /** What the end of the log holds. */
    record Tail(long size, long complete, byte[] lastLine) {

        /** Whether the log ends with bytes after its last newline. */
        boolean partial() {
            return complete < size;
        }
    }

    /** Receives each complete line, numbered from 1, without its newline. */
    interface Visitor {
        void line(long number, byte[] line) throws IOException;
    }

    private LogLines() {
    }

    /** Visits the complete lines among the first {@code limit} bytes of {@code file}; returns how many there were. */
    static long scan(Path file, long limit, Visitor visitor) throws IOException {
        long number = 0;
        long remaining = limit;
        byte[] buffer = new byte[1 << 16];
        ByteArrayOutputStream line = new ByteArrayOutputStream(512);
        try (InputStream in = Files.newInputStream(file)) {
            int read;
            while (remaining > 0 && (read = in.read(buffer, 0, (int) Math.min(buffer.length, remaining))) > 0) {
                remaining -= read;
                int from = 0;
                for (int i = 0; i < read; i++) {
                    if (buffer[i] == '\n') {
                        line.write(buffer, from, i - from);
                        visitor.line(++number, line.toByteArray());
                        line.reset();
                        from = i + 1;
                    }
                }
                line.write(buffer, from, read - from);
            }
        }
        return number;
    }

    /** The end of the log read through {@code channel}: its size, where its complete lines end, the last one. */
    static Tail tail(FileChannel channel) throws IOException {
        long size = channel.size();
        long newline = lastNewlineBefore(channel, size);
        long complete = newline + 1;
        if (complete == 0) {
            return new Tail(size, 0, null);
        }
        long start = lastNewlineBefore(channel, newline) + 1;
        ByteBuffer last = ByteBuffer.allocate(Math.toIntExact(newline - start));
        while (last.hasRemaining()) {
            channel.read(last, start + last.position());
        }
        return new Tail(size, complete, last.array());
    }

    /** The position of the last newline before {@code end}, or -1. */
    private static long lastNewlineBefore(FileChannel channel, long end) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
        long chunkEnd = end;
        while (chunkEnd > 0) {
            long chunkStart = Math.max(0, chunkEnd - CHUNK);
            buffer.clear().limit((int) (chunkEnd - chunkStart));
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, chunkStart + buffer.position()) < 0) {
                    throw new IOException("the file shrank while being read");
                }
            }
            byte[] bytes = Arrays.copyOf(buffer.array(), buffer.limit());
            for (int i = bytes.length - 1; i >= 0; i--) {
                if (bytes[i] == '\n') {
                    return chunkStart + i;
                }
            }
            chunkEnd = chunkStart;
        }
        return -1;
    }
}
