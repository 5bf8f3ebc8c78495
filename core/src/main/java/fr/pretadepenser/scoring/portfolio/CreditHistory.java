package fr.pretadepenser.scoring.portfolio;

/**
 * A summary of a client's credit history, computed from the ingested side tables. Counts are 0 and the other
 * values null when the client has no rows in the table concerned.
 *
 * @param bureauCredits          credits reported by the Credit Bureau (bureau rows)
 * @param bureauActive           of which CREDIT_ACTIVE = Active
 * @param bureauClosed           of which CREDIT_ACTIVE = Closed
 * @param bureauDebt             total AMT_CREDIT_SUM_DEBT over the bureau credits (empty debts count as 0)
 * @param previousApplications   earlier applications at Home Credit (previous_application rows)
 * @param previousApproved       of which NAME_CONTRACT_STATUS = Approved
 * @param previousRefused        of which NAME_CONTRACT_STATUS = Refused
 * @param installments           instalments due on earlier credits (one per SK_ID_PREV, version and number, however
 *                               many payments it took)
 * @param installmentsLate       of which the last payment came after the due day
 * @param lateShare              installmentsLate / installments, null without instalments
 * @param installmentsUnderpaid  of which the payments add up to less than the instalment
 * @param posMaxDaysPastDue      the largest SK_DPD of the POS and cash loans' monthly balances
 * @param cardMaxDaysPastDue     the largest SK_DPD of the credit cards' monthly balances
 * @param cardUtilisation        balance / credit limit of the client's cards in their latest month, null without a
 *                               card or with a zero limit
 */
public record CreditHistory(int bureauCredits, int bureauActive, int bureauClosed, double bureauDebt,
                            int previousApplications, int previousApproved, int previousRefused, int installments,
                            int installmentsLate, Double lateShare, int installmentsUnderpaid,
                            Integer posMaxDaysPastDue, Integer cardMaxDaysPastDue, Double cardUtilisation) {
}
