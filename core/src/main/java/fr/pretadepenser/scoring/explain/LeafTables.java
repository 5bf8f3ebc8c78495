package fr.pretadepenser.scoring.explain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * TreeSHAP with each leaf's subset weights computed once per model ("Fast TreeSHAP v2", Yang 2021): a row then
 * costs one pass over each tree's leaves and their paths instead of the walk's extend and unwind at every node.
 * <p>
 * For a leaf of value v whose path splits on the distinct features U with zero fractions z (the cover shares of the
 * path's children), and a row that follows the path's condition on the features of A only, feature u gets
 * {@code v (o_u - z_u) / z_u T(A \ {u})} with o_u = 1 when u is in A, else 0, and
 * {@code T(B) = sum over S in B of |S|! (|U| - 1 - |S|)! / |U|! * product of z over U \ S}. The tables hold
 * {@code v T(B)} for every B; the division needs z above 0, and the table doubles with each feature on a path, so
 * only trees whose tables are small and whose covers are positive are tabulated ({@link #tabulated}); the others
 * are walked. Immutable, safe for concurrent readers.
 */
final class LeafTables {

    /**
     * Most table entries one tree may take: every tree of depth 6 fits (64 leaves of 64 subsets, 32 KB); deeper
     * trees, whose tables grow fourfold a level, are walked instead.
     */
    static final int MAX_ENTRIES_PER_TREE = 4096;

    private final TreeEnsemble trees;
    /** Per tree, its first leaf in the leaf arrays (one more entry, the total); no leaves for a walked tree. */
    private final int[] treeLeaves;
    /** Per leaf: where its path, its distinct features and its table start (one more entry each). */
    private final int[] pathStart;
    private final int[] uniqueStart;
    private final int[] tableStart;
    /** Per path step: the split node, whether the path goes left there, and the bit of its feature in the leaf. */
    private final int[] pathNode;
    private final boolean[] pathLeft;
    private final int[] pathBit;
    /** Per distinct feature of a leaf: the feature and (1 - z) / z. */
    private final int[] uniqueFeature;
    private final double[] uniqueRatio;
    /** Per leaf, v T(B) for each subset B of its distinct features, indexed by B's bits. */
    private final double[] table;
    /** Nodes in the largest tabulated tree: the size of a caller's direction scratch. */
    final int maxTreeNodes;

    LeafTables(TreeEnsemble trees) {
        this.trees = trees;
        Builder b = new Builder();
        treeLeaves = new int[trees.trees() + 1];
        int widest = 0;
        for (int t = 0; t < trees.trees(); t++) {
            treeLeaves[t] = b.leaves();
            if (b.tabulate(t)) {
                widest = Math.max(widest, trees.treeStart[t + 1] - trees.treeStart[t]);
            }
        }
        treeLeaves[trees.trees()] = b.leaves();
        maxTreeNodes = widest;
        pathStart = ints(b.pathStart);
        uniqueStart = ints(b.uniqueStart);
        tableStart = ints(b.tableStart);
        pathNode = ints(b.pathNode);
        pathLeft = new boolean[b.pathLeft.size()];
        for (int i = 0; i < pathLeft.length; i++) {
            pathLeft[i] = b.pathLeft.get(i);
        }
        pathBit = ints(b.pathBit);
        uniqueFeature = ints(b.uniqueFeature);
        uniqueRatio = b.uniqueRatio.stream().mapToDouble(Double::doubleValue).toArray();
        table = Arrays.copyOf(b.table, b.tableSize);
    }

    /** Whether tree {@code t} has tables (else the caller walks it). */
    boolean tabulated(int t) {
        return treeLeaves[t + 1] > treeLeaves[t];
    }

    /**
     * Adds tree {@code t}'s contributions for the row at {@code offset} of {@code x} to {@code phi} (one entry per
     * feature); {@code goesLeft} is scratch of {@link #maxTreeNodes} entries.
     */
    void add(int t, float[] x, int offset, double[] phi, boolean[] goesLeft) {
        int start = trees.treeStart[t];
        for (int n = start; n < trees.treeStart[t + 1]; n++) {
            if (trees.left[n] >= 0) {
                goesLeft[n - start] = trees.next(n, x[offset + trees.feature[n]]) == trees.left[n];
            }
        }
        for (int leaf = treeLeaves[t]; leaf < treeLeaves[t + 1]; leaf++) {
            int first = uniqueStart[leaf];
            int count = uniqueStart[leaf + 1] - first;
            int followed = (1 << count) - 1;
            for (int p = pathStart[leaf]; p < pathStart[leaf + 1]; p++) {
                if (goesLeft[pathNode[p] - start] != pathLeft[p]) {
                    followed &= ~(1 << pathBit[p]);
                }
            }
            int base = tableStart[leaf];
            double absent = table[base + followed];
            for (int k = 0; k < count; k++) {
                int bit = 1 << k;
                if ((followed & bit) != 0) {
                    phi[uniqueFeature[first + k]] += uniqueRatio[first + k] * table[base + (followed ^ bit)];
                } else {
                    phi[uniqueFeature[first + k]] -= absent;
                }
            }
        }
    }

    private static int[] ints(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Collects the leaves, paths and tables tree by tree; a tree that does not fit leaves nothing behind. */
    private final class Builder {
        final List<Integer> pathStart = new ArrayList<>(List.of(0));
        final List<Integer> uniqueStart = new ArrayList<>(List.of(0));
        final List<Integer> tableStart = new ArrayList<>(List.of(0));
        final List<Integer> pathNode = new ArrayList<>();
        final List<Boolean> pathLeft = new ArrayList<>();
        final List<Integer> pathBit = new ArrayList<>();
        final List<Integer> uniqueFeature = new ArrayList<>();
        final List<Double> uniqueRatio = new ArrayList<>();
        double[] table = new double[MAX_ENTRIES_PER_TREE];
        int tableSize;

        int leaves() {
            return uniqueStart.size() - 1;
        }

        /** Tabulates tree {@code t} if its tables fit and its covers are positive; says whether it did. */
        boolean tabulate(int t) {
            int root = trees.treeStart[t];
            if (trees.left[root] < 0) {
                return false;
            }
            List<int[]> leaves = new ArrayList<>();
            collectLeaves(root, new ArrayList<>(), leaves);
            long entries = 0;
            for (int[] path : leaves) {
                entries += 1L << distinctFeatures(path).length;
            }
            for (int n = root; n < trees.treeStart[t + 1]; n++) {
                if (!(trees.cover[n] > 0)) {
                    return false;
                }
            }
            if (entries > MAX_ENTRIES_PER_TREE) {
                return false;
            }
            for (int[] path : leaves) {
                addLeaf(path);
            }
            return true;
        }

        /** Every root-to-leaf path under {@code node}, as its nodes (the leaf last). */
        private void collectLeaves(int node, List<Integer> path, List<int[]> leaves) {
            path.add(node);
            if (trees.left[node] < 0) {
                leaves.add(path.stream().mapToInt(Integer::intValue).toArray());
            } else {
                collectLeaves(trees.left[node], path, leaves);
                collectLeaves(trees.right[node], path, leaves);
            }
            path.remove(path.size() - 1);
        }

        /** The distinct features split on along a path, in order of first appearance. */
        private int[] distinctFeatures(int[] path) {
            return Arrays.stream(path, 0, path.length - 1).map(n -> trees.feature[n]).distinct().toArray();
        }

        private void addLeaf(int[] path) {
            int leaf = path[path.length - 1];
            int[] features = distinctFeatures(path);
            int d = features.length;
            double[] zero = new double[d];
            Arrays.fill(zero, 1);
            for (int i = 0; i < path.length - 1; i++) {
                int node = path[i];
                int child = path[i + 1];
                int k = indexOf(features, trees.feature[node]);
                zero[k] *= (double) trees.cover[child] / trees.cover[node];
                pathNode.add(node);
                pathLeft.add(child == trees.left[node]);
                pathBit.add(k);
            }
            for (int k = 0; k < d; k++) {
                uniqueFeature.add(features[k]);
                uniqueRatio.add((1 - zero[k]) / zero[k]);
            }
            int full = (1 << d) - 1;
            // The product of the zero fractions of each subset, built from the subset without its lowest bit.
            double[] product = new double[1 << d];
            product[0] = 1;
            for (int m = 1; m <= full; m++) {
                product[m] = product[m & (m - 1)] * zero[Integer.numberOfTrailingZeros(m)];
            }
            double[] weight = new double[d];
            for (int s = 0; s < d; s++) {
                weight[s] = factorial(s) * factorial(d - 1 - s) / factorial(d);
            }
            if (tableSize + (1 << d) > table.length) {
                table = Arrays.copyOf(table, Math.max(2 * table.length, tableSize + (1 << d)));
            }
            float value = trees.value[leaf];
            for (int b = 0; b < full; b++) {
                double sum = 0;
                for (int s = b; ; s = (s - 1) & b) {
                    sum += weight[Integer.bitCount(s)] * product[full ^ s];
                    if (s == 0) {
                        break;
                    }
                }
                table[tableSize + b] = value * sum;
            }
            // The whole path followed leaves no feature absent: that entry is never read.
            table[tableSize + full] = 0;
            tableSize += 1 << d;
            pathStart.add(pathNode.size());
            uniqueStart.add(uniqueFeature.size());
            tableStart.add(tableSize);
        }

        private static int indexOf(int[] values, int value) {
            int i = 0;
            while (values[i] != value) {
                i++;
            }
            return i;
        }

        private static double factorial(int n) {
            double f = 1;
            for (int i = 2; i <= n; i++) {
                f *= i;
            }
            return f;
        }
    }
}
