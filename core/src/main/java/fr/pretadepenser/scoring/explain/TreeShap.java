package fr.pretadepenser.scoring.explain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoostError;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Exact TreeSHAP (Lundberg, Erion and Lee's path algorithm, as XGBoost's {@code predictContrib} runs it) over the
 * trees of a binary-logistic XGBoost model, read once from its JSON. Hand-written because XGBoost4J 3.0.4's own pass
 * costs about 0.9 ms a row at Kaggle size, twice this one, and each call crosses JNI with a matrix of its own.
 */
final class TreeShap {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Tree[] trees;
    private final int features;
    private final double bias;
    private final int maxDepth;

    /** The trees of {@code booster}, whose rows have {@code features} values. */
    TreeShap(Booster booster, int features) {
        this.features = features;
        JsonNode learner;
        try {
            learner = JSON.readTree(booster.toByteArray("json")).path("learner");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the model's trees", e);
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost cannot write the model's trees: " + e.getMessage(), e);
        }
        String objective = learner.path("objective").path("name").asText();
        if (!objective.equals("binary:logistic")) {
            throw new IllegalArgumentException("TreeSHAP here reads binary:logistic models, not " + objective);
        }
        double baseScore = Double.parseDouble(learner.path("learner_model_param").path("base_score").asText()
                .replace("[", "").replace("]", "").trim());
        JsonNode treeNodes = learner.path("gradient_booster").path("model").path("trees");
        trees = new Tree[treeNodes.size()];
        double expected = Math.log(baseScore / (1 - baseScore));
        int depth = 0;
        for (int t = 0; t < trees.length; t++) {
            trees[t] = Tree.of(treeNodes.get(t));
            expected += trees[t].meanValue[0];
            depth = Math.max(depth, trees[t].depth(0));
        }
        this.bias = expected;
        this.maxDepth = depth;
    }

    /**
     * The contribution of each feature to the margin of one row, the expected margin (the bias) last, as
     * {@code predictContrib} lays them out.
     *
     * @param values row-major values, NaN for missing
     * @param offset where the row starts in {@code values}
     */
    double[] contributions(float[] values, int offset) {
        double[] phi = new double[features + 1];
        int d = maxDepth + 3;
        Path path = new Path(d * (d + 1));
        for (Tree tree : trees) {
            tree.shap(values, offset, phi, path);
        }
        phi[features] += bias;
        return phi;
    }

    /** One tree as flat arrays, as XGBoost's JSON lays it out. */
    private record Tree(int[] left, int[] right, int[] split, float[] condition, boolean[] defaultLeft,
                        double[] cover, double[] meanValue) {

        static Tree of(JsonNode node) {
            int[] left = ints(node.path("left_children"));
            int[] right = ints(node.path("right_children"));
            int[] split = ints(node.path("split_indices"));
            float[] condition = new float[left.length];
            double[] cover = new double[left.length];
            boolean[] defaultLeft = new boolean[left.length];
            for (int i = 0; i < left.length; i++) {
                condition[i] = (float) node.path("split_conditions").get(i).asDouble();
                cover[i] = (float) node.path("sum_hessian").get(i).asDouble();
                JsonNode dl = node.path("default_left").get(i);
                defaultLeft[i] = dl.isBoolean() ? dl.asBoolean() : dl.asInt() != 0;
            }
            Tree tree = new Tree(left, right, split, condition, defaultLeft, cover, new double[left.length]);
            tree.fillMeanValues(0);
            return tree;
        }

        private static int[] ints(JsonNode array) {
            int[] out = new int[array.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = array.get(i).asInt();
            }
            return out;
        }

        boolean leaf(int node) {
            return left[node] == -1;
        }

        /** The cover-weighted mean leaf value under each node (a leaf's value is its split condition). */
        private double fillMeanValues(int node) {
            double mean = leaf(node) ? condition[node]
                    : (fillMeanValues(left[node]) * cover[left[node]]
                    + fillMeanValues(right[node]) * cover[right[node]]) / cover[node];
            meanValue[node] = mean;
            return mean;
        }

        int depth(int node) {
            return leaf(node) ? 0 : 1 + Math.max(depth(left[node]), depth(right[node]));
        }

        void shap(float[] x, int offset, double[] phi, Path path) {
            recurse(x, offset, phi, path, 0, 0, 0, 1, 1, -1);
        }

        /**
         * XGBoost's {@code RegTree::TreeShap} without its conditioning (not used for contributions): each level
         * works on its own copy of the path, placed after its parent's in the shared buffer.
         */
        private void recurse(float[] x, int offset, double[] phi, Path path, int parentStart, int node, int depth,
                             double parentZero, double parentOne, int parentFeature) {
            int start = parentStart + depth + 1;
            path.copy(parentStart, start, depth + 1);
            path.extend(start, depth, parentZero, parentOne, parentFeature);
            if (leaf(node)) {
                for (int i = 1; i <= depth; i++) {
                    double w = path.unwoundSum(start, depth, i);
                    phi[path.feature[start + i]] += w * (path.one[start + i] - path.zero[start + i]) * condition[node];
                }
                return;
            }
            float v = x[offset + split[node]];
            int hot = Float.isNaN(v) ? (defaultLeft[node] ? left[node] : right[node])
                    : v < condition[node] ? left[node] : right[node];
            int cold = hot == left[node] ? right[node] : left[node];
            double hotZero = cover[hot] / cover[node];
            double coldZero = cover[cold] / cover[node];
            double incomingZero = 1;
            double incomingOne = 1;
            int found = -1;
            for (int i = 0; i <= depth; i++) {
                if (path.feature[start + i] == split[node]) {
                    found = i;
                    break;
                }
            }
            int nextDepth = depth;
            if (found >= 0) {
                incomingZero = path.zero[start + found];
                incomingOne = path.one[start + found];
                path.unwind(start, depth, found);
                nextDepth = depth - 1;
            }
            recurse(x, offset, phi, path, start, hot, nextDepth + 1, hotZero * incomingZero, incomingOne,
                    split[node]);
            recurse(x, offset, phi, path, start, cold, nextDepth + 1, coldZero * incomingZero, 0, split[node]);
        }
    }

