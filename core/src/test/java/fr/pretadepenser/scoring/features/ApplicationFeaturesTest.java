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

import static fr.pretadepenser.scoring.schema.HomeCreditSchema.APPLICATION_TEST;
import static fr.pretadepenser.scoring.schema.HomeCreditSchema.APPLICATION_TRAIN;
import static fr.pretadepenser.scoring.testing.FeatureAssertions.assertFeature;
import static fr.pretadepenser.scoring.testing.FeatureAssertions.assertMissing;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * application.sql against values worked out by hand: binary codes, the 365243 sentinel, the five ratios and the
 * one-hot columns of application_train and application_test.
 *
 * <pre>
 * 200001 train  M Y N  employed -1000, born -10000, income 100000, credit 400000, annuity 20000, 2 in family
 *               Working, "Spouse, partner", external scores 0.2 0.5 0.8, goods 320000
 * 200002 train  F N Y  employed 365243 (pensioner), income 0, credit 0, family empty
 *               Commercial associate, no NAME_TYPE_SUITE, external score 2 only: 0.6
 * 200003 test   F N N  Pensioner (not in application_train, so not in the vocabulary)
 * 200004 train  F N N  employed -500, born 0 (a zero denominator)
 * </pre>
 */
class ApplicationFeaturesTest {

    static final long EMPLOYED = 200001;
    static final long PENSIONER = 200002;
    static final long TEST_CLIENT = 200003;
    static final long UNBORN = 200004;

    static BuiltFeatures features;

    @BeforeAll
    static void build(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("data");
        TableFile.of(APPLICATION_TRAIN)
                .row("SK_ID_CURR", "200001", "TARGET", "1", "CODE_GENDER", "M", "FLAG_OWN_CAR", "Y",
                        "FLAG_OWN_REALTY", "N", "DAYS_EMPLOYED", "-1000", "DAYS_BIRTH", "-10000",
                        "AMT_INCOME_TOTAL", "100000", "AMT_CREDIT", "400000", "AMT_ANNUITY", "20000",
                        "CNT_FAM_MEMBERS", "2", "NAME_INCOME_TYPE", "Working", "NAME_TYPE_SUITE", "\"Spouse, partner\"",
                        "EXT_SOURCE_1", "0.2", "EXT_SOURCE_2", "0.5", "EXT_SOURCE_3", "0.8", "AMT_GOODS_PRICE", "320000")
                .row("SK_ID_CURR", "200002", "TARGET", "0", "CODE_GENDER", "F", "FLAG_OWN_CAR", "N",
                        "FLAG_OWN_REALTY", "Y", "DAYS_EMPLOYED", "365243", "DAYS_BIRTH", "-20000",
                        "AMT_INCOME_TOTAL", "0", "AMT_CREDIT", "0", "AMT_ANNUITY", "5000",
                        "NAME_INCOME_TYPE", "Commercial associate", "EXT_SOURCE_2", "0.6")
                .row("SK_ID_CURR", "200004", "TARGET", "0", "CODE_GENDER", "F", "FLAG_OWN_CAR", "N",
                        "FLAG_OWN_REALTY", "N", "DAYS_EMPLOYED", "-500", "DAYS_BIRTH", "0",
                        "NAME_INCOME_TYPE", "Working")
                .writeTo(data);
        TableFile.of(APPLICATION_TEST)
                .row("SK_ID_CURR", "200003", "CODE_GENDER", "F", "FLAG_OWN_CAR", "N", "FLAG_OWN_REALTY", "N",
                        "DAYS_BIRTH", "-15000", "NAME_INCOME_TYPE", "Pensioner")
                .writeTo(data);
        features = BuiltFeatures.of(data, tmp.resolve("work"));
    }

    @Test
    void keepsTargetAndLeavesItMissingForTestApplications() {
        assertFeature(1, features, EMPLOYED, "TARGET");
        assertFeature(0, features, PENSIONER, "TARGET");
        assertMissing(features, TEST_CLIENT, "TARGET");
    }

    @Test
    void codesBinaryColumnsByTheirIndexInTheSortedVocabulary() {
        assertAll(
                // CODE_GENDER [F, M], FLAG_OWN_CAR [N, Y], FLAG_OWN_REALTY [N, Y]
                () -> assertFeature(1, features, EMPLOYED, "CODE_GENDER"),
                () -> assertFeature(0, features, PENSIONER, "CODE_GENDER"),
                () -> assertFeature(1, features, EMPLOYED, "FLAG_OWN_CAR"),
                () -> assertFeature(0, features, PENSIONER, "FLAG_OWN_CAR"),
                () -> assertFeature(0, features, EMPLOYED, "FLAG_OWN_REALTY"),
                () -> assertFeature(1, features, PENSIONER, "FLAG_OWN_REALTY"),
                () -> assertFeature(0, features, TEST_CLIENT, "FLAG_OWN_REALTY"));
    }

    @Test
    void keepsNumericColumnsAsTheyAre() {
        assertFeature(400000, features, EMPLOYED, "AMT_CREDIT");
        assertFeature(-1000, features, EMPLOYED, "DAYS_EMPLOYED");
        assertFeature(-10000, features, EMPLOYED, "DAYS_BIRTH");
    }

