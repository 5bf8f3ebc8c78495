package fr.pretadepenser.scoring.features;

import fr.pretadepenser.scoring.testing.BuiltFeatures;
import fr.pretadepenser.scoring.testing.TableFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static fr.pretadepenser.scoring.schema.HomeCreditSchema.BUREAU;
import static fr.pretadepenser.scoring.schema.HomeCreditSchema.BUREAU_BALANCE;
import static fr.pretadepenser.scoring.testing.BuiltFeatures.applications;
import static fr.pretadepenser.scoring.testing.FeatureAssertions.assertFeature;
import static fr.pretadepenser.scoring.testing.FeatureAssertions.assertMissing;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * bureau.sql against values worked out by hand on a tiny bureau and bureau_balance.
 *
 * <pre>
 * client 100001  credit 5001  Active  DAYS_CREDIT  -100  AMT_CREDIT_SUM 1000  DEBT 400  Consumer credit
 *                             balance: -2 C, -1 C, 0 X
 *                credit 5002  Active  DAYS_CREDIT  -300  AMT_CREDIT_SUM 3000  overdue 10 days  Credit card
 *                             balance: -5 0, -4 1
 *                credit 5003  Closed  DAYS_CREDIT -1000  AMT_CREDIT_SUM  500  Consumer credit, no balance rows
 * client 100002  credit 5004  Closed  DAYS_CREDIT   -50  AMT_CREDIT_SUM  200  (only closed credits)
 * client 100003  no bureau rows
 * </pre>
 * AMT_CREDIT_SUM_LIMIT is empty on every row.
 */
class BureauFeaturesTest {

    static final long MANY = 100001;
    static final long CLOSED_ONLY = 100002;
    static final long NONE = 100003;

    static BuiltFeatures features;

    @BeforeAll
    static void build(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("data");
        applications(MANY, CLOSED_ONLY, NONE).writeTo(data);
        bureau("5001", MANY, "Active", "-100", "1000", "Consumer credit")
                .row(credit("5002", MANY, "Active", "-300", "3000", "Credit card", "CREDIT_DAY_OVERDUE", "10",
                        "CNT_CREDIT_PROLONG", "2"))
                .row(credit("5003", MANY, "Closed", "-1000", "500", "Consumer credit"))
                .row(credit("5004", CLOSED_ONLY, "Closed", "-50", "200", "Consumer credit"))
                .writeTo(data);
        TableFile.of(BUREAU_BALANCE)
                .row("SK_ID_BUREAU", "5001", "MONTHS_BALANCE", "-2", "STATUS", "C")
                .row("SK_ID_BUREAU", "5001", "MONTHS_BALANCE", "-1", "STATUS", "C")
                .row("SK_ID_BUREAU", "5001", "MONTHS_BALANCE", "0", "STATUS", "X")
                .row("SK_ID_BUREAU", "5002", "MONTHS_BALANCE", "-5", "STATUS", "0")
                .row("SK_ID_BUREAU", "5002", "MONTHS_BALANCE", "-4", "STATUS", "1")
                .writeTo(data);
        features = BuiltFeatures.of(data, tmp.resolve("work"));
    }

    private static TableFile bureau(String id, long client, String active, String daysCredit, String sum,
                                    String type) {
        return TableFile.of(BUREAU).row(credit(id, client, active, daysCredit, sum, type,
                "AMT_CREDIT_SUM_DEBT", "400", "CNT_CREDIT_PROLONG", "1"));
    }

    private static String[] credit(String id, long client, String active, String daysCredit, String sum,
                                   String type, String... more) {
        List<String> values = new java.util.ArrayList<>(List.of("SK_ID_BUREAU", id, "SK_ID_CURR",
                Long.toString(client), "CREDIT_ACTIVE", active, "CREDIT_CURRENCY", "currency 1",
                "DAYS_CREDIT", daysCredit, "AMT_CREDIT_SUM", sum, "CREDIT_TYPE", type));
        values.addAll(List.of(more));
        return values.toArray(String[]::new);
    }

    @Nested
    @DisplayName("over all of a client's credits (BURO_)")
    class AllCredits {

        @Test
        void aggregatesDaysCreditWithSampleVariance() {
            double mean = (-100.0 + -300.0 + -1000.0) / 3;
            double variance = (Math.pow(-100 - mean, 2) + Math.pow(-300 - mean, 2) + Math.pow(-1000 - mean, 2)) / (3 - 1);
            assertAll(
                    () -> assertFeature(-1000, features, MANY, "BURO_DAYS_CREDIT_MIN"),
                    () -> assertFeature(-100, features, MANY, "BURO_DAYS_CREDIT_MAX"),
                    () -> assertFeature(mean, features, MANY, "BURO_DAYS_CREDIT_MEAN"),
                    () -> assertFeature(variance, features, MANY, "BURO_DAYS_CREDIT_VAR"));
        }

