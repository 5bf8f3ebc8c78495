package fr.pretadepenser.scoring.model.training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * A training set's values parked in a temporary file while the folds' trees are fitted, so that the heap does not
 * hold every row (about 1 GiB at Kaggle size) beside XGBoost's matrices of a fold: each fold's rows are read back
 * from the file (from the page cache, which the system may drop and read again) into the block XGBoost copies.
 * The outcomes, clients and feature names, a few megabytes, stay in memory.
 */
final class ParkedRows implements AutoCloseable {

    /**
     * Rows read per file read: whole rows, about 256 KiB. Each part of a read holds its chunk twice (as bytes off the
     * heap, as floats on it) until the next collection: small chunks keep that small when parts read side by side.
     */
    private static final int CHUNK_BYTES = 256 << 10;

    private final Path file;
    private final List<String> featureNames;
    private final int[] outcomes;
    private final long[] clients;

    private ParkedRows(Path file, List<String> featureNames, int[] outcomes, long[] clients) {
        this.file = file;
        this.featureNames = featureNames;
        this.outcomes = outcomes;
        this.clients = clients;
    }

    /**
     * Writes the values of {@code data} to a new file in the JVM's temporary directory ({@code java.io.tmpdir}),
     * deleted on {@link #close()} or, failing that, when the JVM exits. Nothing is left behind when writing fails.
     */
    static ParkedRows park(TrainingSet data) throws IOException {
        Path file = Files.createTempFile("scoring-training-rows-", ".f32");
        file.toFile().deleteOnExit();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            float[] values = data.values();
            ByteBuffer bytes = ByteBuffer.allocateDirect(CHUNK_BYTES).order(ByteOrder.nativeOrder());
            FloatBuffer floats = bytes.asFloatBuffer();
            for (int from = 0; from < values.length; from += floats.capacity()) {
                int n = Math.min(floats.capacity(), values.length - from);
                floats.clear();
                floats.put(values, from, n);
                bytes.clear().limit(n * Float.BYTES);
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return new ParkedRows(file, data.featureNames(), data.outcomes(), data.clients());
    }

    /** The file (for tests). */
    Path file() {
        return file;
    }

    /** Number of features. */
    int columns() {
        return featureNames.size();
    }

    /**
     * The rows {@code rows} (indices in increasing order, each row once) copied into a block, each present value
     * passed through {@code transform}: the block {@link FoldMatrix.Block#copy} makes of the same rows in memory.
     */
    FoldMatrix.Block copy(int[] rows, FoldMatrix.ValueTransform transform) {
        return copy(rows, transform, FoldMatrix.Block.parts(rows.length));
    }

    /**
     * As {@link #copy(int[], FoldMatrix.ValueTransform)}, in {@code parts} parts side by side, each reading the stretch
     * of the file its rows lie in.
     */
    FoldMatrix.Block copy(int[] rows, FoldMatrix.ValueTransform transform, int parts) {
        for (int i = 0; i < rows.length; i++) {
            if (i > 0 && rows[i] <= rows[i - 1]) {
                throw new IllegalArgumentException("rows must be in increasing order, each once: row " + rows[i]
                        + " at position " + i);
            }
            if (rows[i] < 0 || rows[i] >= outcomes.length) {
                throw new IllegalArgumentException("row " + rows[i] + " is not among the " + outcomes.length
                        + " rows");
            }
        }
        int p = columns();
        FoldMatrix.Block block = FoldMatrix.Block.allocate(rows.length, p);
        try {
            FoldMatrix.Block.inParts(rows.length, parts, (from, to) -> {
                if (from == to) {
                    return;
                }
                int[] next = {from};
                scan(rows[from], rows[to - 1] + 1, (chunk, firstRow, count) -> {
                    for (; next[0] < to && rows[next[0]] < firstRow + count; next[0]++) {
                        int row = rows[next[0]];
                        block.setRow(next[0], chunk, (row - firstRow) * p, outcomes[row], transform);
                    }
                });
            });
        } catch (RuntimeException | Error e) {
            block.close();
            throw e;
        }
        return block;
    }

    /** Every row back in memory, as it was parked. */
    TrainingSet read() {
        return read(FoldMatrix.Block.parts(outcomes.length));
    }

    /** Every row back in memory, read in {@code parts} parts side by side, as a block is filled. */
    TrainingSet read(int parts) {
        int p = columns();
        float[] values = new float[Math.multiplyExact(outcomes.length, p)];
        FoldMatrix.Block.inParts(outcomes.length, parts, (from, to) ->
                scan(from, to, (chunk, firstRow, count) -> System.arraycopy(chunk, 0, values, firstRow * p,
                        count * p)));
        return new TrainingSet(featureNames, values, outcomes, clients);
    }

    /** Deletes the file. */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Deleted when the JVM exits instead.
        }
    }

    /** Receives the file's rows a chunk at a time, in order. */
    @FunctionalInterface
    private interface ChunkReader {

        /** {@code count} rows from {@code firstRow} on, row-major at the start of {@code chunk}. */
        void accept(float[] chunk, int firstRow, int count);
    }

    /** Reads the file's rows {@code from} (included) to {@code to} (excluded) in chunks of whole rows, in order. */
    private void scan(int from, int to, ChunkReader reader) {
        int p = columns();
        int rowsPerChunk = Math.max(1, CHUNK_BYTES / (p * Float.BYTES));
        ByteBuffer bytes = ByteBuffer.allocateDirect(rowsPerChunk * p * Float.BYTES).order(ByteOrder.nativeOrder());
        float[] chunk = new float[rowsPerChunk * p];
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            for (int firstRow = from; firstRow < to; firstRow += rowsPerChunk) {
                int count = Math.min(rowsPerChunk, to - firstRow);
                bytes.clear().limit(count * p * Float.BYTES);
                long position = (long) firstRow * p * Float.BYTES;
                while (bytes.hasRemaining()) {
                    int read = channel.read(bytes, position + bytes.position());
                    if (read < 0) {
                        throw new IOException("ends before row " + firstRow + " of " + outcomes.length);
                    }
                }
                bytes.flip();
                bytes.asFloatBuffer().get(chunk, 0, count * p);
                reader.accept(chunk, firstRow, count);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the training rows parked in " + file + " could not be read back: "
                    + e.getMessage(), e);
        }
    }
}
