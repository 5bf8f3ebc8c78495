package fr.pretadepenser.scoring.synthetic;

import fr.pretadepenser.scoring.schema.HomeCreditSchema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Generates every row of a chunk of consecutive clients. Each client draws from its own random streams (seeded by
 * the settings' seed and its index), so a chunk's bytes do not depend on which thread makes it or when.
 * Keys: client {@code i} (0-based over train and test) is SK_ID_CURR 100001 + i, so that Kaggle's sizes give
 * exactly Kaggle's range 100001-456255; test clients are spread evenly among train clients, the first one being a
 * test client (100001 is in Kaggle's application_test, 100002 in application_train); SK_ID_BUREAU and SK_ID_PREV number rows in client order from
 * 5,000,000 and 1,000,001. The {@link CategoryCoverage}'s placements of the chunk are handed to the writers at their
 * client. Not thread-safe: one instance per task (a chunk's due categories end with it).
 */
final class ClientSimulator {

    static final long FIRST_CLIENT_ID = 100_001;
    static final long FIRST_BUREAU_ID = 5_000_000;
    static final long FIRST_PREVIOUS_ID = 1_000_001;

    private final GeneratorSettings settings;
    private final ApplicationRows train;
    private final ApplicationRows test;
    private final BureauRows bureau;
    private final RepaymentRows repayments;
    private final PreviousApplicationRows previous;
    private final ClientHistory history = new ClientHistory();
    private final CategoryCoverage coverage;
    private final Map<String, RowWriter> writers = new HashMap<>();

    ClientSimulator(GeneratorSettings settings, HomeCreditSchema schema, MarginalProfile profile,
                    CategoryCoverage coverage) {
        this.settings = settings;
        this.coverage = coverage;
        HiddenRiskModel riskModel = new HiddenRiskModel();
        train = new ApplicationRows(schema.table(HomeCreditSchema.APPLICATION_TRAIN), profile, riskModel);
        test = new ApplicationRows(schema.table(HomeCreditSchema.APPLICATION_TEST), profile, riskModel);
        bureau = new BureauRows(schema.table(HomeCreditSchema.BUREAU), schema.table(HomeCreditSchema.BUREAU_BALANCE),
                profile);
        repayments = new RepaymentRows(schema, profile);
        previous = new PreviousApplicationRows(schema.table(HomeCreditSchema.PREVIOUS_APPLICATION), profile,
                repayments);
        List<RowWriter> all = new ArrayList<>(List.of(train.writer(), test.writer(), previous.writer()));
        all.addAll(bureau.writers());
        all.addAll(repayments.writers());
        for (RowWriter writer : all) {
            writers.put(writer.table().name(), writer);
        }
    }

    /**
     * Whether client {@code index} belongs to application_test. Test clients are spread evenly over the range:
     * {@code index * test mod all} falls below {@code test} for exactly {@code test} indices out of {@code all}.
     */
    static boolean isTest(long index, long allClients, long testClients) {
        return index * testClients % allClients < testClients;
    }

    /** Writes the header line of every table. */
    void writeHeaders(ChunkOutput out) {
        train.writeHeader(out.train());
        test.writeHeader(out.test());
        bureau.writeHeaders(out.bureau(), out.bureauBalance());
        previous.writeHeader(out.previous());
        repayments.writeHeaders(out);
    }

    /**
     * Writes clients {@code from} (inclusive) to {@code to} (exclusive), whose first bureau credit and previous
     * application take the given ids.
     */
    ChunkOutput generate(long from, long to, long firstBureauId, long firstPreviousId) {
        ChunkOutput out = ChunkOutput.forClients((int) (to - from));
        long bureauId = firstBureauId;
        long previousId = firstPreviousId;
        List<CategoryCoverage.Placement> placements = coverage.between(from, to);
        int nextPlacement = 0;
        for (long index = from; index < to; index++) {
            // Categories due from this client on wait in their file's writer until a row can hold them.
            while (nextPlacement < placements.size() && placements.get(nextPlacement).client() == index) {
                CategoryCoverage.Placement p = placements.get(nextPlacement++);
                writers.get(p.table()).addDue(p.column(), p.category());
            }
            ClientSkeleton skeleton = ClientSkeleton.of(settings.seed(), index);
            SplittableRandom random = ClientSkeleton.rowStream(settings.seed(), index);
            long skIdCurr = FIRST_CLIENT_ID + index;
            history.clear();
            bureau.write(skIdCurr, bureauId, skeleton, history, random, out.bureau(), out.bureauBalance());
            previous.write(skIdCurr, previousId, skeleton, history, random, out);
            if (isTest(index, settings.allClients(), settings.testClients())) {
                test.write(skIdCurr, skeleton, history, random, out.test());
            } else {
                train.write(skIdCurr, skeleton, history, random, out.train());
            }
            bureauId += skeleton.bureauCredits();
            previousId += skeleton.previousApplications();
        }
        return out;
    }
}
