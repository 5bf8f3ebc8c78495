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

import static fr.pretadepenser.scoring.schema.HomeCreditSchema.PREVIOUS_APPLICATION;
import static fr.pretadepenser.scoring.testing.BuiltFeatures.applications;
import static fr.pretadepenser.scoring.testing.FeatureAssertions.assertFeature;
import static fr.pretadepenser.scoring.testing.FeatureAssertions.assertMissing;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * previous_application.sql against values worked out by hand.
 *
 * <pre>
 * client 300001  prev 1 Approved  application 1000  credit  800  annuity 100  12 payments  Unaccompanied
 *                prev 2 Approved  application  500  credit 1000  annuity  50  no payments   no suite (nan)
 *                prev 3 Refused   application  300  credit    0  no annuity   6 payments   "Spouse, partner"
 * client 300002  prev 4 Refused   application  200  credit  100  (only refused)
 * client 300003  no previous applications
 * </pre>
 * APP_CREDIT_PERC of client 300001: 1000/800 = 1.25, 500/1000 = 0.5, 300/0 missing.
 */
class PreviousApplicationFeaturesTest {

    static final long MANY = 300001;
    static final long REFUSED_ONLY = 300002;
    static final long NONE = 300003;

    static BuiltFeatures features;

    @BeforeAll
    static void build(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("data");
        applications(MANY, REFUSED_ONLY, NONE).writeTo(data);
        TableFile.of(PREVIOUS_APPLICATION)
                .row("SK_ID_PREV", "1", "SK_ID_CURR", "300001", "NAME_CONTRACT_STATUS", "Approved",
                        "AMT_APPLICATION", "1000", "AMT_CREDIT", "800", "AMT_ANNUITY", "100", "CNT_PAYMENT", "12",
                        "NAME_TYPE_SUITE", "Unaccompanied", "DAYS_DECISION", "-10", "DAYS_FIRST_DRAWING", "365243")
                .row("SK_ID_PREV", "2", "SK_ID_CURR", "300001", "NAME_CONTRACT_STATUS", "Approved",
                        "AMT_APPLICATION", "500", "AMT_CREDIT", "1000", "AMT_ANNUITY", "50", "DAYS_DECISION", "-20")
                .row("SK_ID_PREV", "3", "SK_ID_CURR", "300001", "NAME_CONTRACT_STATUS", "Refused",
                        "AMT_APPLICATION", "300", "AMT_CREDIT", "0", "CNT_PAYMENT", "6",
                        "NAME_TYPE_SUITE", "\"Spouse, partner\"", "DAYS_DECISION", "-30")
                .row("SK_ID_PREV", "4", "SK_ID_CURR", "300002", "NAME_CONTRACT_STATUS", "Refused",
                        "AMT_APPLICATION", "200", "AMT_CREDIT", "100", "DAYS_DECISION", "-5")
                .writeTo(data);
        features = BuiltFeatures.of(data, tmp.resolve("work"));
    }

    @Nested
    @DisplayName("over all previous applications (PREV_)")
    class AllPrevious {

        @Test
        void aggregatesAmountsSkippingMissingValues() {
            assertAll(
                    () -> assertFeature(50, features, MANY, "PREV_AMT_ANNUITY_MIN"),
                    () -> assertFeature(100, features, MANY, "PREV_AMT_ANNUITY_MAX"),
                    () -> assertFeature((100.0 + 50) / 2, features, MANY, "PREV_AMT_ANNUITY_MEAN"),
                    () -> assertFeature((1000.0 + 500 + 300) / 3, features, MANY, "PREV_AMT_APPLICATION_MEAN"),
                    () -> assertFeature(0, features, MANY, "PREV_AMT_CREDIT_MIN"),
                    () -> assertFeature((-10.0 + -20 + -30) / 3, features, MANY, "PREV_DAYS_DECISION_MEAN"),
                    () -> assertFeature(12 + 6, features, MANY, "PREV_CNT_PAYMENT_SUM"),
                    () -> assertFeature((12.0 + 6) / 2, features, MANY, "PREV_CNT_PAYMENT_MEAN"));
        }

