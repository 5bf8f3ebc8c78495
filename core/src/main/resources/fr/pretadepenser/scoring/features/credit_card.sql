-- Credit card monthly balances: one row per client; prefix CC_. Every column but the keys, one-hot columns
-- included, gets MIN MAX MEAN SUM VAR.
WITH cards AS (
    SELECT c.*, {{onehot credit_card_balance.* nan}}
    FROM credit_card_balance c
)
SELECT SK_ID_CURR,
       {{aggregate cards CC_: numeric(credit_card_balance) MIN MAX MEAN SUM VAR,
                             onehot(credit_card_balance.* nan) MIN MAX MEAN SUM VAR}},
       COUNT(*) AS CC_COUNT
FROM cards
GROUP BY SK_ID_CURR
