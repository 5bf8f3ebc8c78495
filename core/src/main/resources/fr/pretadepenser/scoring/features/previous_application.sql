-- Previous applications: one row per client; prefixes PREV_ (all), APPROVED_, REFUSED_.
-- The 365243 sentinel of DAYS_FIRST_DRAWING, DAYS_FIRST_DUE, DAYS_LAST_DUE_1ST_VERSION, DAYS_LAST_DUE and
-- DAYS_TERMINATION means missing, but none of those columns is aggregated in this feature set, so it is not
-- rewritten here; a feature that uses them must map it to NULL first.
{{define previous_numeric:
    AMT_ANNUITY MIN MAX MEAN,
    AMT_APPLICATION MIN MAX MEAN,
    AMT_CREDIT MIN MAX MEAN,
    APP_CREDIT_PERC MIN MAX MEAN VAR,
    AMT_DOWN_PAYMENT MIN MAX MEAN,
    AMT_GOODS_PRICE MIN MAX MEAN,
    HOUR_APPR_PROCESS_START MIN MAX MEAN,
    RATE_DOWN_PAYMENT MIN MAX MEAN,
    DAYS_DECISION MIN MAX MEAN,
    CNT_PAYMENT MEAN SUM,
    SIMPLE_INTEREST MIN MAX MEAN}}
WITH previous AS (
    SELECT p.*, {{onehot previous_application.* nan}},
           AMT_APPLICATION / NULLIF(AMT_CREDIT, 0) AS APP_CREDIT_PERC,
           -- Group previous_interest: the yearly simple interest rate that makes CNT_PAYMENT annuities repay the
           -- credit, an estimate of the rate the lender charged (what the client was judged worth).
           (AMT_ANNUITY * CNT_PAYMENT / NULLIF(AMT_CREDIT, 0) - 1) * 12 / NULLIF(CNT_PAYMENT, 0) AS SIMPLE_INTEREST,
           -- The order of decisions, unique per client: the latest decision, the latest application on a tie.
           DAYS_DECISION * 10000000.0 + SK_ID_PREV AS DECISION_ORDER
    FROM previous_application p
),
all_previous AS (
    SELECT SK_ID_CURR, {{aggregate all_previous PREV_: previous_numeric, onehot(previous_application.* nan) MEAN}},
           -- Group previous_last: how the latest previous application ended.
           max_by(CAST(CASE WHEN NAME_CONTRACT_STATUS = 'Refused' THEN 1 ELSE 0 END AS DOUBLE), DECISION_ORDER)
               AS PREV_LAST_REFUSED,
           max_by(CAST(CASE WHEN NAME_CONTRACT_STATUS = 'Approved' THEN 1 ELSE 0 END AS DOUBLE), DECISION_ORDER)
               AS PREV_LAST_APPROVED
    FROM previous
    GROUP BY SK_ID_CURR
),
approved AS (
    SELECT SK_ID_CURR, {{aggregate approved APPROVED_: previous_numeric}}
    FROM previous
    WHERE NAME_CONTRACT_STATUS = 'Approved'
    GROUP BY SK_ID_CURR
),
refused AS (
    SELECT SK_ID_CURR, {{aggregate refused REFUSED_: previous_numeric}}
    FROM previous
    WHERE NAME_CONTRACT_STATUS = 'Refused'
    GROUP BY SK_ID_CURR
)
SELECT a.SK_ID_CURR, {{columns all_previous a}}, a.PREV_LAST_REFUSED, a.PREV_LAST_APPROVED, {{columns approved x}},
       {{columns refused r}}
FROM all_previous a
LEFT JOIN approved x ON x.SK_ID_CURR = a.SK_ID_CURR
LEFT JOIN refused r ON r.SK_ID_CURR = a.SK_ID_CURR