        @Test
        void sumsMeansAndMaximaSkipMissingValues() {
            assertAll(
                    () -> assertFeature(1000 + 3000 + 500, features, MANY, "BURO_AMT_CREDIT_SUM_SUM"),
                    () -> assertFeature(3000, features, MANY, "BURO_AMT_CREDIT_SUM_MAX"),
                    () -> assertFeature((1000.0 + 3000 + 500) / 3, features, MANY, "BURO_AMT_CREDIT_SUM_MEAN"),
                    // only credit 5001 has a debt
                    () -> assertFeature(400, features, MANY, "BURO_AMT_CREDIT_SUM_DEBT_SUM"),
                    () -> assertFeature(400, features, MANY, "BURO_AMT_CREDIT_SUM_DEBT_MEAN"),
                    () -> assertFeature(10, features, MANY, "BURO_CREDIT_DAY_OVERDUE_MAX"),
                    () -> assertFeature((0 + 10 + 0) / 3.0, features, MANY, "BURO_CREDIT_DAY_OVERDUE_MEAN"),
                    () -> assertFeature(1 + 2 + 0, features, MANY, "BURO_CNT_CREDIT_PROLONG_SUM"));
        }

        @Test
        void sumOfOnlyMissingValuesIsZeroAndTheirMeanIsMissing() {
            assertFeature(0, features, MANY, "BURO_AMT_CREDIT_SUM_LIMIT_SUM");
            assertMissing(features, MANY, "BURO_AMT_CREDIT_SUM_LIMIT_MEAN");
        }

        @Test
        void varianceOfASingleCreditIsMissing() {
            assertMissing(features, CLOSED_ONLY, "BURO_DAYS_CREDIT_VAR");
            assertFeature(-50, features, CLOSED_ONLY, "BURO_DAYS_CREDIT_MEAN");
        }

        @Test
        void meansOneHotCategoriesWithANanColumn() {
            assertAll(
                    () -> assertFeature(2.0 / 3, features, MANY, "BURO_CREDIT_ACTIVE_Active_MEAN"),
                    () -> assertFeature(1.0 / 3, features, MANY, "BURO_CREDIT_ACTIVE_Closed_MEAN"),
                    () -> assertFeature(0, features, MANY, "BURO_CREDIT_ACTIVE_nan_MEAN"),
                    () -> assertFeature(2.0 / 3, features, MANY, "BURO_CREDIT_TYPE_Consumer credit_MEAN"),
                    () -> assertFeature(1.0 / 3, features, MANY, "BURO_CREDIT_TYPE_Credit card_MEAN"),
                    () -> assertFeature(1, features, MANY, "BURO_CREDIT_CURRENCY_currency 1_MEAN"));
        }
    }

    @Nested
    @DisplayName("bureau_balance, per credit then per client")
    class Balance {

        @Test
        void countsMonthsPerCreditThenSumsAndAveragesOverCreditsWithBalance() {
            // credit 5001 has 3 months, 5002 has 2, 5003 none (missing, not 0)
            assertFeature(3 + 2, features, MANY, "BURO_MONTHS_BALANCE_SIZE_SUM");
            assertFeature((3 + 2) / 2.0, features, MANY, "BURO_MONTHS_BALANCE_SIZE_MEAN");
        }

        @Test
        void takesTheExtremeMonthsOverAllCredits() {
            assertFeature(-5, features, MANY, "BURO_MONTHS_BALANCE_MIN_MIN");
            assertFeature(0, features, MANY, "BURO_MONTHS_BALANCE_MAX_MAX");
        }

        @Test
        void averagesTheStatusSharesOfCreditsWithBalance() {
            assertAll(
                    // 5001: C 2/3, X 1/3; 5002: 0 1/2, 1 1/2; 5003: no balance, left out of the mean
                    () -> assertFeature((2.0 / 3 + 0) / 2, features, MANY, "BURO_STATUS_C_MEAN_MEAN"),
                    () -> assertFeature((1.0 / 3 + 0) / 2, features, MANY, "BURO_STATUS_X_MEAN_MEAN"),
                    () -> assertFeature((0 + 1.0 / 2) / 2, features, MANY, "BURO_STATUS_0_MEAN_MEAN"),
                    () -> assertFeature((0 + 1.0 / 2) / 2, features, MANY, "BURO_STATUS_1_MEAN_MEAN"),
                    () -> assertFeature(0, features, MANY, "BURO_STATUS_nan_MEAN_MEAN"));
        }

