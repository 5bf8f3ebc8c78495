package fr.pretadepenser.scoring.data;

import java.util.List;
import java.util.Map;

/**
 * A client's rows in the six side tables, as the Kaggle files write them (column name to raw value). A row may
 * leave SK_ID_CURR out: it is the application's. Bureau_balance rows link to bureau rows by SK_ID_BUREAU, the
 * monthly tables and installments to previous applications by SK_ID_PREV, as in the files.
 *
 * @param bureau               rows of bureau (credits reported by other institutions)
 * @param bureauBalance        rows of bureau_balance (their monthly status)
 * @param previousApplications rows of previous_application
 * @param posCashBalance       rows of POS_CASH_balance
 * @param installmentsPayments rows of installments_payments
 * @param creditCardBalance    rows of credit_card_balance
 */
public record History(List<Map<String, Object>> bureau, List<Map<String, Object>> bureauBalance,
                      List<Map<String, Object>> previousApplications, List<Map<String, Object>> posCashBalance,
                      List<Map<String, Object>> installmentsPayments, List<Map<String, Object>> creditCardBalance) {

    /** A client with no history at all: every side feature is missing, as in the batch table. */
    public static final History NONE = new History(List.of(), List.of(), List.of(), List.of(), List.of(), List.of());

    /**
     * Copies every list and row (missing values kept).
     *
     * @throws InvalidFieldException naming the table, row and column of a value that is neither a number nor text
     */
    public History {
        bureau = RawValues.copyAll(bureau, "bureau");
        bureauBalance = RawValues.copyAll(bureauBalance, "bureau_balance");
        previousApplications = RawValues.copyAll(previousApplications, "previous_application");
        posCashBalance = RawValues.copyAll(posCashBalance, "POS_CASH_balance");
        installmentsPayments = RawValues.copyAll(installmentsPayments, "installments_payments");
        creditCardBalance = RawValues.copyAll(creditCardBalance, "credit_card_balance");
    }

    /** The rows by source table name, in {@link fr.pretadepenser.scoring.schema.HomeCreditSchema} naming. */
    public Map<String, List<Map<String, Object>>> byTable() {
        return Map.of("bureau", bureau, "bureau_balance", bureauBalance,
                "previous_application", previousApplications, "POS_CASH_balance", posCashBalance,
                "installments_payments", installmentsPayments, "credit_card_balance", creditCardBalance);
    }

    /** How many rows in all. */
    public int size() {
        return bureau.size() + bureauBalance.size() + previousApplications.size() + posCashBalance.size()
                + installmentsPayments.size() + creditCardBalance.size();
    }
}