        @Test
        void applicationCreditRatioIsMissingWhenTheCreditIsZero() {
            double mean = (1.25 + 0.5) / 2;
            assertAll(
                    () -> assertFeature(0.5, features, MANY, "PREV_APP_CREDIT_PERC_MIN"),
                    () -> assertFeature(1.25, features, MANY, "PREV_APP_CREDIT_PERC_MAX"),
                    () -> assertFeature(mean, features, MANY, "PREV_APP_CREDIT_PERC_MEAN"),
                    () -> assertFeature((Math.pow(1.25 - mean, 2) + Math.pow(0.5 - mean, 2)) / (2 - 1), features, MANY,
                            "PREV_APP_CREDIT_PERC_VAR"));
        }

        @Test
        void meansOneHotCategoriesAndCountsAMissingCategoryAsNan() {
            assertAll(
                    () -> assertFeature(2.0 / 3, features, MANY, "PREV_NAME_CONTRACT_STATUS_Approved_MEAN"),
                    () -> assertFeature(1.0 / 3, features, MANY, "PREV_NAME_CONTRACT_STATUS_Refused_MEAN"),
                    () -> assertFeature(1.0 / 3, features, MANY, "PREV_NAME_TYPE_SUITE_Unaccompanied_MEAN"),
                    () -> assertFeature(1.0 / 3, features, MANY, "PREV_NAME_TYPE_SUITE_Spouse, partner_MEAN"),
                    () -> assertFeature(1.0 / 3, features, MANY, "PREV_NAME_TYPE_SUITE_nan_MEAN"),
                    () -> assertFeature(1, features, REFUSED_ONLY, "PREV_NAME_TYPE_SUITE_nan_MEAN"),
                    // an unspecified required text column is XNA in the fixture file
                    () -> assertFeature(1, features, MANY, "PREV_NAME_CONTRACT_TYPE_XNA_MEAN"));
        }

        @Test
        void varianceOfASingleApplicationIsMissing() {
            assertMissing(features, REFUSED_ONLY, "PREV_APP_CREDIT_PERC_VAR");
            assertFeature(200.0 / 100, features, REFUSED_ONLY, "PREV_APP_CREDIT_PERC_MEAN");
        }

        @Test
        void doesNotAggregateTheDaysColumnsWithTheSentinel() {
            assertFalse(features.columns().stream().anyMatch(c -> c.contains("DAYS_FIRST_DRAWING")));
        }
    }

    @Nested
    @DisplayName("split by NAME_CONTRACT_STATUS (APPROVED_, REFUSED_)")
    class ApprovedAndRefused {

        @Test
        void aggregatesOnlyApprovedApplications() {
            double mean = (1.25 + 0.5) / 2;
            assertAll(
                    () -> assertFeature(mean, features, MANY, "APPROVED_APP_CREDIT_PERC_MEAN"),
                    () -> assertFeature((Math.pow(1.25 - mean, 2) + Math.pow(0.5 - mean, 2)) / (2 - 1), features, MANY,
                            "APPROVED_APP_CREDIT_PERC_VAR"),
                    () -> assertFeature(12, features, MANY, "APPROVED_CNT_PAYMENT_SUM"),
                    () -> assertFeature(800, features, MANY, "APPROVED_AMT_CREDIT_MIN"));
        }

        @Test
        void aggregatesOnlyRefusedApplications() {
            assertAll(
                    () -> assertFeature(6, features, MANY, "REFUSED_CNT_PAYMENT_SUM"),
                    () -> assertFeature(300, features, MANY, "REFUSED_AMT_APPLICATION_MAX"),
                    // its only ratio has a zero denominator
                    () -> assertMissing(features, MANY, "REFUSED_APP_CREDIT_PERC_MEAN"),
                    () -> assertMissing(features, MANY, "REFUSED_AMT_ANNUITY_MEAN"));
        }

        @Test
        void aClientWithOnlyRefusedApplicationsHasEveryApprovedFeatureMissing() {
            List<String> approved = features.columnsStartingWith("APPROVED_");
            assertFalse(approved.isEmpty());
            assertAll(approved.stream().map(name -> () -> assertMissing(features, REFUSED_ONLY, name)));
            assertFeature(200, features, REFUSED_ONLY, "REFUSED_AMT_APPLICATION_MEAN");
        }
    }

    @Test
    void aClientWithoutPreviousApplicationsHasEveryPreviousFeatureMissing() {
        List<String> previous = features.manifest().features().stream()
                .filter(f -> f.table().equals(PREVIOUS_APPLICATION)).map(Feature::name).toList();
        assertFalse(previous.isEmpty());
        assertAll(previous.stream().map(name -> () -> assertMissing(features, NONE, name)));
    }
}
