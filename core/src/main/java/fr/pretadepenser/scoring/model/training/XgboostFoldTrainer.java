package fr.pretadepenser.scoring.model.training;

import fr.pretadepenser.scoring.progress.Progress;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Gradient-boosted trees with XGBoost4J on this machine. Each fold's training and validation matrices are
 * streamed from the rows of the training set when the fold is fitted, and freed after it (or, while the folds are
 * {@link #hold held} for several fits, kept within a budget), so that XGBoost never
 * holds every row beside a fold's copy of them (only the final model's matrix holds every row, alone). Rounds are
 * driven one by one (rather than by XGBoost's own early stopping) so that progress can show the fold, the round and
 * the best AUC so far; measured at 30,000 clients, that loop costs no more than {@code XGBoost.train} with the
 * same validation set. While the folds are fitted, the rows wait in a file ({@link ParkedRows}), not on the heap; they
 * come back when the recipe asks for them ({@link #sample}). The final model is the trainer's last use of the rows: it
 * lets them go once they are copied for its matrix (see {@link #fitAll}).
 */
public final class XgboostFoldTrainer implements FoldTrainer {

    /**
     * Rows smaller than this stay on the heap while the folds are fitted: parking them would save little. Every
     * set the recipe meets in practice is larger (30,000 clients of 837 features take 100 MB).
     */
    static final long PARKING_MIN_BYTES = 32L << 20;

    /** The labelled rows while on the heap: until parked, when brought back, and until the final model's copy. */
    private TrainingSet data;
    /** The rows while parked in a file (then {@code data} is null). */
    private ParkedRows parked;
    private final int columns;
    private final long parkingMinBytes;
    private final int[] folds;
    private final int maxRounds;
    private final int patience;
    private final long seed;
    private final int threads;
    /**
     * What the matrices of the folds not being fitted may take while the folds are held (estimated by
     * {@link FoldMatrices#bytes}): every fold at 30,000 clients (about 0.2 GB each), none at Kaggle size (about 1.8
     * GB each), where a fold's matrices are let go when the next fold's are built, as without holding.
     */
    static final long HELD_BUDGET_BYTES = 1L << 30;

    private final long heldBudget;
    /** Whether the folds are held, and the matrices kept, by fold. */
    private boolean holding;
    private final Map<Integer, FoldMatrices> held = new HashMap<>();

    /**
     * @param data      the labelled rows
     * @param folds     the fold of each row
     * @param maxRounds most trees per model
     * @param patience  rounds without a better validation AUC before a fold stops
     * @param seed      XGBoost's seed (row and column sampling)
     * @param threads   XGBoost threads
     */
    public XgboostFoldTrainer(TrainingSet data, int[] folds, int maxRounds, int patience, long seed, int threads) {
        this(data, folds, maxRounds, patience, seed, threads, HELD_BUDGET_BYTES, PARKING_MIN_BYTES);
    }

    /**
     * A trainer whose held folds' matrices may take {@code heldBudget} bytes beside the fold being fitted, and
     * which parks rows of at least {@code parkingMinBytes} while the folds are fitted.
     */
    XgboostFoldTrainer(TrainingSet data, int[] folds, int maxRounds, int patience, long seed, int threads,
                       long heldBudget, long parkingMinBytes) {
        if (folds.length != data.rows()) {
            throw new IllegalArgumentException(folds.length + " folds for " + data.rows() + " rows");
        }
        this.data = data;
        this.folds = folds.clone();
        this.maxRounds = maxRounds;
        this.patience = patience;
        this.seed = seed;
        this.threads = threads;
        this.heldBudget = heldBudget;
        this.columns = data.columns();
        this.parkingMinBytes = parkingMinBytes;
    }

    /** A trainer with the round limit, patience, seed and threads of the settings. */
    public XgboostFoldTrainer(TrainingSet data, int[] folds, TrainingSettings settings) {
        this(data, folds, settings.maxRounds(), settings.patience(), settings.seed(), settings.threads());
    }

    @Override
    public FoldFit fit(int fold, BoostingParameters parameters, Progress progress) throws XGBoostError {
        FoldMatrices matrices = held.remove(fold);
        if (matrices == null) {
            // Held matrices past the budget would sit beside this fold's: let go, to be built again if needed.
            if (held.values().stream().mapToLong(FoldMatrices::bytes).sum() > heldBudget) {
                releaseHeld();
            }
            matrices = matrices(fold);
        }
        try {
            DMatrix train = matrices.train();
            DMatrix valid = matrices.valid();
            Booster booster = XGBoost.train(train, parameters.toXgboost(seed, threads), 0, Map.of(), null, null);
            try {
                float[] auc = new float[1];
                EarlyStopping stopping = new EarlyStopping(maxRounds, patience);
                for (int round = 0; stopping.goesOn(round); round++) {
                    booster.update(train, round);
                    booster.evalSet(new DMatrix[]{valid}, new String[]{"valid"}, round, auc);
                    stopping.record(round, auc[0]);
                    progress.update(round + 1, String.format(Locale.ROOT, "best AUC %.4f at round %d",
                            stopping.best(), stopping.rounds()));
                }
                return new FoldFit(probabilities(booster, valid, stopping.rounds()), stopping.best(),
                        stopping.rounds());
            } finally {
                booster.dispose();
            }
        } finally {
            if (holding) {
                held.put(fold, matrices);
            } else {
                matrices.dispose();
            }
        }
    }

    /**
     * Keeps each fold's matrices, once a fit has built them, for its later fits until closed, as far as
     * {@link #HELD_BUDGET_BYTES} allows. XGBoost keeps a matrix's histogram index with the matrix, so a later fit
     * skips both the copy of the rows and the index (class weighting's second fit of fold 1; each fold of the
     * search's later trials where the folds fit in the budget); the trees are the same, the index depending only on
     * the rows and the bins.
     */
    @Override
    public HeldFolds hold() {
        if (holding) {
            throw new IllegalStateException("the folds are held already");
        }
        holding = true;
        return () -> {
            holding = false;
            releaseHeld();
        };
    }

    /** The file the rows are parked in, or null when they are not (for tests). */
    Path parkedFile() {
        return parked == null ? null : parked.file();
    }

    /** How many folds' matrices are kept (for tests). */
    int heldFolds() {
        return held.size();
    }

    private void releaseHeld() {
        held.values().forEach(FoldMatrices::dispose);
        held.clear();
    }

    /**
     * A fold's training rows and its held-out rows as XGBoost matrices.
     *
     * @param bytes what they take, estimated: 8 bytes per present value in XGBoost's compressed rows, and per cell
     *              of the training rows 1 byte of histogram index and 1 of its column copy
     */
    private record FoldMatrices(DMatrix train, DMatrix valid, long bytes) {

        void dispose() {
            train.dispose();
            valid.dispose();
        }
    }

    private FoldMatrices matrices(int fold) throws XGBoostError {
        park();
        // What earlier fits left resident in glibc's arenas, and the heap's free room, handed back before this
        // fold's matrices.
        NativeHeap.trim();
        LeanHeap.trim();
        int[] trainRows = rows(fold, false);
        DMatrix train = matrix(trainRows);
        try {
            DMatrix valid = matrix(rows(fold, true));
            long bytes = 8 * (train.nonMissingNum() + valid.nonMissingNum()) + 2L * trainRows.length * columns;
            return new FoldMatrices(train, valid, bytes);
        } catch (XGBoostError | RuntimeException e) {
            train.dispose();
            throw e;
        }
    }

    /**
     * Moves the rows from the heap to a file, if they are large enough to be worth it, and collects the heap, which
     * then hands their memory back. If the file cannot be written, the rows stay where they are: only a saving is
     * missed.
     */
    private void park() {
        if (parked != null || data == null || 4L * data.values().length < parkingMinBytes) {
            return;
        }
        try {
            parked = ParkedRows.park(data);
        } catch (IOException | RuntimeException notWritten) {
            return;
        }
        data = null;
        LeanHeap.collect();
    }

    /** The rows {@code rows} (in increasing order) as a labelled matrix, from the heap or from the file. */
    private DMatrix matrix(int[] rows) throws XGBoostError {
        try (FoldMatrix.Block block = block(rows)) {
            return block.matrix();
        }
    }

    /** The rows {@code rows} (in increasing order) copied into a block, from the file while parked. */
    private FoldMatrix.Block block(int[] rows) {
        return parked != null ? parked.copy(rows, FoldMatrix.ValueTransform.AS_IS)
                : FoldMatrix.Block.copy(sample(), rows, FoldMatrix.ValueTransform.AS_IS);
    }

    /** Deletes the parked rows' file, if any. */
    private void unpark() {
        if (parked != null) {
            parked.close();
            parked = null;
        }
    }

    /**
     * The final model. Once the rows are copied off the heap (or out of their file) for XGBoost's matrix, the
     * trainer lets them go and the heap is collected: at Kaggle size the heap's copy (1 GiB) would otherwise sit
     * beside that copy and XGBoost's compressed rows while the matrix is built, and beside XGBoost's histogram index
     * in the first round.
     */
    @Override
    public Booster fitAll(BoostingParameters parameters, int rounds) throws XGBoostError {
        if (holding) {
            throw new IllegalStateException("the folds are still held: their matrices would sit beside the final"
                    + " model's");
        }
        NativeHeap.trim();
        int[] every = IntStream.range(0, folds.length).toArray();
        DMatrix all;
        try (FoldMatrix.Block block = block(every)) {
            data = null;
            unpark();
            LeanHeap.collect();
            all = block.matrix();
        }
        try {
            return train(all, parameters, rounds, seed, threads);
        } finally {
            all.dispose();
        }
    }

    /** Trains a model on every row of {@code data} for a fixed number of rounds (a final model, a test's model). */
    public static Booster fitAll(TrainingSet data, BoostingParameters parameters, int rounds, long seed, int threads)
            throws XGBoostError {
        DMatrix all = FoldMatrix.of(data, IntStream.range(0, data.rows()).toArray());
        try {
            return train(all, parameters, rounds, seed, threads);
        } finally {
            all.dispose();
        }
    }

    /**
     * Every row, in client order, until {@link #fitAll} has copied them for the final model's matrix. Parked rows
     * come back onto the heap (and the file goes): what the recipe asks for after the search, for the baselines and
     * the final model.
     */
    @Override
    public TrainingSet sample() {
        if (parked != null) {
            data = parked.read();
            unpark();
        }
        if (data == null) {
            throw new IllegalStateException("the rows were let go once copied for the final model's matrix");
        }
        return data;
    }

    @Override
    public int[] sampleFolds() {
        return folds.clone();
    }

    private static Booster train(DMatrix matrix, BoostingParameters parameters, int rounds, long seed, int threads)
            throws XGBoostError {
        return XGBoost.train(matrix, parameters.toXgboost(seed, threads), rounds, Map.of(), null, null);
    }

    private static double[] probabilities(Booster booster, DMatrix rows, int rounds) throws XGBoostError {
        float[][] predicted = booster.predict(rows, false, rounds);
        double[] predictions = new double[predicted.length];
        for (int i = 0; i < predicted.length; i++) {
            predictions[i] = predicted[i][0];
        }
        return predictions;
    }

    private int[] rows(int fold, boolean inFold) {
        return IntStream.range(0, folds.length).filter(i -> (folds[i] == fold) == inFold).toArray();
    }
}
