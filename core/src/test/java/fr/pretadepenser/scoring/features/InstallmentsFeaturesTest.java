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

import static fr.pretadepenser.scoring.schema.HomeCreditSchema.INSTALLMENTS_PAYMENTS;
import static fr.pretadepenser.scoring.testing.BuiltFeatures.applications;
import static fr.pretadepenser.scoring.testing.FeatureAssertions.assertFeature;
import static fr.pretadepenser.scoring.testing.FeatureAssertions.assertMissing;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * installments.sql against values worked out by hand.
 *
 * <pre>
 * client 500001  version  due  paid  instalment  payment    DPD DBD  PAYMENT_PERC  PAYMENT_DIFF
 *                   1    -100   -90     100        100       10   0      1             0
 *                   1     -70   -75     200        100        0   5      0.5         100
 *                   2     -40    -      100         -         0   0      -             -     (not paid yet)
 *                   -     -10   -10       0         50        0   0      - (0 denominator) -50
 * client 500002     -     -20    -       10         -         0   0      -             -     (one unpaid row)
 * client 500003  no installments
 * </pre>
 */
class InstallmentsFeaturesTest {

    static final long MANY = 500001;
    static final long UNPAID = 500002;
    static final long NONE = 500003;

    static BuiltFeatures features;

    @BeforeAll
    static void build(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("data");
        applications(MANY, UNPAID, NONE).writeTo(data);
        TableFile.of(INSTALLMENTS_PAYMENTS)
                .row(payment(MANY, "1", "1", "-100", "-90", "100", "100"))
                .row(payment(MANY, "1", "2", "-70", "-75", "200", "100"))
                .row(payment(MANY, "2", "3", "-40", "", "100", ""))
                .row(payment(MANY, "", "4", "-10", "-10", "0", "50"))
                .row(payment(UNPAID, "", "1", "-20", "", "10", ""))
                .writeTo(data);
        features = BuiltFeatures.of(data, tmp.resolve("work"));
    }

    private static String[] payment(long client, String version, String number, String due, String paid,
                                    String instalment, String payment) {
        return new String[] {"SK_ID_PREV", "1" + client, "SK_ID_CURR", Long.toString(client),
                "NUM_INSTALMENT_VERSION", version, "NUM_INSTALMENT_NUMBER", number, "DAYS_INSTALMENT", due,
                "DAYS_ENTRY_PAYMENT", paid, "AMT_INSTALMENT", instalment, "AMT_PAYMENT", payment};
    }

    @Nested
    @DisplayName("days past due and before due")
    class DaysPastDue {

        @Test
        void floorsAtZeroAndCountsAMissingPaymentDateAsZero() {
            assertAll(
                    () -> assertFeature(10, features, MANY, "INSTAL_DPD_MAX"),
                    () -> assertFeature((10 + 0 + 0 + 0) / 4.0, features, MANY, "INSTAL_DPD_MEAN"),
                    () -> assertFeature(10, features, MANY, "INSTAL_DPD_SUM"),
                    () -> assertFeature(5, features, MANY, "INSTAL_DBD_MAX"),
                    () -> assertFeature((0 + 5 + 0 + 0) / 4.0, features, MANY, "INSTAL_DBD_MEAN"),
                    () -> assertFeature(5, features, MANY, "INSTAL_DBD_SUM"));
        }

        @Test
        void aClientWithOnlyUnpaidInstallmentsHasZeroDaysNotMissing() {
            assertFeature(0, features, UNPAID, "INSTAL_DPD_MAX");
            assertFeature(0, features, UNPAID, "INSTAL_DPD_MEAN");
            assertFeature(0, features, UNPAID, "INSTAL_DBD_SUM");
        }
    }

    @Nested
    @DisplayName("payment ratio and difference")
    class Payments {

        @Test
        void paymentRatioSkipsMissingPaymentsAndZeroInstalments() {
            double mean = (1 + 0.5) / 2;
            assertAll(
                    () -> assertFeature(1, features, MANY, "INSTAL_PAYMENT_PERC_MAX"),
                    () -> assertFeature(mean, features, MANY, "INSTAL_PAYMENT_PERC_MEAN"),
                    () -> assertFeature(1 + 0.5, features, MANY, "INSTAL_PAYMENT_PERC_SUM"),
                    () -> assertFeature((Math.pow(1 - mean, 2) + Math.pow(0.5 - mean, 2)) / (2 - 1), features, MANY,
                            "INSTAL_PAYMENT_PERC_VAR"));
        }

