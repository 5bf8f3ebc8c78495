package fr.pretadepenser.scoring.synthetic;

import java.util.SplittableRandom;

/**
 * What must be known about a client before any row is written: the hidden risk and how many bureau credits and
 * previous applications it has. It comes from its own small random stream, so that the generator can sum the row
 * counts of a whole chunk cheaply (to number SK_ID_BUREAU and SK_ID_PREV) before the chunk is generated in parallel.
 *
 * @param risk                 hidden standard-normal risk; higher means more payment trouble everywhere
 * @param bureauCredits        rows of bureau for this client (about 14% of clients have none)
 * @param previousApplications rows of previous_application (about 5% have none)
 */
record ClientSkeleton(double risk, int bureauCredits, int previousApplications) {

    /** Real shares of clients without bureau credits / previous applications, and the means of those with some. */
    private static final double NO_BUREAU = 0.14;
    private static final double BUREAU_MEAN_IF_ANY = 1_716_428.0 / 356_255 / (1 - NO_BUREAU);
    private static final double NO_PREVIOUS = 0.05;
    private static final double PREVIOUS_MEAN_IF_ANY = 1_670_214.0 / 356_255 / (1 - NO_PREVIOUS);

    /** The skeleton of client number {@code index} (0-based over train and test clients). */
    static ClientSkeleton of(long seed, long index) {
        SplittableRandom random = new SplittableRandom(mix(seed, index, 0x5EED_0001L));
        double risk = random.nextGaussian();
        int bureau = random.nextDouble() < NO_BUREAU ? 0 : 1 + geometric(random, BUREAU_MEAN_IF_ANY - 1, 60);
        int previous = random.nextDouble() < NO_PREVIOUS ? 0 : 1 + geometric(random, PREVIOUS_MEAN_IF_ANY - 1, 70);
        return new ClientSkeleton(risk, bureau, previous);
    }

    /** The stream from which every row of client {@code index} is drawn, independent of thread timing. */
    static SplittableRandom rowStream(long seed, long index) {
        return new SplittableRandom(mix(seed, index, 0x5EED_0002L));
    }

    /** Counts are skewed like the real ones: many clients with a few rows, a long tail with dozens. */
    private static int geometric(SplittableRandom random, double mean, int cap) {
        double p = 1 / (1 + mean);
        int n = (int) (Math.log(1 - random.nextDouble()) / Math.log(1 - p));
        return Math.min(n, cap);
    }

    /** A 64-bit finaliser (MurmurHash3 fmix64) so that nearby seeds and indices give unrelated streams. */
    static long mix(long seed, long index, long stream) {
        long h = seed * 0x9E3779B97F4A7C15L + index * 0xC2B2AE3D27D4EB4FL + stream;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return h;
    }
}
