package fr.pretadepenser.scoring.synthetic;

import java.util.SplittableRandom;

/**
 * Places a subgroup in one band of a column's quantiles while the whole column keeps its real marginal: members of
 * the subgroup draw uniformly inside the band, the others fill the remaining mass. Used where a category decides a
 * range in reality (pensioners are old, active bureau credits and refused applications are recent).
 *
 * @param share the subgroup's share of all rows, at most the band's width
 * @param low   lower end of the band, in [0, 1]
 * @param high  upper end of the band, in [0, 1]
 */
record SkewedQuantile(double share, double low, double high) {

    SkewedQuantile {
        if (!(0 <= low && low < high && high <= 1 && share >= 0 && share <= high - low)) {
            throw new IllegalArgumentException("band [" + low + ", " + high + "] cannot hold share " + share);
        }
    }

    /** A quantile in [0, 1) for a member of the subgroup ({@code inBand}) or for anyone else. */
    double draw(boolean inBand, SplittableRandom random) {
        double width = high - low;
        if (inBand || random.nextDouble() < (width - share) / (1 - share)) {
            return low + width * random.nextDouble();
        }
        // Outside the band: the mass below it, then the mass above it, laid end to end.
        double u = (1 - width) * random.nextDouble();
        return u < low ? u : u + width;
    }
}
