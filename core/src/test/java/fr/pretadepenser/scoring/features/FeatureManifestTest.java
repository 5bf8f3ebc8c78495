package fr.pretadepenser.scoring.features;

import fr.pretadepenser.scoring.data.Vocabularies;
import fr.pretadepenser.scoring.schema.Column;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import fr.pretadepenser.scoring.testing.BuiltFeatures;
import fr.pretadepenser.scoring.testing.TableFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static fr.pretadepenser.scoring.schema.HomeCreditSchema.APPLICATION_TRAIN;
import static fr.pretadepenser.scoring.schema.HomeCreditSchema.BUREAU;
import static fr.pretadepenser.scoring.schema.HomeCreditSchema.BUREAU_BALANCE;
import static fr.pretadepenser.scoring.schema.HomeCreditSchema.CREDIT_CARD_BALANCE;
import static fr.pretadepenser.scoring.schema.HomeCreditSchema.INSTALLMENTS_PAYMENTS;
import static fr.pretadepenser.scoring.schema.HomeCreditSchema.POS_CASH_BALANCE;
import static fr.pretadepenser.scoring.schema.HomeCreditSchema.PREVIOUS_APPLICATION;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The manifest of a build on a small fixture with a row in every table: feature names as the spec writes them,
 * the original variable of each feature, no key among the features, and a manifest that can be stored and reused.
 */
class FeatureManifestTest {

    static BuiltFeatures features;
    static FeatureManifest manifest;

    @BeforeAll
    static void build(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("data");
        TableFile.of(APPLICATION_TRAIN)
                .row("SK_ID_CURR", "100001", "TARGET", "0", "CODE_GENDER", "F", "NAME_INCOME_TYPE", "Working",
                        "NAME_TYPE_SUITE", "\"Spouse, partner\"")
                .row("SK_ID_CURR", "100002", "TARGET", "1", "CODE_GENDER", "M", "NAME_INCOME_TYPE", "State servant")
                .writeTo(data);
        TableFile.of(BUREAU)
                .row("SK_ID_BUREAU", "1", "SK_ID_CURR", "100001", "CREDIT_ACTIVE", "Active", "CREDIT_TYPE", "Credit card")
                .row("SK_ID_BUREAU", "2", "SK_ID_CURR", "100001", "CREDIT_ACTIVE", "Closed")
                .writeTo(data);
        TableFile.of(BUREAU_BALANCE)
                .row("SK_ID_BUREAU", "1", "MONTHS_BALANCE", "0", "STATUS", "X")
                .row("SK_ID_BUREAU", "1", "MONTHS_BALANCE", "-1", "STATUS", "1")
                .row("SK_ID_BUREAU", "2", "MONTHS_BALANCE", "-1", "STATUS", "C")
                .writeTo(data);
        TableFile.of(PREVIOUS_APPLICATION)
                .row("SK_ID_PREV", "10", "SK_ID_CURR", "100001", "NAME_CONTRACT_STATUS", "Approved")
                .row("SK_ID_PREV", "11", "SK_ID_CURR", "100001", "NAME_CONTRACT_STATUS", "Refused")
                .writeTo(data);
        TableFile.of(POS_CASH_BALANCE)
                .row("SK_ID_PREV", "10", "SK_ID_CURR", "100001", "NAME_CONTRACT_STATUS", "Active").writeTo(data);
        TableFile.of(INSTALLMENTS_PAYMENTS).row("SK_ID_PREV", "10", "SK_ID_CURR", "100001").writeTo(data);
        TableFile.of(CREDIT_CARD_BALANCE)
                .row("SK_ID_PREV", "12", "SK_ID_CURR", "100001", "NAME_CONTRACT_STATUS", "Active").writeTo(data);
        features = BuiltFeatures.of(data, tmp.resolve("work"));
        manifest = features.manifest();
    }

    @Nested
    @DisplayName("feature names")
    class Names {

        @Test
        void includeTheSpecNamesOfEveryTable() {
            List<String> expected = List.of("CODE_GENDER", "FLAG_OWN_CAR", "DAYS_EMPLOYED", "DAYS_EMPLOYED_PERC",
                    "INCOME_CREDIT_PERC", "INCOME_PER_PERSON", "ANNUITY_INCOME_PERC", "PAYMENT_RATE",
                    "NAME_INCOME_TYPE_Working", "NAME_TYPE_SUITE_Spouse, partner",
                    "BURO_DAYS_CREDIT_VAR", "BURO_MONTHS_BALANCE_MIN_MIN", "BURO_MONTHS_BALANCE_SIZE_MEAN",
                    "BURO_STATUS_X_MEAN_MEAN", "BURO_STATUS_nan_MEAN_MEAN", "BURO_CREDIT_TYPE_Credit card_MEAN",
                    "BURO_CREDIT_ACTIVE_nan_MEAN", "ACTIVE_AMT_CREDIT_SUM_SUM", "CLOSED_MONTHS_BALANCE_SIZE_SUM",
                    "PREV_NAME_CONTRACT_STATUS_Refused_MEAN", "PREV_NAME_TYPE_SUITE_nan_MEAN",
                    "APPROVED_APP_CREDIT_PERC_VAR", "REFUSED_CNT_PAYMENT_SUM",
                    "POS_SK_DPD_DEF_MEAN", "POS_NAME_CONTRACT_STATUS_Active_MEAN", "POS_COUNT",
                    "INSTAL_PAYMENT_PERC_VAR", "INSTAL_NUM_INSTALMENT_VERSION_NUNIQUE", "INSTAL_DBD_SUM",
                    "INSTAL_COUNT", "CC_NAME_CONTRACT_STATUS_Active_VAR", "CC_AMT_BALANCE_SUM", "CC_COUNT");
            List<String> absent = new ArrayList<>(expected);
            absent.removeAll(manifest.featureNames());
            assertEquals(List.of(), absent);
        }

