package fr.pretadepenser.scoring.model.training;

import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoostError;
import ml.dmlc.xgboost4j.java.util.BigDenseMatrix;

import java.util.stream.IntStream;

/**
 * Some rows of a training set as an XGBoost matrix, with their outcomes. The rows are copied into XGBoost4J's
 * off-heap {@link BigDenseMatrix}, freed as soon as XGBoost has built its compressed rows from that one dense block.
 * Streaming rows through XGBoost's row iterator instead, which grows its rows batch by batch, cost more time and
 * memory: measured at Kaggle size (20 rounds, 2 GiB heap), a fold's peak fell from 6.1 to 5.5 GB, the final model's
 * from 6.7 to 6.1 GB, and the cross-validation took 72.8 s instead of 85.2 s. A missing value (NaN) is left out, as
 * with any dense matrix whose missing value is NaN, so the matrix holds the same entries, in the same order, as a
 * slice of the whole set would: the same cuts, the same trees.
 */
public final class FoldMatrix {

    private FoldMatrix() {
    }

    /** How a present value enters the matrix: as it is for trees, standardised for the linear selection's fits. */
    @FunctionalInterface
    public interface ValueTransform {

        /** Every value as it is: the trees' matrices. */
        ValueTransform AS_IS = (column, value) -> value;

        float apply(int column, float value);
    }

    /** The rows {@code rows} (indices into {@code data}, in this order) as a labelled matrix. */
    public static DMatrix of(TrainingSet data, int[] rows) throws XGBoostError {
        return of(data, rows, ValueTransform.AS_IS);
    }

    /** The rows {@code rows} as a labelled matrix, each present value passed through {@code transform}. */
    public static DMatrix of(TrainingSet data, int[] rows, ValueTransform transform) throws XGBoostError {
        try (Block block = Block.copy(data, rows, transform)) {
            return block.matrix();
        }
    }

    /**
     * Rows copied off the heap into one dense block, with their outcomes, before XGBoost builds its matrix of them:
     * the moment a caller that no longer needs the heap's rows can let them go, so that the heap's rows, the block
     * and XGBoost's compressed rows are never all held at once.
     */
    public static final class Block implements AutoCloseable {

        /** Fewest rows a part of a fill is given: a small block (a test's, a small set's held-out fold) takes one. */
        static final int MIN_PART_ROWS = 4096;

        private final BigDenseMatrix dense;
        private final float[] labels;

        private Block(BigDenseMatrix dense, float[] labels) {
            this.dense = dense;
            this.labels = labels;
        }

        /** An empty block of {@code rows} rows of {@code columns} values, to be filled by {@link #setRow}. */
        static Block allocate(int rows, int columns) {
            return new Block(new BigDenseMatrix(rows, columns), new float[rows]);
        }

        /** The rows {@code rows} of {@code data}, in this order, each present value passed through transform. */
        public static Block copy(TrainingSet data, int[] rows, ValueTransform transform) {
            return copy(data, rows, transform, parts(rows.length));
        }

        /** As {@link #copy(TrainingSet, int[], ValueTransform)}, filled in {@code parts} parts side by side. */
        static Block copy(TrainingSet data, int[] rows, ValueTransform transform, int parts) {
            int p = data.columns();
            float[] values = data.values();
            int[] outcomes = data.outcomes();
            Block block = allocate(rows.length, p);
            try {
                inParts(rows.length, parts, (from, to) -> {
                    for (int i = from; i < to; i++) {
                        block.setRow(i, values, rows[i] * p, outcomes[rows[i]], transform);
                    }
                });
            } catch (RuntimeException | Error e) {
                block.close();
                throw e;
            }
            return block;
        }

        /**
         * How many parts a block of {@code rows} rows is filled in: one per core, each of at least
         * {@link #MIN_PART_ROWS} rows. Most of a fill is the first touch of the block's fresh pages, which the cores
         * take side by side: measured at Kaggle size (246,000 rows of 837 features, 2 cores), a fold's block,
         * standardised (as the logistic baseline's then were), filled in 0.80-0.95 s by two threads against
         * 1.51-1.54 s by one.
         */
        static int parts(int rows) {
            return Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), rows / MIN_PART_ROWS));
        }

        /**
         * Runs {@code range} on {@code parts} consecutive ranges of the positions 0 to {@code n - 1}, side by side
         * (the common fork-join pool and the caller). Each position belongs to one range, so each cell is written by
         * one thread: the block is the same whatever the parts.
         */
        static void inParts(int n, int parts, PositionRange range) {
            IntStream.range(0, parts).parallel().forEach(k -> range.run((int) ((long) n * k / parts),
                    (int) ((long) n * (k + 1) / parts)));
        }

        /** Work on the positions {@code from} (included) to {@code to} (excluded) of a block's rows. */
        @FunctionalInterface
        interface PositionRange {

            void run(int from, int to);
        }

        /**
         * Row {@code row} of the block: the block's width of values from {@code values[from]} on, each present one
         * passed through {@code transform} (a missing value stays NaN), and its outcome.
         */
        void setRow(int row, float[] values, int from, int outcome, ValueTransform transform) {
            long cell = (long) row * dense.ncol;
            for (int c = 0; c < dense.ncol; c++) {
                float v = values[from + c];
                dense.set(cell++, Float.isNaN(v) ? Float.NaN : transform.apply(c, v));
            }
            labels[row] = outcome;
        }

        /** One cell (for tests). */
        float get(int row, int column) {
            return dense.get(row, column);
        }

        /** One row's outcome (for tests). */
        float label(int row) {
            return labels[row];
        }

        /** XGBoost's labelled matrix of the block (a copy: the block can be closed after). */
        public DMatrix matrix() throws XGBoostError {
            DMatrix matrix = new DMatrix(dense, Float.NaN);
            matrix.setLabel(labels);
            return matrix;
        }

        /** Frees the block. */
        @Override
        public void close() {
            dense.dispose();
        }
    }
}
