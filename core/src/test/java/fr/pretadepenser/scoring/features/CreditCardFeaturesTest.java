package fr.pretadepenser.scoring.features;

import fr.pretadepenser.scoring.testing.BuiltFeatures;
import fr.pretadepenser.scoring.testing.TableFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static fr.pretadepenser.scoring.schema.HomeCreditSchema.CREDIT_CARD_BALANCE;
import static fr.pretadepenser.scoring.testing.BuiltFeatures.applications;
import static fr.pretadepenser.scoring.testing.FeatureAssertions.assertFeature;
import static fr.pretadepenser.scoring.testing.FeatureAssertions.assertMissing;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * credit_card.sql against values worked out by hand.
 *
 * <pre>
 * client 600001  prev 1  month -2  balance 100  limit 1000  Active     DPD 0
 *                prev 1  month -1  balance 300  limit 1000  Active     DPD 2
 *                prev 2  month -1  balance  -   limit  500  Completed  DPD 0
 * client 600002  prev 3  month -4  balance  -   limit  700  Active     DPD 0   (one row)
 * client 600003  no credit card rows
 * </pre>
 */
class CreditCardFeaturesTest {

    static final long MANY = 600001;
    static final long ONE = 600002;
    static final long NONE = 600003;

    static BuiltFeatures features;

    @BeforeAll
    static void build(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("data");
        applications(MANY, ONE, NONE).writeTo(data);
        TableFile.of(CREDIT_CARD_BALANCE)
                .row(month("1", MANY, "-2", "100", "1000", "Active", "0"))
                .row(month("1", MANY, "-1", "300", "1000", "Active", "2"))
                .row(month("2", MANY, "-1", "", "500", "Completed", "0"))
                .row(month("3", ONE, "-4", "", "700", "Active", "0"))
                .writeTo(data);
        features = BuiltFeatures.of(data, tmp.resolve("work"));
    }

    private static String[] month(String prev, long client, String month, String balance, String limit,
                                  String status, String dpd) {
        return new String[] {"SK_ID_PREV", prev, "SK_ID_CURR", Long.toString(client), "MONTHS_BALANCE", month,
                "AMT_BALANCE", balance, "AMT_CREDIT_LIMIT_ACTUAL", limit, "NAME_CONTRACT_STATUS", status,
                "SK_DPD", dpd};
    }

    @Test
    void aggregatesEveryNumericColumnWithFiveFunctions() {
        double mean = (-2.0 + -1 + -1) / 3;
        assertAll(
                () -> assertFeature(-2, features, MANY, "CC_MONTHS_BALANCE_MIN"),
                () -> assertFeature(-1, features, MANY, "CC_MONTHS_BALANCE_MAX"),
                () -> assertFeature(mean, features, MANY, "CC_MONTHS_BALANCE_MEAN"),
                () -> assertFeature(-2 + -1 + -1, features, MANY, "CC_MONTHS_BALANCE_SUM"),
                () -> assertFeature((Math.pow(-2 - mean, 2) + 2 * Math.pow(-1 - mean, 2)) / (3 - 1), features, MANY,
                        "CC_MONTHS_BALANCE_VAR"),
                () -> assertFeature(100, features, MANY, "CC_AMT_BALANCE_MIN"),
                () -> assertFeature(300, features, MANY, "CC_AMT_BALANCE_MAX"),
                () -> assertFeature((100.0 + 300) / 2, features, MANY, "CC_AMT_BALANCE_MEAN"),
                () -> assertFeature(100 + 300, features, MANY, "CC_AMT_BALANCE_SUM"),
                // mean 200: (100^2 + 100^2) / (2 - 1)
                () -> assertFeature(100.0 * 100 + 100 * 100, features, MANY, "CC_AMT_BALANCE_VAR"),
                () -> assertFeature(1000 + 1000 + 500, features, MANY, "CC_AMT_CREDIT_LIMIT_ACTUAL_SUM"),
                () -> assertFeature(2, features, MANY, "CC_SK_DPD_MAX"));
    }

    @Test
    void aggregatesOneHotColumnsWithTheSameFiveFunctions() {
        double mean = 2.0 / 3;
        assertAll(
                () -> assertFeature(0, features, MANY, "CC_NAME_CONTRACT_STATUS_Active_MIN"),
                () -> assertFeature(1, features, MANY, "CC_NAME_CONTRACT_STATUS_Active_MAX"),
                () -> assertFeature(mean, features, MANY, "CC_NAME_CONTRACT_STATUS_Active_MEAN"),
                () -> assertFeature(1 + 1 + 0, features, MANY, "CC_NAME_CONTRACT_STATUS_Active_SUM"),
                () -> assertFeature((2 * Math.pow(1 - mean, 2) + Math.pow(0 - mean, 2)) / (3 - 1), features, MANY,
                        "CC_NAME_CONTRACT_STATUS_Active_VAR"),
                () -> assertFeature(1, features, MANY, "CC_NAME_CONTRACT_STATUS_Completed_SUM"),
                () -> assertFeature(0, features, MANY, "CC_NAME_CONTRACT_STATUS_nan_MAX"),
                () -> assertFeature(0, features, MANY, "CC_NAME_CONTRACT_STATUS_nan_VAR"));
    }

    @Test
    void aSingleRowHasMissingVariancesAndOnlyMissingValuesSumToZero() {
        assertAll(
                () -> assertMissing(features, ONE, "CC_AMT_CREDIT_LIMIT_ACTUAL_VAR"),
                () -> assertMissing(features, ONE, "CC_NAME_CONTRACT_STATUS_Active_VAR"),
                () -> assertFeature(700, features, ONE, "CC_AMT_CREDIT_LIMIT_ACTUAL_MEAN"),
                () -> assertFeature(0, features, ONE, "CC_AMT_BALANCE_SUM"),
                () -> assertMissing(features, ONE, "CC_AMT_BALANCE_MEAN"),
                () -> assertMissing(features, ONE, "CC_AMT_BALANCE_MIN"));
    }

    @Test
    void countsRows() {
        assertFeature(3, features, MANY, "CC_COUNT");
        assertFeature(1, features, ONE, "CC_COUNT");
    }

    @Test
    void neverAggregatesTheKeys() {
        assertEquals(List.of(), features.columns().stream()
                .filter(c -> c.startsWith("CC_SK_ID") || c.contains("SK_ID_PREV")).toList());
    }

    @Test
    void aClientWithoutCreditCardRowsHasEveryCreditCardFeatureMissingCountIncluded() {
        List<String> cards = features.columnsStartingWith("CC_");
        assertFalse(cards.isEmpty());
        assertAll(cards.stream().map(name -> () -> assertMissing(features, NONE, name)));
    }
}
