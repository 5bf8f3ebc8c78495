package fr.pretadepenser.scoring.model.bundle;

import java.util.List;

/**
 * A feature's distribution on the training data, kept in the bundle so that drift in new applications can be
 * measured against it (population stability index on these bins).
 *
 * @param name         the feature
 * @param missingShare share of missing values
 * @param edges        inner bin edges (training deciles, duplicates removed): bin i is (edges[i-1], edges[i]]
 * @param frequencies  share of non-missing values in each bin, {@code edges.size() + 1} of them
 */
public record FeatureReference(String name, double missingShare, List<Double> edges, List<Double> frequencies) {

    /** Copies the lists so that a reference cannot change. */
    public FeatureReference {
        edges = List.copyOf(edges);
        frequencies = List.copyOf(frequencies);
    }

    /**
     * The approximate share of training values lower than {@code value}: the bins wholly below, plus half of the
     * value's bin (the bins are deciles, so this is within 5 points of the exact percentile).
     */
    public double shareBelow(double value) {
        double below = 0;
        int bin = 0;
        while (bin < edges.size() && value > edges.get(bin)) {
            below += frequencies.get(bin);
            bin++;
        }
        return below + frequencies.get(bin) / 2;
    }

    /** The reference distribution of one column of values (NaN for missing) on decile bins. */
    public static FeatureReference of(String name, double[] values) {
        double[] present = java.util.Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        double missing = values.length == 0 ? 0 : 1 - (double) present.length / values.length;
        java.util.TreeSet<Double> cuts = new java.util.TreeSet<>();
        for (int q = 1; q < 10 && present.length > 0; q++) {
            cuts.add(present[(int) Math.min(present.length - 1, Math.floor(q * present.length / 10.0))]);
        }
        List<Double> edges = List.copyOf(cuts);
        double[] counts = new double[edges.size() + 1];
        for (double v : present) {
            int bin = 0;
            while (bin < edges.size() && v > edges.get(bin)) {
                bin++;
            }
            counts[bin]++;
        }
        List<Double> frequencies = java.util.Arrays.stream(counts)
                .map(c -> present.length == 0 ? 0 : c / present.length).boxed().toList();
        return new FeatureReference(name, missing, edges, frequencies);
    }
}
