package fr.pretadepenser.scoring.synthetic;

import fr.pretadepenser.scoring.schema.Column;
import fr.pretadepenser.scoring.schema.ColumnType;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import fr.pretadepenser.scoring.schema.Table;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The categories the generator places by hand, so that every category the schema lists for a text column appears in
 * every file however few the clients.
 *
 * <p>Drawing alone writes a category of share p about n p times in n rows, so a rare one (a few in 100,000 rows, or
 * a floor of a few rows in a demo data set) is often absent from a small file. For each file and text column, every
 * category expected fewer than {@value #ENOUGH} times at this size (from the profile's share and missing share, the
 * file's rows estimated from Kaggle's rows per client) is placed once by hand, on top of the draws: it becomes due at
 * a chosen client, and the next row of that file able to hold it takes it (a row where the column has a value; for a
 * structural column, one where the category makes sense, such as an organization on an employed client). Categories
 * expected {@value #ENOUGH} times or more are left to the draws, which miss one with probability below e^-20.
 *
 * <p>The chosen clients are spread evenly over the clients, file by file, then moved into the first half of their
 * chunk of generation, which one thread writes in client order, so that rows remain in the chunk to place them. The
 * plan depends only on the settings: the same seed still gives the same bytes.
 */
final class CategoryCoverage {

    /** Expected occurrences from which a category is left to the draws alone. */
    static final double ENOUGH = 20;

    /** Clients of the full Kaggle files (train and test), and rows of their side tables. */
    private static final double KAGGLE_CLIENTS = 356_255;
    private static final Map<String, Double> KAGGLE_ROWS = Map.of(
            HomeCreditSchema.BUREAU, 1_716_428.0,
            HomeCreditSchema.BUREAU_BALANCE, 27_299_925.0,
            HomeCreditSchema.PREVIOUS_APPLICATION, 1_670_214.0,
            HomeCreditSchema.POS_CASH_BALANCE, 10_001_358.0,
            HomeCreditSchema.INSTALLMENTS_PAYMENTS, 13_605_401.0,
            HomeCreditSchema.CREDIT_CARD_BALANCE, 3_840_312.0);

    /**
     * One category to place.
     *
     * @param client   the 0-based client from whom it is due
     * @param table    the file
     * @param column   the column's index in the file
     * @param category the category's index in the column's profile
     */
    record Placement(long client, String table, int column, int category) {
    }

    private final List<Placement> placements;

    private CategoryCoverage(List<Placement> placements) {
        this.placements = List.copyOf(placements);
    }

    /**
     * The placements for a data set of these settings, generated in chunks of {@code chunkClients} consecutive
     * clients.
     */
    static CategoryCoverage plan(HomeCreditSchema schema, MarginalProfile profile, GeneratorSettings settings,
                                 int chunkClients) {
        long clients = settings.allClients();
        List<Placement> placements = new ArrayList<>();
        for (Table table : schema.tables()) {
            double rows = expectedRows(table.name(), settings);
            List<int[]> rare = new ArrayList<>();
            List<Column> columns = table.columns();
            for (int c = 0; c < columns.size(); c++) {
                if (columns.get(c).type() != ColumnType.TEXT) {
                    continue;
                }
                ColumnProfile p = profile.find(MarginalProfile.profiledTable(table.name()), columns.get(c).name());
                for (int k = 0; k < p.categoryCount(); k++) {
                    if (rows * (1 - p.missingShare()) * p.categoryShare(k) < ENOUGH) {
                        rare.add(new int[] {c, k});
                    }
                }
            }
            for (int i = 0; i < rare.size(); i++) {
                long spread = (long) ((i + 0.5) * clients / rare.size());
                long chunkStart = spread / chunkClients * chunkClients;
                placements.add(new Placement(chunkStart + (spread - chunkStart) / 2, table.name(),
                        rare.get(i)[0], rare.get(i)[1]));
            }
        }
        placements.sort(Comparator.comparingLong(Placement::client));
        return new CategoryCoverage(placements);
    }

    /** Rows of a file for these settings: exact for the application files, from Kaggle's ratios for the others. */
    static double expectedRows(String table, GeneratorSettings settings) {
        return switch (table) {
            case HomeCreditSchema.APPLICATION_TRAIN -> settings.trainClients();
            case HomeCreditSchema.APPLICATION_TEST -> settings.testClients();
            default -> KAGGLE_ROWS.get(table) * settings.allClients() / KAGGLE_CLIENTS;
        };
    }

    /** The placements due at clients {@code from} (inclusive) to {@code to} (exclusive), by client. */
    List<Placement> between(long from, long to) {
        int lo = firstAtOrAfter(from);
        int hi = firstAtOrAfter(to);
        return placements.subList(lo, hi);
    }

    /** Every placement, by client. */
    List<Placement> all() {
        return placements;
    }

    private int firstAtOrAfter(long client) {
        int lo = 0;
        int hi = placements.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (placements.get(mid).client() < client) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
