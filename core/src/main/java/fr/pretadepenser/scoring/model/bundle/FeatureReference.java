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
        double[] present = new double[values.length];
        int n = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                present[n++] = v;
            }
        }
        return ofPresent(name, present, n, values.length);
    }

    /**
     * The reference distribution of a column of {@code total} values whose {@code present} non-missing ones fill the
     * start of {@code buffer}, which is sorted in place: a caller describing many columns reuses one buffer.
     */
    public static FeatureReference ofPresent(String name, double[] buffer, int present, int total) {
        java.util.Arrays.sort(buffer, 0, present);
        double missing = total == 0 ? 0 : 1 - (double) present / total;
        java.util.TreeSet<Double> cuts = new java.util.TreeSet<>();
        for (int q = 1; q < 10 && present > 0; q++) {
            cuts.add(buffer[(int) Math.min(present - 1, Math.floor(q * present / 10.0))]);
        }
        List<Double> edges = List.copyOf(cuts);
        // A value falls in the first bin whose edge it does not exceed; the values being sorted, each bin's count is
        // the difference of two positions found by bisection rather than a pass over every value.
        double[] counts = new double[edges.size() + 1];
        int below = 0;
        for (int bin = 0; bin < edges.size(); bin++) {
            int upTo = notAbove(buffer, present, edges.get(bin));
            counts[bin] = upTo - below;
            below = upTo;
        }
        counts[edges.size()] = present - below;
        List<Double> frequencies = java.util.Arrays.stream(counts)
                .map(c -> present == 0 ? 0 : c / present).boxed().toList();
        return new FeatureReference(name, missing, edges, frequencies);
    }

    /**
     * How many of the first {@code n} sorted values are not above {@code edge}, by the {@code >} of the binning
     * (so that -0.0 and 0.0 are equal, as there; the sort's order, which puts -0.0 first, agrees with it).
     */
    private static int notAbove(double[] sorted, int n, double edge) {
        int low = 0;
        int high = n;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (sorted[middle] > edge) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        return low;
    }
}