        @Test
        void neverNameAKeyOrTheTarget() {
            assertEquals(List.of(), manifest.featureNames().stream()
                    .filter(n -> n.contains("SK_ID_CURR") || n.contains("SK_ID_BUREAU") || n.contains("SK_ID_PREV")
                            || n.contains("TARGET"))
                    .toList());
        }

        @Test
        void areUniqueAndAreTheColumnsOfTheFeatureTableAfterClientAndTarget() {
            List<String> columns = new ArrayList<>(List.of("SK_ID_CURR", "TARGET"));
            columns.addAll(manifest.featureNames());
            assertEquals(columns, features.columns());
            assertEquals(manifest.featureNames().size(), Set.copyOf(manifest.featureNames()).size());
        }

        @Test
        void everyFeatureColumnIsDouble() {
            assertEquals(Map.of(), features.types().entrySet().stream()
                    .filter(e -> !e.getKey().equals("SK_ID_CURR") && !e.getKey().equals("TARGET"))
                    .filter(e -> !e.getValue().equals("DOUBLE"))
                    .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        }
    }

    @Nested
    @DisplayName("original variables")
    class Origins {

        @Test
        void nameTheTableAndVariableEachFeatureComesFrom() {
            assertAll(
                    () -> assertOrigin("NAME_INCOME_TYPE_Working", "application", "NAME_INCOME_TYPE"),
                    () -> assertOrigin("CODE_GENDER", "application", "CODE_GENDER"),
                    () -> assertOrigin("AMT_ANNUITY", "application", "AMT_ANNUITY"),
                    () -> assertOrigin("DAYS_EMPLOYED", "application", "DAYS_EMPLOYED"),
                    () -> assertOrigin("PAYMENT_RATE", "application", "PAYMENT_RATE"),
                    () -> assertOrigin("BURO_DAYS_CREDIT_MEAN", BUREAU, "DAYS_CREDIT"),
                    () -> assertOrigin("BURO_AMT_ANNUITY_MAX", BUREAU, "AMT_ANNUITY"),
                    () -> assertOrigin("BURO_CREDIT_TYPE_Credit card_MEAN", BUREAU, "CREDIT_TYPE"),
                    () -> assertOrigin("ACTIVE_DAYS_CREDIT_VAR", BUREAU, "DAYS_CREDIT"),
                    () -> assertOrigin("BURO_MONTHS_BALANCE_SIZE_MEAN", BUREAU_BALANCE, "MONTHS_BALANCE"),
                    () -> assertOrigin("BURO_MONTHS_BALANCE_MIN_MIN", BUREAU_BALANCE, "MONTHS_BALANCE"),
                    () -> assertOrigin("CLOSED_MONTHS_BALANCE_SIZE_SUM", BUREAU_BALANCE, "MONTHS_BALANCE"),
                    () -> assertOrigin("BURO_STATUS_1_MEAN_MEAN", BUREAU_BALANCE, "STATUS"),
                    () -> assertOrigin("PREV_AMT_ANNUITY_MEAN", PREVIOUS_APPLICATION, "AMT_ANNUITY"),
                    () -> assertOrigin("PREV_NAME_CONTRACT_STATUS_Refused_MEAN", PREVIOUS_APPLICATION,
                            "NAME_CONTRACT_STATUS"),
                    () -> assertOrigin("APPROVED_APP_CREDIT_PERC_VAR", PREVIOUS_APPLICATION, "APP_CREDIT_PERC"),
                    () -> assertOrigin("POS_SK_DPD_DEF_MEAN", POS_CASH_BALANCE, "SK_DPD_DEF"),
                    () -> assertOrigin("POS_COUNT", POS_CASH_BALANCE, "POS_COUNT"),
                    () -> assertOrigin("INSTAL_DPD_MAX", INSTALLMENTS_PAYMENTS, "DPD"),
                    () -> assertOrigin("INSTAL_AMT_PAYMENT_MIN", INSTALLMENTS_PAYMENTS, "AMT_PAYMENT"),
                    () -> assertOrigin("CC_NAME_CONTRACT_STATUS_Active_VAR", CREDIT_CARD_BALANCE,
                            "NAME_CONTRACT_STATUS"),
                    () -> assertOrigin("CC_MONTHS_BALANCE_MIN", CREDIT_CARD_BALANCE, "MONTHS_BALANCE"));
        }

