-- POS and cash loan monthly balances: one row per client; prefix POS_.
WITH months AS (
    SELECT p.*, {{onehot POS_CASH_balance.* nan}},
           CAST(CASE WHEN SK_DPD > 0 THEN 1 ELSE 0 END AS DOUBLE) AS LATE
    FROM POS_CASH_balance p
),
pos AS (
    -- Group pos_windows: months past due, over every month and over the last 6, 12 and 24.
    SELECT months.*,
           CASE WHEN MONTHS_BALANCE >= -6 THEN LATE END AS LATE_6M,
           CASE WHEN MONTHS_BALANCE >= -12 THEN LATE END AS LATE_12M,
           CASE WHEN MONTHS_BALANCE >= -24 THEN LATE END AS LATE_24M
    FROM months
)
SELECT SK_ID_CURR,
       {{aggregate pos POS_: MONTHS_BALANCE MAX MEAN SIZE, SK_DPD MAX MEAN, SK_DPD_DEF MAX MEAN,
                             onehot(POS_CASH_balance.* nan) MEAN,
                             LATE MEAN, LATE_6M MEAN, LATE_12M MEAN, LATE_24M MEAN}},
       COUNT(*) AS POS_COUNT
FROM pos
GROUP BY SK_ID_CURR
