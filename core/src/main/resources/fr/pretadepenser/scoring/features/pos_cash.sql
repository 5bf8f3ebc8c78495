-- POS and cash loan monthly balances: one row per client; prefix POS_.
WITH pos AS (
    SELECT p.*, {{onehot POS_CASH_balance.* nan}}
    FROM POS_CASH_balance p
)
SELECT SK_ID_CURR,
       {{aggregate pos POS_: MONTHS_BALANCE MAX MEAN SIZE, SK_DPD MAX MEAN, SK_DPD_DEF MAX MEAN,
                             onehot(POS_CASH_balance.* nan) MEAN}},
       COUNT(*) AS POS_COUNT
FROM pos
GROUP BY SK_ID_CURR