        @Test
        void areAColumnOfTheirTableOrADerivedQuantity() {
            HomeCreditSchema schema = HomeCreditSchema.load();
            Set<String> derived = Set.of("DAYS_EMPLOYED_PERC", "INCOME_CREDIT_PERC", "INCOME_PER_PERSON",
                    "ANNUITY_INCOME_PERC", "PAYMENT_RATE", "APP_CREDIT_PERC", "PAYMENT_PERC", "PAYMENT_DIFF", "DPD",
                    "DBD", "POS_COUNT", "INSTAL_COUNT", "CC_COUNT",
                    // Beyond the kernel (docs/feature-groups.md).
                    "EXT_SOURCES_MEAN", "EXT_SOURCES_MIN", "EXT_SOURCES_MAX", "EXT_SOURCES_STD", "EXT_SOURCES_PROD",
                    "EXT_SOURCES_WEIGHTED", "CREDIT_ANNUITY_RATIO", "CREDIT_GOODS_RATIO", "BURO_OVERDUE_DEBT_RATIO",
                    "BURO_OVERDUE_SHARE", "BURO_ACTIVE_DEBT_RATIO", "SIMPLE_INTEREST", "PREV_LAST_REFUSED",
                    "PREV_LAST_APPROVED", "LATE", "LATE_6M", "LATE_12M", "LATE_24M", "UNDERPAID", "UNDERPAID_6M",
                    "UNDERPAID_12M", "UNDERPAID_24M", "DPD_6M", "DPD_12M", "DPD_24M", "INSTAL_DPD_TREND",
                    "UTILISATION", "UTILISATION_6M", "UTILISATION_12M");
            List<String> wrong = manifest.features().stream()
                    .filter(f -> !derived.contains(f.variable()))
                    .filter(f -> schema.table(f.table().equals("application") ? APPLICATION_TRAIN : f.table())
                            .columns().stream().map(Column::name).noneMatch(f.variable()::equals))
                    .map(f -> f.name() + " <- " + f.table() + "." + f.variable())
                    .toList();
            assertEquals(List.of(), wrong);
        }

        private void assertOrigin(String name, String table, String variable) {
            Feature feature = manifest.features().stream().filter(f -> f.name().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError("no feature " + name));
            assertEquals(new Feature(name, table, variable), feature);
        }
    }

    @Nested
    @DisplayName("storing and reusing")
    class StoringAndReusing {

        @Test
        void survivesAJsonRoundTrip() {
            assertEquals(manifest, FeatureManifest.fromJson(manifest.toJson()));
        }

        @Test
        void isStoredInTheDatabaseByTheBuild() {
            assertEquals(manifest, features.storedManifest());
        }

        @Test
        void itsVocabulariesGiveTheSameFeaturesInTheSameOrderOnOtherData(@TempDir Path tmp) throws Exception {
            Path data = tmp.resolve("data");
            // other categories everywhere, and no POS, installment or credit card file at all
            TableFile.of(APPLICATION_TRAIN)
                    .row("SK_ID_CURR", "900001", "TARGET", "1", "CODE_GENDER", "M", "NAME_INCOME_TYPE", "Pensioner")
                    .writeTo(data);
            TableFile.of(BUREAU)
                    .row("SK_ID_BUREAU", "7", "SK_ID_CURR", "900001", "CREDIT_ACTIVE", "Sold", "CREDIT_TYPE", "Mortgage")
                    .writeTo(data);
            TableFile.of(BUREAU_BALANCE).row("SK_ID_BUREAU", "7", "MONTHS_BALANCE", "0", "STATUS", "5").writeTo(data);
            TableFile.of(PREVIOUS_APPLICATION)
                    .row("SK_ID_PREV", "70", "SK_ID_CURR", "900001", "NAME_CONTRACT_STATUS", "Canceled")
                    .writeTo(data);
            BuiltFeatures other = BuiltFeatures.of(data, tmp.resolve("work"), manifest.vocabularies());

            assertEquals(manifest.featureNames(), other.manifest().featureNames());
            assertEquals(manifest, other.manifest());
        }

        @Test
        void acceptsTheSqlItWasMadeWith() {
            manifest.checkSqlUnchanged();
        }

        @Test
        void refusesAManifestMadeWithOtherSql() {
            String other = "0".repeat(64);
            FeatureManifest old = new FeatureManifest(other, manifest.vocabularies(), manifest.features());
            IllegalStateException e = assertThrows(IllegalStateException.class, old::checkSqlUnchanged);
            assertEquals("the feature manifest was made with other feature SQL (sha256 " + other + ", now "
                    + manifest.sqlSha256() + "); rebuild features and retrain", e.getMessage());
        }

        @Test
        void refusesVocabulariesWithoutAColumnNamingIt() {
            Vocabularies none = new Vocabularies(Map.of());
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> none.of("bureau", "CREDIT_TYPE"));
            assertEquals("the feature manifest has no vocabulary for bureau.CREDIT_TYPE; rebuild it with "
                    + "'scoring features'", e.getMessage());
        }
    }
}