        @Test
        void paymentDifferenceSkipsMissingPayments() {
            double mean = (0.0 + 100 + -50) / 3;
            assertAll(
                    () -> assertFeature(100, features, MANY, "INSTAL_PAYMENT_DIFF_MAX"),
                    () -> assertFeature(mean, features, MANY, "INSTAL_PAYMENT_DIFF_MEAN"),
                    () -> assertFeature(0 + 100 + -50, features, MANY, "INSTAL_PAYMENT_DIFF_SUM"),
                    () -> assertFeature((Math.pow(0 - mean, 2) + Math.pow(100 - mean, 2) + Math.pow(-50 - mean, 2))
                            / (3 - 1), features, MANY, "INSTAL_PAYMENT_DIFF_VAR"));
        }

        @Test
        void aggregatesAmountsAndPaymentDates() {
            assertAll(
                    () -> assertFeature(200, features, MANY, "INSTAL_AMT_INSTALMENT_MAX"),
                    () -> assertFeature((100.0 + 200 + 100 + 0) / 4, features, MANY, "INSTAL_AMT_INSTALMENT_MEAN"),
                    () -> assertFeature(100 + 200 + 100 + 0, features, MANY, "INSTAL_AMT_INSTALMENT_SUM"),
                    () -> assertFeature(50, features, MANY, "INSTAL_AMT_PAYMENT_MIN"),
                    () -> assertFeature(100, features, MANY, "INSTAL_AMT_PAYMENT_MAX"),
                    () -> assertFeature((100.0 + 100 + 50) / 3, features, MANY, "INSTAL_AMT_PAYMENT_MEAN"),
                    () -> assertFeature(100 + 100 + 50, features, MANY, "INSTAL_AMT_PAYMENT_SUM"),
                    () -> assertFeature(-10, features, MANY, "INSTAL_DAYS_ENTRY_PAYMENT_MAX"),
                    () -> assertFeature((-90.0 + -75 + -10) / 3, features, MANY, "INSTAL_DAYS_ENTRY_PAYMENT_MEAN"),
                    () -> assertFeature(-90 + -75 + -10, features, MANY, "INSTAL_DAYS_ENTRY_PAYMENT_SUM"));
        }

        @Test
        void onlyMissingPaymentsSumToZeroWithMissingMeanAndVariance() {
            assertAll(
                    () -> assertFeature(0, features, UNPAID, "INSTAL_AMT_PAYMENT_SUM"),
                    () -> assertMissing(features, UNPAID, "INSTAL_AMT_PAYMENT_MEAN"),
                    () -> assertFeature(0, features, UNPAID, "INSTAL_PAYMENT_PERC_SUM"),
                    () -> assertMissing(features, UNPAID, "INSTAL_PAYMENT_PERC_MEAN"),
                    () -> assertMissing(features, UNPAID, "INSTAL_PAYMENT_PERC_VAR"),
                    () -> assertFeature(0, features, UNPAID, "INSTAL_DAYS_ENTRY_PAYMENT_SUM"),
                    () -> assertFeature(10, features, UNPAID, "INSTAL_AMT_INSTALMENT_SUM"));
        }
    }

    @Test
    void countsDistinctInstalmentVersionsIgnoringMissing() {
        assertFeature(2, features, MANY, "INSTAL_NUM_INSTALMENT_VERSION_NUNIQUE");
        assertFeature(0, features, UNPAID, "INSTAL_NUM_INSTALMENT_VERSION_NUNIQUE");
    }

    @Test
    void countsRowsWhateverIsMissing() {
        assertFeature(4, features, MANY, "INSTAL_COUNT");
        assertFeature(1, features, UNPAID, "INSTAL_COUNT");
    }

    @Test
    void aClientWithoutInstallmentsHasEveryInstallmentFeatureMissingCountIncluded() {
        List<String> installments = features.columnsStartingWith("INSTAL_");
        assertFalse(installments.isEmpty());
        assertAll(installments.stream().map(name -> () -> assertMissing(features, NONE, name)));
    }

    @Test
    void windowsAndTrendOfLatePayments() {
        assertAll(
                () -> assertFeature(0.25, features, MANY, "INSTAL_LATE_MEAN"),
                () -> assertFeature(0.25, features, MANY, "INSTAL_LATE_6M_MEAN"),
                // Only the second installment was paid less than due; the unpaid one is not counted as underpaid.
                () -> assertFeature(0.25, features, MANY, "INSTAL_UNDERPAID_MEAN"),
                () -> assertFeature(2.5, features, MANY, "INSTAL_DPD_6M_MEAN"),
                // Days late 10, 0, 0, 0 at due days -100, -70, -40, -10: slope -0.1 a day, -36.5 a year.
                () -> assertFeature(-36.5, features, MANY, "INSTAL_DPD_TREND"),
                () -> assertMissing(features, UNPAID, "INSTAL_DPD_TREND"),
                () -> assertFeature(0, features, UNPAID, "INSTAL_LATE_MEAN"));
    }
}
