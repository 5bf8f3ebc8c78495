package fr.pretadepenser.scoring.features;

import fr.pretadepenser.scoring.testing.BuiltFeatures;
import fr.pretadepenser.scoring.testing.TableFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static fr.pretadepenser.scoring.schema.HomeCreditSchema.POS_CASH_BALANCE;
import static fr.pretadepenser.scoring.testing.BuiltFeatures.applications;
import static fr.pretadepenser.scoring.testing.FeatureAssertions.assertFeature;
import static fr.pretadepenser.scoring.testing.FeatureAssertions.assertMissing;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * pos_cash.sql against values worked out by hand.
 *
 * <pre>
 * client 400001  prev 1  month -3  Active     DPD 0  DPD_DEF 0
 *                prev 1  month -2  Active     DPD 5  DPD_DEF 1
 *                prev 2  month -1  Completed  DPD 0  DPD_DEF 0
 * client 400002  prev 3  month -7  Active     DPD 2  DPD_DEF 0
 * client 400003  no POS rows
 * </pre>
 */
class PosCashFeaturesTest {

    static final long MANY = 400001;
    static final long ONE = 400002;
    static final long NONE = 400003;

    static BuiltFeatures features;

    @BeforeAll
    static void build(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("data");
        applications(MANY, ONE, NONE).writeTo(data);
        TableFile.of(POS_CASH_BALANCE)
                .row(month("1", MANY, "-3", "Active", "0", "0"))
                .row(month("1", MANY, "-2", "Active", "5", "1"))
                .row(month("2", MANY, "-1", "Completed", "0", "0"))
                .row(month("3", ONE, "-7", "Active", "2", "0"))
                .writeTo(data);
        features = BuiltFeatures.of(data, tmp.resolve("work"));
    }

    private static String[] month(String prev, long client, String month, String status, String dpd, String def) {
        return new String[] {"SK_ID_PREV", prev, "SK_ID_CURR", Long.toString(client), "MONTHS_BALANCE", month,
                "NAME_CONTRACT_STATUS", status, "SK_DPD", dpd, "SK_DPD_DEF", def, "CNT_INSTALMENT", "12"};
    }

    @Test
    void makesExactlyTheBaselineColumnsAndTheMonthWindows() {
        assertEquals(List.of("POS_MONTHS_BALANCE_MAX", "POS_MONTHS_BALANCE_MEAN", "POS_MONTHS_BALANCE_SIZE",
                "POS_SK_DPD_MAX", "POS_SK_DPD_MEAN", "POS_SK_DPD_DEF_MAX", "POS_SK_DPD_DEF_MEAN",
                "POS_NAME_CONTRACT_STATUS_Active_MEAN", "POS_NAME_CONTRACT_STATUS_Completed_MEAN",
                "POS_NAME_CONTRACT_STATUS_nan_MEAN", "POS_LATE_MEAN", "POS_LATE_6M_MEAN", "POS_LATE_12M_MEAN",
                "POS_LATE_24M_MEAN", "POS_COUNT"), features.columnsStartingWith("POS_"));
    }

    @Test
    void sharesMonthsPastDueOverEachWindow() {
        assertAll(
                () -> assertFeature(1.0 / 3, features, MANY, "POS_LATE_MEAN"),
                () -> assertFeature(1.0 / 3, features, MANY, "POS_LATE_6M_MEAN"),
                () -> assertFeature(1, features, ONE, "POS_LATE_MEAN"),
                // Month -7 is outside the last 6 months, inside the last 12.
                () -> assertMissing(features, ONE, "POS_LATE_6M_MEAN"),
                () -> assertFeature(1, features, ONE, "POS_LATE_12M_MEAN"),
                () -> assertFeature(1, features, ONE, "POS_LATE_24M_MEAN"));
    }

    @Test
    void aggregatesMonthsAndDaysPastDue() {
        assertAll(
                () -> assertFeature(-1, features, MANY, "POS_MONTHS_BALANCE_MAX"),
                () -> assertFeature((-3.0 + -2 + -1) / 3, features, MANY, "POS_MONTHS_BALANCE_MEAN"),
                () -> assertFeature(3, features, MANY, "POS_MONTHS_BALANCE_SIZE"),
                () -> assertFeature(5, features, MANY, "POS_SK_DPD_MAX"),
                () -> assertFeature((0 + 5 + 0) / 3.0, features, MANY, "POS_SK_DPD_MEAN"),
                () -> assertFeature(1, features, MANY, "POS_SK_DPD_DEF_MAX"),
                () -> assertFeature((0 + 1 + 0) / 3.0, features, MANY, "POS_SK_DPD_DEF_MEAN"));
    }

    @Test
    void meansStatusCategories() {
        assertFeature(2.0 / 3, features, MANY, "POS_NAME_CONTRACT_STATUS_Active_MEAN");
        assertFeature(1.0 / 3, features, MANY, "POS_NAME_CONTRACT_STATUS_Completed_MEAN");
        assertFeature(0, features, MANY, "POS_NAME_CONTRACT_STATUS_nan_MEAN");
    }

    @Test
    void countsRows() {
        assertFeature(3, features, MANY, "POS_COUNT");
        assertFeature(1, features, ONE, "POS_COUNT");
        assertFeature(1, features, ONE, "POS_MONTHS_BALANCE_SIZE");
    }

    @Test
    void aClientWithoutPosRowsHasEveryPosFeatureMissingCountIncluded() {
        assertAll(features.columnsStartingWith("POS_").stream().map(name -> () -> assertMissing(features, NONE, name)));
    }
}
