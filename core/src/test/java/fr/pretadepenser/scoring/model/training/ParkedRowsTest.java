package fr.pretadepenser.scoring.model.training;

import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParkedRowsTest {

    /** Rows of 1,100 features: a file of 4.4 MB, read back in chunks of 59 whole rows. */
    private static final int ROWS = 1000;
    private static final int COLUMNS = 1100;

    /** Values of every sign and size, a third missing, and a signed zero. */
    private static TrainingSet data() {
        Random random = new Random(11);
        List<String> names = new ArrayList<>();
        for (int c = 0; c < COLUMNS; c++) {
            names.add("F" + c);
        }
        float[] values = new float[ROWS * COLUMNS];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextInt(3) == 0 ? Float.NaN : (float) (random.nextGaussian() * Math.pow(10,
                    random.nextInt(9) - 4));
        }
        values[5] = -0.0f;
        int[] outcomes = IntStream.range(0, ROWS).map(i -> random.nextInt(10) == 0 ? 1 : 0).toArray();
        long[] clients = IntStream.range(0, ROWS).mapToLong(i -> 100_000L + 3 * i).toArray();
        return new TrainingSet(names, values, outcomes, clients);
    }

    @Test
    void rowsReadBackFromTheFileFillTheBlockTheHeapsRowsDo() throws Exception {
        TrainingSet data = data();
        // Every other row but a run across a chunks' border (row 944), and a transform that is not the identity.
        int[] rows = IntStream.range(0, ROWS).filter(i -> i % 2 == 0 || (i > 940 && i < 970)).toArray();
        FoldMatrix.ValueTransform transform = (column, value) -> value * 2 - column;
        try (ParkedRows parked = ParkedRows.park(data);
             FoldMatrix.Block fromHeap = FoldMatrix.Block.copy(data, rows, transform, 1)) {
            // In one part, and in three, whose borders (rows 342 and 686) fall inside a chunk.
            for (int parts = 1; parts <= 3; parts += 2) {
                try (FoldMatrix.Block fromFile = parked.copy(rows, transform, parts)) {
                    assertSameBlock(rows, fromHeap, fromFile, parts + " parts");
                }
            }
        }
    }

    @Test
    void aBlockFilledInPartsIsTheBlockFilledInOne() {
        TrainingSet data = data();
        int[] rows = IntStream.range(0, ROWS).filter(i -> i % 3 != 1).toArray();
        FoldMatrix.ValueTransform transform = (column, value) -> value / 3 + column;
        try (FoldMatrix.Block one = FoldMatrix.Block.copy(data, rows, transform, 1)) {
            for (int parts : new int[]{2, 5, rows.length + 1}) {
                try (FoldMatrix.Block inParts = FoldMatrix.Block.copy(data, rows, transform, parts)) {
                    assertSameBlock(rows, one, inParts, parts + " parts");
                }
            }
        }
    }

    private static void assertSameBlock(int[] rows, FoldMatrix.Block expected, FoldMatrix.Block actual, String how) {
        for (int i = 0; i < rows.length; i++) {
            assertEquals(expected.label(i), actual.label(i), how + ": outcome of row " + rows[i]);
            for (int c = 0; c < COLUMNS; c++) {
                assertEquals(Float.floatToRawIntBits(expected.get(i, c)), Float.floatToRawIntBits(actual.get(i, c)),
                        how + ": row " + rows[i] + ", column " + c);
            }
        }
    }

    @Test
    void everyRowComesBackAsItWasParkedAndTheFileGoesOnClose() throws Exception {
        TrainingSet data = data();
        ParkedRows parked = ParkedRows.park(data);
        assertEquals(4L * ROWS * COLUMNS, Files.size(parked.file()));
        for (int parts = 1; parts <= 4; parts += 3) {
            TrainingSet back = parked.read(parts);
            assertArrayEquals(data.values(), back.values(), parts + " parts");
            assertArrayEquals(data.outcomes(), back.outcomes());
            assertArrayEquals(data.clients(), back.clients());
            assertEquals(data.featureNames(), back.featureNames());
        }
        parked.close();
        assertFalse(Files.exists(parked.file()));
    }

    @Test
    void rowsOutOfOrderOrMissingAreRefused() throws Exception {
        try (ParkedRows parked = ParkedRows.park(data())) {
            IllegalArgumentException backwards = assertThrows(IllegalArgumentException.class,
                    () -> parked.copy(new int[]{4, 2}, FoldMatrix.ValueTransform.AS_IS));
            assertEquals("rows must be in increasing order, each once: row 2 at position 1", backwards.getMessage());
            assertThrows(IllegalArgumentException.class,
                    () -> parked.copy(new int[]{7, 7}, FoldMatrix.ValueTransform.AS_IS), "a row twice");
            IllegalArgumentException beyond = assertThrows(IllegalArgumentException.class,
                    () -> parked.copy(new int[]{3, ROWS}, FoldMatrix.ValueTransform.AS_IS));
            assertEquals("row 1000 is not among the 1000 rows", beyond.getMessage());
        }
    }

    @Test
    void aFileThatVanishedIsNamedInTheError() throws Exception {
        try (ParkedRows parked = ParkedRows.park(data())) {
            Files.delete(parked.file());
            int[] rows = IntStream.range(0, ROWS).toArray();
            // In three parts too: a part's failure on another thread reaches the caller as it is.
            for (int parts = 1; parts <= 3; parts += 2) {
                int p = parts;
                for (UncheckedIOException gone : List.of(
                        assertThrows(UncheckedIOException.class, () -> parked.read(p)),
                        assertThrows(UncheckedIOException.class, () -> parked.copy(rows,
                                FoldMatrix.ValueTransform.AS_IS, p)))) {
                    assertTrue(gone.getMessage().startsWith("the training rows parked in " + parked.file()
                            + " could not be read back"), parts + " parts: " + gone.getMessage());
                }
            }
        }
    }
}
