package fr.pretadepenser.scoring.explain;

import fr.pretadepenser.scoring.model.scorecard.ScorecardBin;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BinTextTest {

    private static final VariableLabels LABELS = new VariableLabels(HomeCreditSchema.load());
    // Java writes French groups with a narrow no-break space.
    private static final String GROUP = "\u202f";

    private static ScorecardBin numeric(Double lower, Double upper) {
        return new ScorecardBin("exact", lower, upper, List.of(), false, 1, 1, 0, 0, 0);
    }

    private static String fr(ScorecardBin bin) {
        return BinText.of("application", "EXT_SOURCE_3", bin, Language.FR, LABELS);
    }

    private static String en(ScorecardBin bin) {
        return BinText.of("application", "EXT_SOURCE_3", bin, Language.EN, LABELS);
    }

    @Test
    void writesAnIntervalWithTheLanguagesMarksAndThreeSignificantDigits() {
        ScorecardBin bin = numeric(0.07317, 0.4545);
        assertEquals("]0,0732 ; 0,455]", fr(bin));
        assertEquals("(0.0732, 0.455]", en(bin));
    }

    @Test
    void keepsTheWholePartOfLargeNumbersWithGrouping() {
        ScorecardBin bin = numeric(112500.0, 135000.0);
        assertEquals("]112" + GROUP + "500 ; 135" + GROUP + "000]", fr(bin));
        assertEquals("(112,500, 135,000]", en(bin));
    }

    @Test
    void addsDigitsOnlyWhenTwoBoundsWouldReadAlike() {
        assertEquals("]0,4541 ; 0,4544]", fr(numeric(0.4541, 0.4544)));
    }

    @Test
    void writesOpenEndsInWords() {
        assertEquals("jusqu'à 0,455", fr(numeric(null, 0.4545)));
        assertEquals("up to 0.455", en(numeric(null, 0.4545)));
        assertEquals("plus de 0,0732", fr(numeric(0.07317, null)));
        assertEquals("over 0.0732", en(numeric(0.07317, null)));
        assertEquals("toutes valeurs", fr(numeric(null, null)));
    }

    @Test
    void writesCategoriesByTheirLabelsAndTheMissingBinInWords() {
        ScorecardBin group = new ScorecardBin("Working, State servant", null, null, List.of("Working", "State servant"),
                false, 1, 1, 0, 0, 0);
        assertEquals("Salarié ; Fonctionnaire",
                BinText.of("application", "NAME_INCOME_TYPE", group, Language.FR, LABELS));
        assertEquals("Working; State servant",
                BinText.of("application", "NAME_INCOME_TYPE", group, Language.EN, LABELS));
        ScorecardBin missing = new ScorecardBin("missing", null, null, List.of(), true, 1, 1, 0, 0, 0);
        assertEquals("non renseigné", fr(missing));
        assertEquals("not known", en(missing));
    }
}
