-- Installment payments: one row per client; prefix INSTAL_.
WITH payments AS (
    SELECT i.*,
           AMT_PAYMENT / NULLIF(AMT_INSTALMENT, 0) AS PAYMENT_PERC,
           AMT_INSTALMENT - AMT_PAYMENT AS PAYMENT_DIFF,
           -- Days past due and days before due, floored at 0; a missing payment date counts as 0.
           CASE WHEN DAYS_ENTRY_PAYMENT - DAYS_INSTALMENT > 0 THEN DAYS_ENTRY_PAYMENT - DAYS_INSTALMENT ELSE 0 END AS DPD,
           CASE WHEN DAYS_INSTALMENT - DAYS_ENTRY_PAYMENT > 0 THEN DAYS_INSTALMENT - DAYS_ENTRY_PAYMENT ELSE 0 END AS DBD
    FROM installments_payments i
)
SELECT SK_ID_CURR,
       {{aggregate installments INSTAL_: NUM_INSTALMENT_VERSION NUNIQUE, DPD MAX MEAN SUM, DBD MAX MEAN SUM,
                                         PAYMENT_PERC MAX MEAN SUM VAR, PAYMENT_DIFF MAX MEAN SUM VAR,
                                         AMT_INSTALMENT MAX MEAN SUM, AMT_PAYMENT MIN MAX MEAN SUM,
                                         DAYS_ENTRY_PAYMENT MAX MEAN SUM}},
       COUNT(*) AS INSTAL_COUNT
FROM payments
GROUP BY SK_ID_CURR
