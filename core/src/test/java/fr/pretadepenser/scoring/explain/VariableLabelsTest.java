package fr.pretadepenser.scoring.explain;

import fr.pretadepenser.scoring.features.Feature;
import fr.pretadepenser.scoring.features.FeatureManifest;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import fr.pretadepenser.scoring.testing.BuiltFeatures;
import fr.pretadepenser.scoring.testing.TableFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static fr.pretadepenser.scoring.schema.HomeCreditSchema.APPLICATION_TRAIN;
import static fr.pretadepenser.scoring.schema.HomeCreditSchema.BUREAU;
import static fr.pretadepenser.scoring.schema.HomeCreditSchema.BUREAU_BALANCE;
import static fr.pretadepenser.scoring.schema.HomeCreditSchema.CREDIT_CARD_BALANCE;
import static fr.pretadepenser.scoring.schema.HomeCreditSchema.INSTALLMENTS_PAYMENTS;
import static fr.pretadepenser.scoring.schema.HomeCreditSchema.POS_CASH_BALANCE;
import static fr.pretadepenser.scoring.schema.HomeCreditSchema.PREVIOUS_APPLICATION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The labels of the original variables: every (table, variable) of a built feature manifest is listed in the labels
 * file with a label in both languages, so that no reason code falls back to "table: VARIABLE" or to Kaggle's
 * English description.
 */
class VariableLabelsTest {

    static FeatureManifest manifest;
    static final VariableLabels LABELS = new VariableLabels(HomeCreditSchema.load());

    @BeforeAll
    static void build(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("data");
        TableFile.of(APPLICATION_TRAIN)
                .row("SK_ID_CURR", "100001", "TARGET", "0", "CODE_GENDER", "F", "NAME_INCOME_TYPE", "Working")
                .row("SK_ID_CURR", "100002", "TARGET", "1", "CODE_GENDER", "M", "NAME_INCOME_TYPE", "State servant")
                .writeTo(data);
        TableFile.of(BUREAU)
                .row("SK_ID_BUREAU", "1", "SK_ID_CURR", "100001", "CREDIT_ACTIVE", "Active",
                        "CREDIT_TYPE", "Credit card")
                .row("SK_ID_BUREAU", "2", "SK_ID_CURR", "100001", "CREDIT_ACTIVE", "Closed")
                .writeTo(data);
        TableFile.of(BUREAU_BALANCE)
                .row("SK_ID_BUREAU", "1", "MONTHS_BALANCE", "0", "STATUS", "X")
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
        manifest = BuiltFeatures.of(data, tmp.resolve("work")).manifest();
    }

    @Test
    void everyVariableOfTheFeaturesHasItsOwnLabelInBothLanguages() {
        List<String> missing = manifest.features().stream()
                .filter(f -> !LABELS.listed(f.table(), f.variable())
                        || LABELS.label(f.table(), f.variable(), Language.EN).isBlank()
                        || LABELS.label(f.table(), f.variable(), Language.FR).isBlank())
                .map(f -> f.table() + "\t" + f.variable()).distinct().toList();
        assertEquals(List.of(), missing);
    }

    @Test
    void everySideTableOfTheFeaturesIsCovered() {
        // Guards the fixture: a table that made no feature here would not be checked above.
        assertEquals(Set.of("application", BUREAU, BUREAU_BALANCE, PREVIOUS_APPLICATION, POS_CASH_BALANCE,
                        INSTALLMENTS_PAYMENTS, CREDIT_CARD_BALANCE),
                manifest.features().stream().map(Feature::table).collect(Collectors.toSet()));
    }

    @Test
    void labelsAreShort() {
        List<String> long_ = manifest.features().stream()
                .flatMap(f -> Stream.of(LABELS.label(f.table(), f.variable(), Language.EN),
                        LABELS.label(f.table(), f.variable(), Language.FR)))
                .filter(l -> l.length() > 60).distinct().toList();
        assertEquals(List.of(), long_);
    }

    @Test
    void derivedVariablesReadWithTheirUnit() {
        assertEquals("Paid share of installment amounts",
                LABELS.label(INSTALLMENTS_PAYMENTS, "PAYMENT_PERC", Language.EN));
        assertEquals("Part payée du montant des échéances",
                LABELS.label(INSTALLMENTS_PAYMENTS, "PAYMENT_PERC", Language.FR));
        assertEquals(VariableLabels.Unit.SHARE, LABELS.unit(INSTALLMENTS_PAYMENTS, "PAYMENT_PERC"));
        assertEquals(VariableLabels.Unit.COUNT, LABELS.unit(INSTALLMENTS_PAYMENTS, "DPD"));
        assertEquals(VariableLabels.Unit.SHARE, LABELS.unit(PREVIOUS_APPLICATION, "APP_CREDIT_PERC"));
        assertEquals("Mensualité des crédits auprès d'autres prêteurs",
                LABELS.label(BUREAU, "AMT_ANNUITY", Language.FR));
    }

    @Test
    void anUnlistedVariableFallsBack() {
        assertFalse(LABELS.listed(BUREAU, "NO_SUCH_VARIABLE"));
        assertEquals("bureau: NO_SUCH_VARIABLE", LABELS.label(BUREAU, "NO_SUCH_VARIABLE", Language.EN));
    }
}
