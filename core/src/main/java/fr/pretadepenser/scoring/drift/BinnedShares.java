package fr.pretadepenser.scoring.drift;

import fr.pretadepenser.scoring.model.bundle.FeatureReference;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A feature's distribution on its training bins, training against batch: the missing share first, then the value
 * bins of {@link FeatureReference} (bin i is {@code (edges[i-1], edges[i]]}), each as a share of all rows.
 *
 * @param reference       training shares, missing first
 * @param current         batch shares, missing first
 * @param presentCurrent  batch values that are not missing
 */
record BinnedShares(FeatureReference bins, double[] reference, double[] current, int presentCurrent) {

    /** Places a batch's values (NaN for missing) on the reference's bins. */
    static BinnedShares of(FeatureReference bins, double[] values) {
        int k = bins.frequencies().size();
        double[] reference = new double[k + 1];
        reference[0] = bins.missingShare();
        for (int i = 0; i < k; i++) {
            reference[i + 1] = (1 - bins.missingShare()) * bins.frequencies().get(i);
        }
        double[] edges = bins.edges().stream().mapToDouble(Double::doubleValue).toArray();
        double[] counts = new double[k + 1];
        int present = 0;
        for (double v : values) {
            if (Double.isNaN(v)) {
                counts[0]++;
                continue;
            }
            present++;
            // Zero searched as -0.0, the lower of the two zeros binarySearch tells apart, so that it falls where the
            // training's bins put it (compared as numbers: a 0.0 beyond a -0.0 edge would be a drift not there).
            int bin = java.util.Arrays.binarySearch(edges, v == 0 ? -0.0 : v);
            // Found: v equals edges[bin], which closes bin `bin`; not found: insertion point = values below it.
            counts[1 + Math.min(k - 1, bin >= 0 ? bin : -bin - 1)]++;
        }
        double[] current = new double[k + 1];
        for (int i = 0; i <= k; i++) {
            current[i] = values.length == 0 ? 0 : counts[i] / values.length;
        }
        return new BinnedShares(bins, reference, current, present);
    }

    /** PSI over every bin, missing included. */
    double psi() {
        return Psi.of(reference, current);
    }

    /** The value bins' shares of the present values only (the missing bin left out), training then batch. */
    double[][] presentShares() {
        double[][] shares = new double[2][reference.length - 1];
        double r = 1 - reference[0];
        double c = 1 - current[0];
        for (int i = 1; i < reference.length; i++) {
            shares[0][i - 1] = r <= 0 ? 0 : reference[i] / r;
            shares[1][i - 1] = c <= 0 ? 0 : current[i] / c;
        }
        return shares;
    }

    /** The bins for the report, missing first. */
    List<DriftReport.Bin> toBins() {
        List<DriftReport.Bin> result = new ArrayList<>();
        result.add(new DriftReport.Bin("missing", reference[0], current[0]));
        List<Double> edges = bins.edges();
        for (int i = 0; i < reference.length - 1; i++) {
            String label = edges.isEmpty() ? "all values"
                    : i == 0 ? "<= " + number(edges.get(0))
                    : i == edges.size() ? "> " + number(edges.get(i - 1))
                    : "(" + number(edges.get(i - 1)) + ", " + number(edges.get(i)) + "]";
            result.add(new DriftReport.Bin(label, reference[i + 1], current[i + 1]));
        }
        return result;
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
