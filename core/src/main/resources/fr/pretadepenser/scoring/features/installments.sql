-- Installment payments: one row per client; prefix INSTAL_.
WITH payments AS (
    SELECT i.*,
           AMT_PAYMENT / NULLIF(AMT_INSTALMENT, 0) AS PAYMENT_PERC,
           AMT_INSTALMENT - AMT_PAYMENT AS PAYMENT_DIFF,
           -- Days past due and days before due, floored at 0; a missing payment date counts as 0.
           CASE WHEN DAYS_ENTRY_PAYMENT - DAYS_INSTALMENT > 0 THEN DAYS_ENTRY_PAYMENT - DAYS_INSTALMENT ELSE 0 END AS DPD,
           CASE WHEN DAYS_INSTALMENT - DAYS_ENTRY_PAYMENT > 0 THEN DAYS_INSTALMENT - DAYS_ENTRY_PAYMENT ELSE 0 END AS DBD
    FROM installments_payments i
),
flags AS (
    SELECT payments.*,
           CAST(CASE WHEN DPD > 0 THEN 1 ELSE 0 END AS DOUBLE) AS LATE,
           CAST(CASE WHEN AMT_PAYMENT < AMT_INSTALMENT THEN 1 ELSE 0 END AS DOUBLE) AS UNDERPAID
    FROM payments
),
flagged AS (
    -- Group installment_windows: late (paid after the due date) and underpaid (paid less than due) installments,
    -- and days late, over the installments due in the last 6, 12 and 24 months (missing outside the window).
    SELECT flags.*,
           CASE WHEN DAYS_INSTALMENT >= -180 THEN LATE END AS LATE_6M,
           CASE WHEN DAYS_INSTALMENT >= -365 THEN LATE END AS LATE_12M,
           CASE WHEN DAYS_INSTALMENT >= -730 THEN LATE END AS LATE_24M,
           CASE WHEN DAYS_INSTALMENT >= -180 THEN UNDERPAID END AS UNDERPAID_6M,
           CASE WHEN DAYS_INSTALMENT >= -365 THEN UNDERPAID END AS UNDERPAID_12M,
           CASE WHEN DAYS_INSTALMENT >= -730 THEN UNDERPAID END AS UNDERPAID_24M,
           CASE WHEN DAYS_INSTALMENT >= -180 THEN DPD END AS DPD_6M,
           CASE WHEN DAYS_INSTALMENT >= -365 THEN DPD END AS DPD_12M,
           CASE WHEN DAYS_INSTALMENT >= -730 THEN DPD END AS DPD_24M
    FROM flags
),
aggregates AS (
    SELECT SK_ID_CURR,
       {{aggregate flagged INSTAL_: NUM_INSTALMENT_VERSION NUNIQUE, DPD MAX MEAN SUM, DBD MAX MEAN SUM,
                                         PAYMENT_PERC MAX MEAN SUM VAR, PAYMENT_DIFF MAX MEAN SUM VAR,
                                         AMT_INSTALMENT MAX MEAN SUM, AMT_PAYMENT MIN MAX MEAN SUM,
                                         DAYS_ENTRY_PAYMENT MAX MEAN SUM,
                                         LATE MEAN, LATE_6M MEAN, LATE_12M MEAN, LATE_24M MEAN,
                                         UNDERPAID MEAN, UNDERPAID_6M MEAN, UNDERPAID_12M MEAN, UNDERPAID_24M MEAN,
                                         DPD_6M MEAN, DPD_12M MEAN, DPD_24M MEAN}},
       COUNT(*) AS INSTAL_COUNT
    FROM flagged
    GROUP BY SK_ID_CURR
),
recent AS (
    -- The last 24 installments of each client (ties broken down to the payment, so that the order is total), in
    -- whole days: the sums below are exact, so the trend does not depend on the order rows are added in.
    SELECT SK_ID_CURR, CAST(DAYS_INSTALMENT AS BIGINT) AS X, CAST(DPD AS BIGINT) AS Y
    FROM (SELECT SK_ID_CURR, DAYS_INSTALMENT, DPD,
                 ROW_NUMBER() OVER (PARTITION BY SK_ID_CURR ORDER BY DAYS_INSTALMENT DESC, SK_ID_PREV DESC,
                                    NUM_INSTALMENT_NUMBER DESC, DAYS_ENTRY_PAYMENT DESC, AMT_PAYMENT DESC) AS RECENCY
          FROM payments
          WHERE DAYS_INSTALMENT IS NOT NULL) r
    WHERE RECENCY <= 24
),
trend AS (
    -- Group installment_trend: the least-squares slope of days late against the due date, in days late gained
    -- per year; missing with fewer than two due dates.
    SELECT SK_ID_CURR,
           CAST(COUNT(*) * SUM(X * Y) - SUM(X) * SUM(Y) AS DOUBLE) * 365
               / NULLIF(CAST(COUNT(*) * SUM(X * X) - SUM(X) * SUM(X) AS DOUBLE), 0) AS INSTAL_DPD_TREND
    FROM recent
    GROUP BY SK_ID_CURR
)
SELECT a.SK_ID_CURR, {{columns flagged a}}, a.INSTAL_COUNT, t.INSTAL_DPD_TREND
FROM aggregates a
LEFT JOIN trend t ON t.SK_ID_CURR = a.SK_ID_CURR
