package fr.pretadepenser.scoring.model.bundle;

import fr.pretadepenser.scoring.testing.RandomColumn;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FeatureReferenceTest {

    @Test
    void decileBinsAreThoseOfTheDefinitionWhateverTheColumn() {
        SplittableRandom random = new SplittableRandom(11);
        for (int trial = 0; trial < 300; trial++) {
            double[] values = RandomColumn.of(random);
            assertEquals(definition("x", values), FeatureReference.of("x", values), "trial " + trial);
        }
    }

    @Test
    void aReusedBufferGivesTheSameReferenceAsAFreshColumn() {
        double[] buffer = {5, 3, 9, 1, 7, 42, 42};
        FeatureReference reused = FeatureReference.ofPresent("x", buffer, 5, 8);
        assertEquals(FeatureReference.of("x", new double[]{5, Double.NaN, 3, 9, 1, Double.NaN, 7, Double.NaN}),
                reused);
        assertEquals(3.0 / 8, reused.missingShare());
    }

    /** The reference as first written: every value placed by a pass over the edges (the specification). */
    private static FeatureReference definition(String name, double[] values) {
        double[] present = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        double missing = values.length == 0 ? 0 : 1 - (double) present.length / values.length;
        TreeSet<Double> cuts = new TreeSet<>();
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
        List<Double> frequencies = Arrays.stream(counts)
                .map(c -> present.length == 0 ? 0 : c / present.length).boxed().toList();
        return new FeatureReference(name, missing, edges, frequencies);
    }
}
