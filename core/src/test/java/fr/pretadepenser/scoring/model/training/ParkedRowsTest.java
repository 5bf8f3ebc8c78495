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

    /** Rows of 1,100 features: a file of 4.4 MB, read back in two chunks of whole rows. */
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
        // Every other row but a run across the chunks' border (row 953), and a transform that is not the identity.
        int[] rows = IntStream.range(0, ROWS).filter(i -> i % 2 == 0 || (i > 940 && i < 970)).toArray();
        FoldMatrix.ValueTransform transform = (column, value) -> value * 2 - column;
        try (ParkedRows parked = ParkedRows.park(data);
             FoldMatrix.Block fromFile = parked.copy(rows, transform);
             FoldMatrix.Block fromHeap = FoldMatrix.Block.copy(data, rows, transform)) {
            for (int i = 0; i < rows.length; i++) {
                assertEquals(fromHeap.label(i), fromFile.label(i), "outcome of row " + rows[i]);
                for (int c = 0; c < COLUMNS; c++) {
                    assertEquals(Float.floatToRawIntBits(fromHeap.get(i, c)),
                            Float.floatToRawIntBits(fromFile.get(i, c)), "row " + rows[i] + ", column " + c);
                }
            }
        }
    }

    @Test
    void everyRowComesBackAsItWasParkedAndTheFileGoesOnClose() throws Exception {
        TrainingSet data = data();
        ParkedRows parked = ParkedRows.park(data);
        assertEquals(4L * ROWS * COLUMNS, Files.size(parked.file()));
        TrainingSet back = parked.read();
        assertArrayEquals(data.values(), back.values());
        assertArrayEquals(data.outcomes(), back.outcomes());
        assertArrayEquals(data.clients(), back.clients());
        assertEquals(data.featureNames(), back.featureNames());
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
            UncheckedIOException gone = assertThrows(UncheckedIOException.class, parked::read);
            assertTrue(gone.getMessage().startsWith("the training rows parked in " + parked.file()
                    + " could not be read back"), gone.getMessage());
        }
    }
}
