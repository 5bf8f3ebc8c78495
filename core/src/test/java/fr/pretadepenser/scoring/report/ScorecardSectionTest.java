package fr.pretadepenser.scoring.report;

import fr.pretadepenser.scoring.model.bundle.BundleManifest;
import fr.pretadepenser.scoring.model.bundle.ModelBundle;
import fr.pretadepenser.scoring.model.scorecard.Scorecard;
import fr.pretadepenser.scoring.model.scorecard.ScorecardVariable;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import fr.pretadepenser.scoring.score.Scorer;
import fr.pretadepenser.scoring.testing.TinyBundle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScorecardSectionTest {

    static Scorer scorer;
    static ModelBundle bundle;
    static String xhtml;

    @BeforeAll
    static void renderTheNoteOfATinyBundle() throws Exception {
        TinyBundle tiny = TinyBundle.get();
        scorer = tiny.scorer();
        bundle = scorer.bundle();
        xhtml = new MethodologyReport(scorer, HomeCreditSchema.load(), tiny.database()).xhtml();
    }

    @Test
    void showsEveryBinOfTheScorecardTable() {
        Scorecard s = bundle.manifest().scorecard();
        String table = section("Scorecard: points per bin (fitted on all training applications)");
        int bins = s.variables().stream().mapToInt(v -> v.bins().size()).sum();
        // One body row per bin, after the header row.
        assertEquals(bins + 1, table.split("<tr>", -1).length - 1);
        ScorecardVariable first = s.variables().get(0);
        assertTrue(table.contains(first.table() + "." + first.variable()));
        assertTrue(table.contains(Xhtml.escape(first.bins().get(0).label())));
    }

    @Test
    void comparesAucKsAndCostWithTheBoostedModelOnTheSameFolds() {
        BundleManifest m = bundle.manifest();
        String table = section("Scorecard against the boosted model, out of fold on the same folds");
        for (double v : new double[]{m.model().rocAuc(), m.model().ks(), m.scorecard().evaluation().rocAuc(),
                m.scorecard().evaluation().ks()}) {
            assertTrue(table.contains(String.format(Locale.ROOT, "%.4f", v)), v + " in " + table);
        }
        assertTrue(table.contains(String.format(Locale.ROOT, "%.3f", m.scorecard().normalizedCost())));
    }

    @Test
    void leavesTheSectionOutWithoutAScorecard() {
        BundleManifest m = bundle.manifest();
        BundleManifest without = new BundleManifest(m.version(), m.createdAt(), m.settings(), m.dataFingerprint(),
                m.sourceFiles(), m.trainingRows(), m.defaultRate(), m.featureCount(), m.parameters(), m.rounds(),
                m.threshold(), m.cost(), m.model(), m.prior(), m.logistic(), m.classWeighting(), m.search(),
                m.atThreshold(), m.atHalf(), m.normalizedCost(), m.costCurve(), m.calibration(), m.roc(),
                m.precisionRecall(), m.fairness(), m.shapImportance(), m.gainImportance(), m.featureReference(),
                m.scoreReference(), m.libraries(), null, m.selection());
        Xhtml page = new Xhtml();
        new ScorecardSection(without).write(page);
        assertFalse(page.toString().contains("Scorecard"));
    }

    /** The table with that caption, as written. */
    private static String section(String caption) {
        int at = xhtml.indexOf("<caption>" + Xhtml.escape(caption) + "</caption>");
        assertTrue(at > 0, "no table captioned " + caption);
        return xhtml.substring(at, xhtml.indexOf("</table>", at));
    }
}