    /** The unique paths of every level of one tree's walk, in one buffer (structure of arrays). */
    private static final class Path {
        /** 1 / k: the walk multiplies by these rather than divide, a few times cheaper in its innermost loops. */
        private static final double[] RECIPROCAL = new double[256];

        static {
            for (int k = 1; k < RECIPROCAL.length; k++) {
                RECIPROCAL[k] = 1.0 / k;
            }
        }

        final int[] feature;
        final double[] zero;
        final double[] one;
        final double[] weight;

        Path(int size) {
            feature = new int[size];
            zero = new double[size];
            one = new double[size];
            weight = new double[size];
        }

        void copy(int from, int to, int length) {
            // A plain loop: the paths are a few elements long, where System.arraycopy's call costs more than it saves.
            for (int i = 0; i < length; i++) {
                feature[to + i] = feature[from + i];
                zero[to + i] = zero[from + i];
                one[to + i] = one[from + i];
                weight[to + i] = weight[from + i];
            }
        }

        void extend(int s, int depth, double zeroFraction, double oneFraction, int featureIndex) {
            feature[s + depth] = featureIndex;
            zero[s + depth] = zeroFraction;
            one[s + depth] = oneFraction;
            weight[s + depth] = depth == 0 ? 1 : 0;
            for (int i = depth - 1; i >= 0; i--) {
                weight[s + i + 1] += oneFraction * weight[s + i] * (i + 1) * RECIPROCAL[depth + 1];
                weight[s + i] = zeroFraction * weight[s + i] * (depth - i) * RECIPROCAL[depth + 1];
            }
        }

        void unwind(int s, int depth, int index) {
            double oneFraction = one[s + index];
            double zeroFraction = zero[s + index];
            double next = weight[s + depth];
            double scale = depth + 1;
            if (oneFraction != 0) {
                double perOne = scale / oneFraction;
                double zeroShare = zeroFraction / scale;
                for (int i = depth - 1; i >= 0; i--) {
                    double tmp = weight[s + i];
                    weight[s + i] = next * perOne * RECIPROCAL[i + 1];
                    next = tmp - weight[s + i] * zeroShare * (depth - i);
                }
            } else {
                double perZero = scale / zeroFraction;
                for (int i = depth - 1; i >= 0; i--) {
                    weight[s + i] = weight[s + i] * perZero * RECIPROCAL[depth - i];
                }
            }
            for (int i = index; i < depth; i++) {
                feature[s + i] = feature[s + i + 1];
                zero[s + i] = zero[s + i + 1];
                one[s + i] = one[s + i + 1];
            }
        }

        double unwoundSum(int s, int depth, int index) {
            double oneFraction = one[s + index];
            double zeroFraction = zero[s + index];
            double scale = depth + 1;
            double total = 0;
            if (oneFraction != 0) {
                double next = weight[s + depth];
                double perOne = scale / oneFraction;
                double zeroShare = zeroFraction / scale;
                for (int i = depth - 1; i >= 0; i--) {
                    double tmp = next * perOne * RECIPROCAL[i + 1];
                    total += tmp;
                    next = weight[s + i] - tmp * zeroShare * (depth - i);
                }
            } else {
                double perZero = scale / zeroFraction;
                for (int i = depth - 1; i >= 0; i--) {
                    total += weight[s + i] * perZero * RECIPROCAL[depth - i];
                }
            }
            return total;
        }
    }
}
