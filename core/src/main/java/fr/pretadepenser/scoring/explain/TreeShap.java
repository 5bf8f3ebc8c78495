package fr.pretadepenser.scoring.explain;

/**
 * Exact path-dependent TreeSHAP (Lundberg et al. 2018) over a {@link TreeEnsemble}: the per-feature contributions
 * and the bias that XGBoost's {@code predictContrib} gives (without approximation), equal to them to the rounding
 * of a float (tested to 1e-6 on thousands of rows). Trees of {@link LeafTables} take its precomputed pass; the
 * others (deep trees, zero covers) are walked as XGBoost does (Algorithm 2, in float and in XGBoost's order). Each
 * tree's contributions are rounded to float and added in tree order, as XGBoost adds them. Kept in Java rather than
 * calling XGBoost for each application: XGBoost builds a DMatrix and recomputes every node's mean each call, and its
 * pass costs from 0.4 to 1.5 ms a row at Kaggle size depending on its version ({@code scoring bench model}).
 * Immutable; each call works in its own arrays, so concurrent callers are safe.
 */
final class TreeShap {

    private final TreeEnsemble trees;
    private final LeafTables tables;
    private final int pathLength;

    TreeShap(TreeEnsemble trees) {
        this.trees = trees;
        this.tables = new LeafTables(trees);
        // Each level of the recursion keeps its own copy of the path, one element longer than its parent's.
        int levels = trees.maxDepth + 2;
        this.pathLength = (levels + 1) * (levels + 2) / 2 + levels + 1;
    }

    /**
     * The contributions of one row (its features from {@code offset}, NaN for missing) followed by the bias, as
     * {@code predictContrib} lays them out: {@code featureCount + 1} values whose sum is the margin.
     */
    float[] contributions(float[] x, int offset) {
        int width = trees.featureCount;
        float[] phi = new float[width + 1];
        // As XGBoost: each tree's contributions are summed apart, then added to the total.
        float[] tree = new float[width];
        double[] tabulated = new double[width];
        boolean[] goesLeft = new boolean[tables.maxTreeNodes];
        Path path = null;
        for (int t = 0; t < trees.trees(); t++) {
            if (tables.tabulated(t)) {
                tables.add(t, x, offset, tabulated, goesLeft);
                for (int f : trees.treeFeatures[t]) {
                    phi[f] += (float) tabulated[f];
                    tabulated[f] = 0;
                }
            } else {
                path = path == null ? new Path(pathLength) : path;
                walk(path, x, offset, tree, trees.treeStart[t], 0, 0, 1, 1, -1);
                for (int f : trees.treeFeatures[t]) {
                    phi[f] += tree[f];
                    tree[f] = 0;
                }
            }
        }
        phi[width] = trees.expectedMargin;
        return phi;
    }

    /** The decision path: per element the feature, the zero and one fractions and the permutation weight. */
    private static final class Path {
        final int[] feature;
        final float[] zero;
        final float[] one;
        final float[] weight;

        Path(int length) {
            feature = new int[length];
            zero = new float[length];
            one = new float[length];
            weight = new float[length];
        }
    }

    /**
     * One node of the recursion (XGBoost's TreeShap with no conditioning): {@code parent} is where the parent's
     * path starts, {@code depth} its length minus one.
     */
    private void walk(Path p, float[] x, int offset, float[] phi, int node, int parent, int depth,
                      float parentZero, float parentOne, int parentFeature) {
        int at = parent + depth + 1;
        System.arraycopy(p.feature, parent, p.feature, at, depth + 1);
        System.arraycopy(p.zero, parent, p.zero, at, depth + 1);
        System.arraycopy(p.one, parent, p.one, at, depth + 1);
        System.arraycopy(p.weight, parent, p.weight, at, depth + 1);
        extend(p, at, depth, parentZero, parentOne, parentFeature);
        if (trees.left[node] < 0) {
            float leaf = trees.value[node];
            for (int i = 1; i <= depth; i++) {
                float w = unwoundSum(p, at, depth, i);
                phi[p.feature[at + i]] += w * (p.one[at + i] - p.zero[at + i]) * leaf;
            }
            return;
        }
        int split = trees.feature[node];
        int hot = trees.next(node, x[offset + split]);
        int cold = hot == trees.left[node] ? trees.right[node] : trees.left[node];
        float w = trees.cover[node];
        float hotZero = trees.cover[hot] / w;
        float coldZero = trees.cover[cold] / w;
        float incomingZero = 1;
        float incomingOne = 1;
        // A feature already on the path: undo its earlier split so that this one is counted once.
        int index = 0;
        while (index <= depth && p.feature[at + index] != split) {
            index++;
        }
        if (index <= depth) {
            incomingZero = p.zero[at + index];
            incomingOne = p.one[at + index];
            unwind(p, at, depth, index);
            depth -= 1;
        }
        walk(p, x, offset, phi, hot, at, depth + 1, hotZero * incomingZero, incomingOne, split);
        walk(p, x, offset, phi, cold, at, depth + 1, coldZero * incomingZero, 0, split);
    }

    /** Extends the path with a fraction of zero and one extensions of a feature. */
    private static void extend(Path p, int at, int depth, float zero, float one, int feature) {
        p.feature[at + depth] = feature;
        p.zero[at + depth] = zero;
        p.one[at + depth] = one;
        p.weight[at + depth] = depth == 0 ? 1.0f : 0.0f;
        for (int i = depth - 1; i >= 0; i--) {
            p.weight[at + i + 1] += one * p.weight[at + i] * (i + 1) / (float) (depth + 1);
            p.weight[at + i] = zero * p.weight[at + i] * (depth - i) / (float) (depth + 1);
        }
    }

    /** Undoes the extension at {@code index}. */
    private static void unwind(Path p, int at, int depth, int index) {
        float one = p.one[at + index];
        float zero = p.zero[at + index];
        float next = p.weight[at + depth];
        for (int i = depth - 1; i >= 0; i--) {
            if (one != 0) {
                float tmp = p.weight[at + i];
                p.weight[at + i] = next * (depth + 1) / ((i + 1) * one);
                next = tmp - p.weight[at + i] * zero * (depth - i) / (float) (depth + 1);
            } else {
                p.weight[at + i] = (p.weight[at + i] * (depth + 1)) / (zero * (depth - i));
            }
        }
        for (int i = index; i < depth; i++) {
            p.feature[at + i] = p.feature[at + i + 1];
            p.zero[at + i] = p.zero[at + i + 1];
            p.one[at + i] = p.one[at + i + 1];
        }
    }

    /** The total permutation weight if the extension at {@code index} were undone. */
    private static float unwoundSum(Path p, int at, int depth, int index) {
        float one = p.one[at + index];
        float zero = p.zero[at + index];
        float next = p.weight[at + depth];
        float total = 0;
        for (int i = depth - 1; i >= 0; i--) {
            if (one != 0) {
                float tmp = next * (depth + 1) / ((i + 1) * one);
                total += tmp;
                next = p.weight[at + i] - tmp * zero * ((depth - i) / (float) (depth + 1));
            } else if (zero != 0) {
                total += (p.weight[at + i] / zero) / ((depth - i) / (float) (depth + 1));
            }
        }
        return total;
    }
}
