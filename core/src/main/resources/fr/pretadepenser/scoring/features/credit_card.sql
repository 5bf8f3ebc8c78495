-- Credit card monthly balances: one row per client; prefix CC_. Every column but the keys, one-hot columns
-- included, gets MIN MAX MEAN SUM VAR.
WITH cards AS (
    SELECT c.*, {{onehot credit_card_balance.* nan}},
           -- Group card_utilisation: the balance over the limit, every month and over the last 6 and 12.
           AMT_BALANCE / NULLIF(AMT_CREDIT_LIMIT_ACTUAL, 0) AS UTILISATION,
           CASE WHEN MONTHS_BALANCE >= -6 THEN AMT_BALANCE / NULLIF(AMT_CREDIT_LIMIT_ACTUAL, 0) END AS UTILISATION_6M,
           CASE WHEN MONTHS_BALANCE >= -12 THEN AMT_BALANCE / NULLIF(AMT_CREDIT_LIMIT_ACTUAL, 0) END
               AS UTILISATION_12M
    FROM credit_card_balance c
)
SELECT SK_ID_CURR,
       {{aggregate cards CC_: numeric(credit_card_balance) MIN MAX MEAN SUM VAR,
                             onehot(credit_card_balance.* nan) MIN MAX MEAN SUM VAR,
                             UTILISATION MEAN MAX, UTILISATION_6M MEAN, UTILISATION_12M MEAN}},
       COUNT(*) AS CC_COUNT
FROM cards
GROUP BY SK_ID_CURR
