-- Bureau and bureau_balance features: one row per client; prefixes BURO_ (all credits), ACTIVE_, CLOSED_.
{{define bureau_numeric:
    DAYS_CREDIT MIN MAX MEAN VAR,
    DAYS_CREDIT_ENDDATE MIN MAX MEAN,
    DAYS_CREDIT_UPDATE MEAN,
    CREDIT_DAY_OVERDUE MAX MEAN,
    AMT_CREDIT_MAX_OVERDUE MEAN,
    AMT_CREDIT_SUM MAX MEAN SUM,
    AMT_CREDIT_SUM_DEBT MAX MEAN SUM,
    AMT_CREDIT_SUM_OVERDUE MEAN,
    AMT_CREDIT_SUM_LIMIT MEAN SUM,
    AMT_ANNUITY MAX MEAN,
    CNT_CREDIT_PROLONG SUM,
    MONTHS_BALANCE_MIN MIN,
    MONTHS_BALANCE_MAX MAX,
    MONTHS_BALANCE_SIZE MEAN SUM}}
WITH balance_onehot AS (
    -- The numeric macro rather than a bare MONTHS_BALANCE, so that the manifest says it comes from bureau_balance.
    SELECT SK_ID_BUREAU, {{numeric bureau_balance}}, {{onehot bureau_balance.STATUS nan}}
    FROM bureau_balance
),
balance AS (
    SELECT SK_ID_BUREAU,
           {{aggregate balance -: MONTHS_BALANCE MIN MAX SIZE, onehot(bureau_balance.STATUS nan) MEAN}}
    FROM balance_onehot
    GROUP BY SK_ID_BUREAU
),
credits AS (
    SELECT b.*, {{onehot bureau.* nan}}, {{columns balance l except SK_ID_BUREAU}}
    FROM bureau b
    LEFT JOIN balance l ON l.SK_ID_BUREAU = b.SK_ID_BUREAU
),
all_credits AS (
    SELECT SK_ID_CURR,
           {{aggregate all_credits BURO_: bureau_numeric, onehot(bureau.* nan) MEAN, onehot(bureau_balance.STATUS nan)_MEAN MEAN}},
           -- Group bureau_ratios: overdue amount over debt, and the share of credits overdue today.
           SUM(AMT_CREDIT_SUM_OVERDUE) / NULLIF(SUM(AMT_CREDIT_SUM_DEBT), 0) AS BURO_OVERDUE_DEBT_RATIO,
           AVG(CAST(CASE WHEN CREDIT_DAY_OVERDUE > 0 THEN 1 ELSE 0 END AS DOUBLE)) AS BURO_OVERDUE_SHARE
    FROM credits
    GROUP BY SK_ID_CURR
),
active AS (
    SELECT SK_ID_CURR, {{aggregate active ACTIVE_: bureau_numeric}}
    FROM credits
    WHERE CREDIT_ACTIVE = 'Active'
    GROUP BY SK_ID_CURR
),
closed AS (
    SELECT SK_ID_CURR, {{aggregate closed CLOSED_: bureau_numeric}}
    FROM credits
    WHERE CREDIT_ACTIVE = 'Closed'
    GROUP BY SK_ID_CURR
)
SELECT a.SK_ID_CURR, {{columns all_credits a}}, a.BURO_OVERDUE_DEBT_RATIO, a.BURO_OVERDUE_SHARE,
       {{columns active x}}, {{columns closed c}},
       -- Group bureau_ratios: the debt still owed on active credits over their amount.
       x.ACTIVE_AMT_CREDIT_SUM_DEBT_SUM / NULLIF(x.ACTIVE_AMT_CREDIT_SUM_SUM, 0) AS BURO_ACTIVE_DEBT_RATIO
FROM all_credits a
LEFT JOIN active x ON x.SK_ID_CURR = a.SK_ID_CURR
LEFT JOIN closed c ON c.SK_ID_CURR = a.SK_ID_CURR
