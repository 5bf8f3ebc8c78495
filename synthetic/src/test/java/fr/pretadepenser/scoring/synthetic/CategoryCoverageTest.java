package fr.pretadepenser.scoring.synthetic;

import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CategoryCoverageTest {

    private static final HomeCreditSchema SCHEMA = HomeCreditSchema.load();
    private static final MarginalProfile PROFILE = MarginalProfile.load();
    private static final GeneratorSettings DEMO = new GeneratorSettings(30_000, 42);

    private static Set<String> placed(CategoryCoverage plan, String table, String column) {
        int c = SCHEMA.table(table).header().indexOf(column);
        ColumnProfile p = PROFILE.find(MarginalProfile.profiledTable(table), column);
        return plan.all().stream().filter(x -> x.table().equals(table) && x.column() == c)
                .map(x -> p.category(x.category())).collect(Collectors.toSet());
    }

    @Test
    void placesOnlyCategoriesTooRareToBeDrawnAtThisSize() {
        CategoryCoverage plan = CategoryCoverage.plan(SCHEMA, PROFILE, DEMO, 1_000);
        String train = HomeCreditSchema.APPLICATION_TRAIN;
        assertEquals(Set.of("XNA"), placed(plan, train, "CODE_GENDER"));
        assertTrue(placed(plan, train, "NAME_INCOME_TYPE").containsAll(Set.of("Maternity leave", "Student",
                "Unemployed")));
        assertFalse(placed(plan, train, "NAME_INCOME_TYPE").contains("Working"));
        assertEquals(Set.of("Canceled", "XNA"),
                placed(plan, HomeCreditSchema.POS_CASH_BALANCE, "NAME_CONTRACT_STATUS"));
        // application_test is six times smaller: more of its categories need placing.
        assertTrue(placed(plan, HomeCreditSchema.APPLICATION_TEST, "ORGANIZATION_TYPE").size()
                > placed(plan, train, "ORGANIZATION_TYPE").size());
    }

    @Test
    void duesEveryPlacementInTheFirstHalfOfItsChunk() {
        List<CategoryCoverage.Placement> all = CategoryCoverage.plan(SCHEMA, PROFILE, DEMO, 1_000).all();
        assertFalse(all.isEmpty());
        for (CategoryCoverage.Placement p : all) {
            assertTrue(p.client() % 1_000 < 500 && p.client() < DEMO.allClients(), p.toString());
        }
    }

    @Test
    void betweenReturnsThePlacementsOfAChunkInClientOrder() {
        CategoryCoverage plan = CategoryCoverage.plan(SCHEMA, PROFILE, DEMO, 1_000);
        int total = 0;
        for (long from = 0; from < DEMO.allClients(); from += 1_000) {
            List<CategoryCoverage.Placement> chunk = plan.between(from, from + 1_000);
            for (int i = 0; i < chunk.size(); i++) {
                assertTrue(chunk.get(i).client() >= from && chunk.get(i).client() < from + 1_000);
                assertTrue(i == 0 || chunk.get(i - 1).client() <= chunk.get(i).client());
            }
            total += chunk.size();
        }
        assertEquals(plan.all().size(), total);
    }
}
