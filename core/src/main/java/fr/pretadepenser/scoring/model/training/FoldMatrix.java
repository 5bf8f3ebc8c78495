package fr.pretadepenser.scoring.model.training;

import ml.dmlc.xgboost4j.LabeledPoint;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoostError;

import java.util.Arrays;
import java.util.Iterator;

/**
 * Some rows of a training set as an XGBoost matrix, streamed to XGBoost row by row (its iterator input copies a
 * batch of rows at a time) with their outcomes: no dense copy of the rows in Java, no second XGBoost matrix to slice
 * from. A missing value (NaN) is left out, as XGBoost does with a dense matrix whose missing value is NaN, so that
 * the matrix holds the same entries, in the same order, as a slice of the whole set would: the same cuts, the same
 * trees.
 */
final class FoldMatrix {

    private FoldMatrix() {
    }

    /** How a present value enters the matrix: as it is for trees, standardised for the linear baseline. */
    @FunctionalInterface
    interface ValueTransform {
        float apply(int column, float value);
    }

    /** The rows {@code rows} (indices into {@code data}, in this order) as a labelled matrix. */
    static DMatrix of(TrainingSet data, int[] rows) throws XGBoostError {
        return of(data, rows, (column, value) -> value);
    }

    /** The rows {@code rows} as a labelled matrix, each present value passed through {@code transform}. */
    static DMatrix of(TrainingSet data, int[] rows, ValueTransform transform) throws XGBoostError {
        int p = data.columns();
        float[] values = data.values();
        int[] outcomes = data.outcomes();
        int[] present = new int[p];
        float[] kept = new float[p];
        Iterator<LabeledPoint> points = new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < rows.length;
            }

            @Override
            public LabeledPoint next() {
                int row = rows[next++];
                int base = row * p;
                int n = 0;
                for (int c = 0; c < p; c++) {
                    float v = values[base + c];
                    if (!Float.isNaN(v)) {
                        present[n] = c;
                        kept[n++] = transform.apply(c, v);
                    }
                }
                return new LabeledPoint(outcomes[row], p, Arrays.copyOf(present, n), Arrays.copyOf(kept, n));
            }
        };
        return new DMatrix(points, null, Float.NaN);
    }
}