    @Test
    void computesTheRatios() {
        assertAll(
                () -> assertFeature(-1000.0 / -10000, features, EMPLOYED, "DAYS_EMPLOYED_PERC"),
                () -> assertFeature(100000.0 / 400000, features, EMPLOYED, "INCOME_CREDIT_PERC"),
                () -> assertFeature(100000.0 / 2, features, EMPLOYED, "INCOME_PER_PERSON"),
                () -> assertFeature(20000.0 / 100000, features, EMPLOYED, "ANNUITY_INCOME_PERC"),
                () -> assertFeature(20000.0 / 400000, features, EMPLOYED, "PAYMENT_RATE"));
    }

    @Nested
    @DisplayName("a pensioner with zero income and credit")
    class SentinelAndZeroDenominators {

        @Test
        void daysEmployedSentinelIsMissingAndSoIsItsRatio() {
            assertMissing(features, PENSIONER, "DAYS_EMPLOYED");
            assertMissing(features, PENSIONER, "DAYS_EMPLOYED_PERC");
        }

        @Test
        void aZeroOrMissingDenominatorGivesAMissingRatio() {
            assertAll(
                    () -> assertMissing(features, PENSIONER, "INCOME_CREDIT_PERC"),
                    () -> assertMissing(features, PENSIONER, "PAYMENT_RATE"),
                    () -> assertMissing(features, PENSIONER, "ANNUITY_INCOME_PERC"),
                    () -> assertMissing(features, PENSIONER, "INCOME_PER_PERSON"),
                    () -> assertMissing(features, UNBORN, "DAYS_EMPLOYED_PERC"));
            assertFeature(-500, features, UNBORN, "DAYS_EMPLOYED");
        }
    }

    @Nested
    @DisplayName("one-hot columns")
    class OneHot {

        @Test
        void namesEachCategoryAsItIsSpacesAndCommasKept() {
            assertFeature(1, features, EMPLOYED, "NAME_INCOME_TYPE_Working");
            assertFeature(0, features, EMPLOYED, "NAME_INCOME_TYPE_Commercial associate");
            assertFeature(1, features, PENSIONER, "NAME_INCOME_TYPE_Commercial associate");
            assertFeature(1, features, EMPLOYED, "NAME_TYPE_SUITE_Spouse, partner");
        }

        @Test
        void hasNoNanColumnAndGivesZerosForAMissingCategory() {
            assertEquals(List.of("NAME_TYPE_SUITE_Spouse, partner"), features.columnsStartingWith("NAME_TYPE_SUITE_"));
            assertFeature(0, features, PENSIONER, "NAME_TYPE_SUITE_Spouse, partner");
            assertFalse(features.columns().stream().anyMatch(c -> c.endsWith("_nan")));
        }

        @Test
        void aTestCategoryUnseenInTrainingIsZeroInEveryColumnOfItsVariable() {
            List<String> incomeTypes = features.columnsStartingWith("NAME_INCOME_TYPE_");
            assertEquals(List.of("NAME_INCOME_TYPE_Commercial associate", "NAME_INCOME_TYPE_Working"), incomeTypes);
            assertAll(incomeTypes.stream().map(name -> () -> assertFeature(0, features, TEST_CLIENT, name)));
        }

        @Test
        void binaryColumnsAreCodedNotOneHot() {
            assertEquals(List.of(), features.columnsStartingWith("CODE_GENDER_"));
            assertEquals(List.of(), features.columnsStartingWith("FLAG_OWN_CAR_"));
        }
    }

    @Test
    void combinesTheExternalScoresPresent() {
        assertAll(
                () -> assertFeature(0.5, features, EMPLOYED, "EXT_SOURCES_MEAN"),
                () -> assertFeature(0.2, features, EMPLOYED, "EXT_SOURCES_MIN"),
                () -> assertFeature(0.8, features, EMPLOYED, "EXT_SOURCES_MAX"),
                // Sample standard deviation: sqrt((0.09 + 0 + 0.09) / 2).
                () -> assertFeature(0.3, features, EMPLOYED, "EXT_SOURCES_STD"),
                () -> assertFeature(0.2 * 0.5 * 0.8, features, EMPLOYED, "EXT_SOURCES_PROD"),
                () -> assertFeature((2 * 0.2 + 0.5 + 3 * 0.8) / 6, features, EMPLOYED, "EXT_SOURCES_WEIGHTED"),
                // One score: it is the mean, the minimum, the maximum and the weighted score; no spread, no product.
                () -> assertFeature(0.6, features, PENSIONER, "EXT_SOURCES_MEAN"),
                () -> assertFeature(0.6, features, PENSIONER, "EXT_SOURCES_WEIGHTED"),
                () -> assertFeature(0.6, features, PENSIONER, "EXT_SOURCES_MAX"),
                () -> assertMissing(features, PENSIONER, "EXT_SOURCES_STD"),
                () -> assertMissing(features, PENSIONER, "EXT_SOURCES_PROD"),
                () -> assertMissing(features, UNBORN, "EXT_SOURCES_MEAN"),
                () -> assertMissing(features, UNBORN, "EXT_SOURCES_MIN"));
    }

    @Test
    void relatesTheCreditToItsAnnuityAndToTheGoodsPrice() {
        assertAll(
                () -> assertFeature(20, features, EMPLOYED, "CREDIT_ANNUITY_RATIO"),
                () -> assertFeature(1.25, features, EMPLOYED, "CREDIT_GOODS_RATIO"),
                // Credit 0 over annuity 5000 is 0; no goods price gives a missing ratio.
                () -> assertFeature(0, features, PENSIONER, "CREDIT_ANNUITY_RATIO"),
                () -> assertMissing(features, PENSIONER, "CREDIT_GOODS_RATIO"));
    }
}
