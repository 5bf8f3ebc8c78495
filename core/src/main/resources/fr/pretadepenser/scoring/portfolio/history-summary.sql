-- A summary of one client's credit history, one row; every ? is the client's SK_ID_CURR.
-- Portable SQL (DuckDB and Spark SQL): CASE inside aggregates rather than FILTER, no engine-specific function.
-- Each subquery aggregates without GROUP BY, so it gives exactly one row even when the client has no rows (then
-- count is 0 and sum NULL, hence the COALESCE).
SELECT
    b.bureau_credits, b.bureau_active, b.bureau_closed, b.bureau_debt,
    p.previous_applications, p.previous_approved, p.previous_refused,
    i.installments, i.installments_late, i.installments_underpaid,
    pos.pos_max_dpd, card.card_max_dpd, card.card_balance, card.card_limit
FROM (
    SELECT count(*) AS bureau_credits,
           COALESCE(sum(CASE WHEN CREDIT_ACTIVE = 'Active' THEN 1 ELSE 0 END), 0) AS bureau_active,
           COALESCE(sum(CASE WHEN CREDIT_ACTIVE = 'Closed' THEN 1 ELSE 0 END), 0) AS bureau_closed,
           COALESCE(sum(AMT_CREDIT_SUM_DEBT), 0) AS bureau_debt
    FROM bureau WHERE SK_ID_CURR = ?
) b
CROSS JOIN (
    SELECT count(*) AS previous_applications,
           COALESCE(sum(CASE WHEN NAME_CONTRACT_STATUS = 'Approved' THEN 1 ELSE 0 END), 0) AS previous_approved,
           COALESCE(sum(CASE WHEN NAME_CONTRACT_STATUS = 'Refused' THEN 1 ELSE 0 END), 0) AS previous_refused
    FROM previous_application WHERE SK_ID_CURR = ?
) p
CROSS JOIN (
    -- One instalment may be paid in several rows: it is late when its last payment is after the due day, and
    -- underpaid when its payments add up to more than a cent less than the amount due (sums of fractional amounts
    -- are not exact). An instalment without payment rows' days or amounts is neither.
    SELECT count(*) AS installments,
           COALESCE(sum(CASE WHEN paid_day > due_day THEN 1 ELSE 0 END), 0) AS installments_late,
           COALESCE(sum(CASE WHEN paid < due - 0.01 THEN 1 ELSE 0 END), 0) AS installments_underpaid
    FROM (
        SELECT max(DAYS_INSTALMENT) AS due_day, max(DAYS_ENTRY_PAYMENT) AS paid_day,
               max(AMT_INSTALMENT) AS due, sum(AMT_PAYMENT) AS paid
        FROM installments_payments WHERE SK_ID_CURR = ?
        GROUP BY SK_ID_PREV, NUM_INSTALMENT_VERSION, NUM_INSTALMENT_NUMBER
    ) per_instalment
) i
CROSS JOIN (
    SELECT max(SK_DPD) AS pos_max_dpd FROM POS_CASH_balance WHERE SK_ID_CURR = ?
) pos
CROSS JOIN (
    -- Utilisation in the latest month reported: the balance of all the client's cards over their limits.
    SELECT max(c.SK_DPD) AS card_max_dpd,
           sum(CASE WHEN c.MONTHS_BALANCE = m.latest THEN c.AMT_BALANCE END) AS card_balance,
           sum(CASE WHEN c.MONTHS_BALANCE = m.latest THEN c.AMT_CREDIT_LIMIT_ACTUAL END) AS card_limit
    FROM credit_card_balance c
    CROSS JOIN (SELECT max(MONTHS_BALANCE) AS latest FROM credit_card_balance WHERE SK_ID_CURR = ?) m
    WHERE c.SK_ID_CURR = ?
) card
