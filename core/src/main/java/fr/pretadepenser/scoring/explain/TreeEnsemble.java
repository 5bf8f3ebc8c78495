package fr.pretadepenser.scoring.explain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The trees of an XGBoost {@code gbtree} model with the {@code binary:logistic} objective, read from XGBoost's own
 * JSON model (exact floats, not the rounded text dump): each node's split feature, threshold, default direction for
 * a missing value, children and cover, flattened into arrays. Its margin is XGBoost's to the last bit (float
 * arithmetic in XGBoost's order): tested against {@code Booster.predict}. Immutable, safe for concurrent readers.
 */
final class TreeEnsemble {

    private static final ObjectMapper JSON = new ObjectMapper();

    final int featureCount;
    /** Node offset of each tree in the node arrays; one more entry, the total. */
    final int[] treeStart;
    /** Children as absolute node indices; -1 for a leaf. */
    final int[] left;
    final int[] right;
    final int[] feature;
    final boolean[] defaultLeft;
    /** The split threshold ({@code x < value} goes left), or the leaf value. */
    final float[] value;
    /** The training weight (sum of hessians) that reached the node: TreeSHAP's "cover". */
    final float[] cover;
    /** The cover-weighted mean of the leaves under each node, as XGBoost computes it for TreeSHAP. */
    final float[] mean;
    /** The distinct features each tree splits on: the only contributions a tree can change. */
    final int[][] treeFeatures;
    /** The deepest tree's depth (edges from root to the farthest leaf). */
    final int maxDepth;
    /** The intercept on the margin scale (log-odds of XGBoost's base_score). */
    final float baseMargin;
    /** The expected margin: the trees' root means summed in tree order, then the intercept (XGBoost's bias). */
    final float expectedMargin;

    private TreeEnsemble(int featureCount, List<JsonNode> trees, float baseMargin) {
        this.featureCount = featureCount;
        this.baseMargin = baseMargin;
        this.treeStart = new int[trees.size() + 1];
        int nodes = 0;
        for (int t = 0; t < trees.size(); t++) {
            treeStart[t] = nodes;
            nodes += trees.get(t).get("left_children").size();
        }
        treeStart[trees.size()] = nodes;
        this.left = new int[nodes];
        this.right = new int[nodes];
        this.feature = new int[nodes];
        this.defaultLeft = new boolean[nodes];
        this.value = new float[nodes];
        this.cover = new float[nodes];
        this.mean = new float[nodes];
        this.treeFeatures = new int[trees.size()][];
        int deepest = 0;
        float bias = 0;
        for (int t = 0; t < trees.size(); t++) {
            JsonNode tree = trees.get(t);
            int start = treeStart[t];
            Set<Integer> used = new LinkedHashSet<>();
            for (int n = 0; n < treeStart[t + 1] - start; n++) {
                int l = tree.get("left_children").get(n).asInt();
                int r = tree.get("right_children").get(n).asInt();
                int i = start + n;
                left[i] = l < 0 ? -1 : start + l;
                right[i] = r < 0 ? -1 : start + r;
                feature[i] = tree.get("split_indices").get(n).asInt();
                defaultLeft[i] = tree.get("default_left").get(n).asInt() != 0;
                value[i] = (float) tree.get("split_conditions").get(n).asDouble();
                cover[i] = (float) tree.get("sum_hessian").get(n).asDouble();
                if (l >= 0) {
                    used.add(feature[i]);
                    if (feature[i] < 0 || feature[i] >= featureCount) {
                        throw new IllegalArgumentException("tree " + t + " splits on feature " + feature[i]
                                + " of " + featureCount);
                    }
                }
            }
            treeFeatures[t] = used.stream().mapToInt(Integer::intValue).toArray();
            deepest = Math.max(deepest, fillMeans(start, 0));
            bias += mean[start];
        }
        this.maxDepth = deepest;
        this.expectedMargin = bias + baseMargin;
    }

    /**
     * Reads a model saved by XGBoost as JSON ({@code Booster.toByteArray("json")}).
     *
     * @throws IllegalArgumentException for a model this class cannot reproduce exactly (another booster or
     *                                  objective, categorical splits, several outputs or parallel trees)
     */
    static TreeEnsemble parse(byte[] json) {
        JsonNode learner;
        try {
            learner = JSON.readTree(json).path("learner");
        } catch (IOException e) {
            throw new IllegalArgumentException("not an XGBoost JSON model: " + e.getMessage(), e);
        }
        String booster = learner.path("gradient_booster").path("name").asText();
        String objective = learner.path("objective").path("name").asText();
        if (!booster.equals("gbtree") || !objective.equals("binary:logistic")) {
            throw new IllegalArgumentException("only gbtree models with binary:logistic are supported, not "
                    + booster + " with " + objective);
        }
        JsonNode model = learner.path("gradient_booster").path("model");
        JsonNode parameters = learner.path("learner_model_param");
        if (!model.path("gbtree_model_param").path("num_parallel_tree").asText("1").equals("1")
                || parameters.path("num_target").asInt(1) != 1 || parameters.path("num_class").asInt(0) > 1) {
            throw new IllegalArgumentException("only single-output models without parallel trees are supported");
        }
        List<JsonNode> trees = new ArrayList<>();
        for (JsonNode tree : model.path("trees")) {
            if (tree.path("categories_nodes").size() > 0) {
                throw new IllegalArgumentException("categorical splits are not supported");
            }
            trees.add(tree);
        }
        // base_score is a probability, written "[4.62E-1]" by XGBoost 3 and "4.62E-1" before.
        float probability = Float.parseFloat(parameters.path("base_score").asText().replaceAll("[\\[\\]]", ""));
        // In float, as XGBoost's ProbToMargin: a double logit can differ from it by one unit in the last place.
        float baseMargin = (float) -Math.log(1.0f / probability - 1.0f);
        return new TreeEnsemble(parameters.path("num_feature").asInt(), trees, baseMargin);
    }

    /** The number of trees. */
    int trees() {
        return treeStart.length - 1;
    }

    /** The leaf that row {@code x} (values from {@code offset}, NaN for missing) reaches in tree {@code t}. */
    int leaf(int t, float[] x, int offset) {
        int n = treeStart[t];
        while (left[n] >= 0) {
            n = next(n, x[offset + feature[n]]);
        }
        return n;
    }

    /** The child a value follows: missing follows the default direction, else {@code x < threshold} goes left. */
    int next(int node, float x) {
        if (Float.isNaN(x)) {
            return defaultLeft[node] ? left[node] : right[node];
        }
        return x < value[node] ? left[node] : right[node];
    }

    /** The raw output (log-odds) for one row: the intercept plus each tree's leaf, added in tree order. */
    float margin(float[] x, int offset) {
        float sum = baseMargin;
        for (int t = 0; t < trees(); t++) {
            sum += value[leaf(t, x, offset)];
        }
        return sum;
    }

    /**
     * Fills the mean of every node under {@code node}, in float and in XGBoost's order (its FillNodeMeanValue), and
     * returns the depth of the deepest leaf under it.
     */
    private int fillMeans(int node, int depth) {
        if (left[node] < 0) {
            mean[node] = value[node];
            return depth;
        }
        int deepest = Math.max(fillMeans(left[node], depth + 1), fillMeans(right[node], depth + 1));
        float result = mean[left[node]] * cover[left[node]];
        result += mean[right[node]] * cover[right[node]];
        result /= cover[node];
        mean[node] = result;
        return deepest;
    }
}
