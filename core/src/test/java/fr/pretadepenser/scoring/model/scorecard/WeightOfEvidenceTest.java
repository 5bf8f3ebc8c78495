package fr.pretadepenser.scoring.model.scorecard;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WeightOfEvidenceTest {

    @Test
    void computesWoeAndInformationValueOfATinyTableByHand() {
        // Two bins, goods 40 + 60 = 100, bads 10 + 40 = 50.
        // A: ln((40/100) / (10/50)) = ln 2; B: ln((60/100) / (40/50)) = ln 0.75.
        assertEquals(Math.log(2), WeightOfEvidence.woe(40, 10, 100, 50), 1e-12);
        assertEquals(Math.log(0.75), WeightOfEvidence.woe(60, 40, 100, 50), 1e-12);
        // IV = (0.4 - 0.2) ln 2 + (0.6 - 0.8) ln 0.75 = 0.138629 + 0.057536 = 0.196166.
        double iv = BinMerging.informationValue(List.of(new BinMerging.Cell(0, 0, 40, 10),
                new BinMerging.Cell(1, 1, 60, 40)), 100, 50);
        assertEquals(0.196166, iv, 1e-6);
    }

    @Test
    void smoothsABinWithoutGoodsOrBadsByHalfACount() {
        // 0 goods, 5 bads: ln((0.5 / 100) / (5.5 / 50)).
        assertEquals(Math.log(0.005 / 0.11), WeightOfEvidence.woe(0, 5, 100, 50), 1e-12);
        assertEquals(Math.log((7.5 / 100) / (0.5 / 50)), WeightOfEvidence.woe(7, 0, 100, 50), 1e-12);
    }

    @Test
    void givesAnEmptyBinNoEvidence() {
        assertEquals(0, WeightOfEvidence.woe(0, 0, 100, 50), 0);
        assertEquals(0, WeightOfEvidence.informationValue(0, 0, 100, 50), 0);
    }
}
