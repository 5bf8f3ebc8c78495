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

    /** Rows read per file read: whole rows, about 4 MiB. */
    private static final int CHUNK_BYTES = 4 << 20;

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
        int p = columns();
        FoldMatrix.Block block = FoldMatrix.Block.allocate(rows.length, p);
        try {
            int[] next = {0};
            scan((chunk, firstRow, count) -> {
                while (next[0] < rows.length && rows[next[0]] < firstRow + count) {
                    int row = rows[next[0]];
                    if (row < firstRow || (next[0] > 0 && row <= rows[next[0] - 1])) {
                        throw new IllegalArgumentException("rows must be in increasing order, each once: row "
                                + row + " at position " + next[0]);
                    }
                    block.setRow(next[0], chunk, (row - firstRow) * p, outcomes[row], transform);
                    next[0]++;
                }
            });
            if (next[0] < rows.length) {
                throw new IllegalArgumentException("row " + rows[next[0]] + " is not among the " + outcomes.length
                        + " rows");
            }
        } catch (RuntimeException | Error e) {
            block.close();
            throw e;
        }
        return block;
    }

    /** Every row back in memory, as it was parked. */
    TrainingSet read() {
        int p = columns();
        float[] values = new float[Math.multiplyExact(outcomes.length, p)];
        scan((chunk, firstRow, count) -> System.arraycopy(chunk, 0, values, firstRow * p, count * p));
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

    /** Reads the file front to back in chunks of whole rows. */
    private void scan(ChunkReader reader) {
        int p = columns();
        int rowsPerChunk = Math.max(1, CHUNK_BYTES / (p * Float.BYTES));
        ByteBuffer bytes = ByteBuffer.allocateDirect(rowsPerChunk * p * Float.BYTES).order(ByteOrder.nativeOrder());
        float[] chunk = new float[rowsPerChunk * p];
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            for (int firstRow = 0; firstRow < outcomes.length; firstRow += rowsPerChunk) {
                int count = Math.min(rowsPerChunk, outcomes.length - firstRow);
                bytes.clear().limit(count * p * Float.BYTES);
                while (bytes.hasRemaining()) {
                    if (channel.read(bytes) < 0) {
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
