package fr.pretadepenser.scoring.explain;

import fr.pretadepenser.scoring.data.Vocabularies;
import fr.pretadepenser.scoring.features.Feature;
import fr.pretadepenser.scoring.features.FeatureManifest;
import fr.pretadepenser.scoring.model.bundle.FeatureReference;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReasonCodesTest {

    private static final Vocabularies VOCABULARIES = new Vocabularies(Map.of(
            "application.NAME_INCOME_TYPE", List.of("Pensioner", "Working"),
            "previous_application.PRODUCT_COMBINATION", List.of("Cash", "Cash X-Sell: low")));

    private static final FeatureManifest MANIFEST = new FeatureManifest("test", VOCABULARIES, List.of(
            new Feature("EXT_SOURCE_3", "application", "EXT_SOURCE_3"),
            new Feature("NAME_INCOME_TYPE_Working", "application", "NAME_INCOME_TYPE"),
            new Feature("BURO_DAYS_CREDIT_MEAN", "bureau", "DAYS_CREDIT"),
            new Feature("AMT_INCOME_TOTAL", "application", "AMT_INCOME_TOTAL"),
            new Feature("PREV_PRODUCT_COMBINATION_Cash_MEAN", "previous_application", "PRODUCT_COMBINATION"),
            new Feature("PREV_PRODUCT_COMBINATION_Cash X-Sell: low_MEAN", "previous_application",
                    "PRODUCT_COMBINATION")));

    // EXT_SOURCE_3 = 0.21 lies in the bin (0.2, 0.4] holding 20%, above the 10% of (.., 0.2]: 10% + 20% / 2 = 20%
    // of clients lower, 80% higher. BURO_DAYS_CREDIT_MEAN = -900 lies in (-1000, -800]: 20% + 30% / 2 = 35% of
    // values lower, so as a duration (2.5 years) 65% of clients have a shorter one.
    private final ReasonCodes codes = new ReasonCodes(MANIFEST, Map.of(
            "EXT_SOURCE_3", new FeatureReference("EXT_SOURCE_3", 0, List.of(0.2, 0.4, 0.6, 0.8),
                    List.of(0.1, 0.2, 0.3, 0.2, 0.2)),
            "BURO_DAYS_CREDIT_MEAN", new FeatureReference("BURO_DAYS_CREDIT_MEAN", 0, List.of(-1000.0, -800.0, -500.0),
                    List.of(0.2, 0.3, 0.3, 0.2))),
            new VariableLabels(HomeCreditSchema.load()));

    private final Explanation explanation = new Explanation(-2.4, -1.5, 1 / (1 + Math.exp(1.5)), List.of(
            new Contribution("application", "EXT_SOURCE_3", 0.8),
            new Contribution("bureau", "DAYS_CREDIT", -0.4),
            new Contribution("application", "NAME_INCOME_TYPE", 0.3),
            new Contribution("application", "AMT_INCOME_TOTAL", 0.2)),
            List.of("EXT_SOURCE_3", "BURO_DAYS_CREDIT_MEAN", "NAME_INCOME_TYPE_Working", "AMT_INCOME_TOTAL"));

    private final float[] row = {0.21f, 1f, -900f, Float.NaN, 0.25f, 0.5f};

    @Test
    void explainsTheFactorsAgainstInEnglish() {
        assertEquals(List.of(
                        "External score 3 is low (0.21; 80% of clients are higher)",
                        "Income type is Working",
                        "Income is not known"),
                codes.against(explanation, row, Language.EN, 4).stream().map(ReasonCode::sentence).toList());
    }

    @Test
    void explainsTheFactorsAgainstInFrench() {
        assertEquals(List.of(
                        "Score externe 3 : valeur faible (0,21 ; 80 % des clients ont une valeur plus élevée)",
                        "Type de revenu : Salarié"),
                codes.against(explanation, row, Language.FR, 2).stream().map(ReasonCode::sentence).toList());
    }

    @Test
    void explainsTheFactorsInFavourWithDaysAsYears() {
        List<ReasonCode> favour = codes.inFavour(explanation, row, Language.EN, 4);
        assertEquals(1, favour.size());
        assertEquals("Age of credits at other lenders is high (2.5 years; 65% of clients are lower)",
                favour.get(0).sentence());
        assertEquals(-0.4, favour.get(0).contribution());
        assertEquals("Ancienneté des crédits auprès d'autres prêteurs : valeur élevée (2,5 ans ; 65 % des clients ont"
                + " une valeur plus basse)", codes.inFavour(explanation, row, Language.FR, 1).get(0).sentence());
    }

    @Test
    void aSideTableCategoryReadsAsTheShareOfTheClientsRowsNamedByTheLongestMatch() {
        Explanation history = new Explanation(-2.4, -2.0, 1 / (1 + Math.exp(2.0)), List.of(
                new Contribution("previous_application", "PRODUCT_COMBINATION", 0.4)),
                List.of("PREV_PRODUCT_COMBINATION_Cash X-Sell: low_MEAN"));
        ReasonCode reason = codes.against(history, row, Language.EN, 1).get(0);
        assertTrue(reason.sentence().endsWith(": share of Cash, cross-sell: low 50.0%"), reason.sentence());
        assertTrue(codes.against(history, row, Language.FR, 1).get(0).sentence()
                .endsWith(" : part « Espèces, vente croisée : taux bas » 50,0 %"));
    }

    @Test
    void readsTheLanguageFromATag() {
        assertEquals(Language.EN, Language.of("en-GB"));
        assertEquals(Language.FR, Language.of("fr"));
        assertEquals(Language.FR, Language.of(null));
    }
}
