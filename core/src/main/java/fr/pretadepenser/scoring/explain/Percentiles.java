package fr.pretadepenser.scoring.explain;

import java.util.List;

/**
 * A feature's training distribution on bins, enough to say where a value stands among clients.
 *
 * @param edges       inner bin edges, ascending: bin i holds values in (edges[i-1], edges[i]]
 * @param frequencies share of non-missing training values in each bin, {@code edges.size() + 1} of them
 */
public record Percentiles(List<Double> edges, List<Double> frequencies) {

    /** Copies the lists so that the distribution cannot change. */
    public Percentiles {
        edges = List.copyOf(edges);
        frequencies = List.copyOf(frequencies);
    }

    /**
     * The approximate share of clients with a lower value: the bins wholly below, plus half of the value's bin
     * (the bins are deciles, so this is within 5 points of the exact percentile).
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
}