        @Test
        void aClientWhoseCreditsHaveNoBalanceGetsZeroMonthsAndMissingShares() {
            assertFeature(0, features, CLOSED_ONLY, "BURO_MONTHS_BALANCE_SIZE_SUM");
            assertMissing(features, CLOSED_ONLY, "BURO_MONTHS_BALANCE_SIZE_MEAN");
            assertMissing(features, CLOSED_ONLY, "BURO_STATUS_C_MEAN_MEAN");
        }
    }

    @Nested
    @DisplayName("split by CREDIT_ACTIVE (ACTIVE_, CLOSED_)")
    class ActiveAndClosed {

        @Test
        void aggregatesOnlyActiveCredits() {
            assertAll(
                    () -> assertFeature((-100.0 + -300.0) / 2, features, MANY, "ACTIVE_DAYS_CREDIT_MEAN"),
                    // mean -200: (100^2 + 100^2) / (2 - 1)
                    () -> assertFeature((100.0 * 100 + 100 * 100) / 1, features, MANY, "ACTIVE_DAYS_CREDIT_VAR"),
                    () -> assertFeature(1000 + 3000, features, MANY, "ACTIVE_AMT_CREDIT_SUM_SUM"),
                    () -> assertFeature(3 + 2, features, MANY, "ACTIVE_MONTHS_BALANCE_SIZE_SUM"));
        }

        @Test
        void aggregatesOnlyClosedCredits() {
            assertAll(
                    () -> assertFeature(-1000, features, MANY, "CLOSED_DAYS_CREDIT_MEAN"),
                    () -> assertMissing(features, MANY, "CLOSED_DAYS_CREDIT_VAR"),
                    () -> assertFeature(500, features, MANY, "CLOSED_AMT_CREDIT_SUM_SUM"),
                    // the closed credit has no balance rows
                    () -> assertFeature(0, features, MANY, "CLOSED_MONTHS_BALANCE_SIZE_SUM"),
                    () -> assertMissing(features, MANY, "CLOSED_MONTHS_BALANCE_SIZE_MEAN"));
        }

        @Test
        void aClientWithOnlyClosedCreditsHasEveryActiveFeatureMissingEvenSums() {
            List<String> active = features.columnsStartingWith("ACTIVE_");
            assertFalse(active.isEmpty());
            assertAll(active.stream().map(name -> () -> assertMissing(features, CLOSED_ONLY, name)));
            assertFeature(200, features, CLOSED_ONLY, "CLOSED_AMT_CREDIT_SUM_SUM");
        }
    }

    @Test
    void aClientWithoutBureauRowsHasEveryBureauFeatureMissing() {
        List<String> bureau = features.manifest().features().stream()
                .filter(f -> f.table().equals("bureau") || f.table().equals("bureau_balance"))
                .map(Feature::name).toList();
        assertEquals(bureau.size(), features.columnsStartingWith("BURO_").size()
                + features.columnsStartingWith("ACTIVE_").size() + features.columnsStartingWith("CLOSED_").size());
        assertAll(bureau.stream().map(name -> () -> assertMissing(features, NONE, name)));
    }

    @Nested
    @DisplayName("with the vocabulary of other data")
    class UnseenCategory {

        @Test
        void aCategoryOutsideTheVocabularyIsZeroInEveryOneHotColumnOfItsVariable(@TempDir Path tmp) throws Exception {
            Path data = tmp.resolve("data");
            applications(MANY).writeTo(data);
            bureau("7001", MANY, "Active", "-10", "100", "Mortgage").writeTo(data);
            BuiltFeatures other = BuiltFeatures.of(data, tmp.resolve("work"), features.vocabularies());

            List<String> types = other.columnsStartingWith("BURO_CREDIT_TYPE_");
            assertEquals(List.of("BURO_CREDIT_TYPE_Consumer credit_MEAN", "BURO_CREDIT_TYPE_Credit card_MEAN",
                    "BURO_CREDIT_TYPE_nan_MEAN"), types);
            assertAll(types.stream().map(name -> () -> assertFeature(0, other, MANY, name)));
            assertFeature(1, other, MANY, "BURO_CREDIT_ACTIVE_Active_MEAN");
        }
    }
}
