-- Application features: one row per application (train and test), the "simple features" baseline.
-- Reads the relation `application` (application_train and application_test, TARGET empty for test).
-- Macros in double braces are expanded from the schema and the manifest's vocabularies (see SqlTemplate).
SELECT
    SK_ID_CURR,
    TARGET,
    {{codes CODE_GENDER}},
    {{codes FLAG_OWN_CAR}},
    {{codes FLAG_OWN_REALTY}},
    {{numeric application except DAYS_EMPLOYED}},
    -- 365243 days (a thousand years) is how the files say "not employed / pensioner".
    CASE WHEN DAYS_EMPLOYED = 365243 THEN NULL ELSE DAYS_EMPLOYED END AS DAYS_EMPLOYED,
    {{onehot application.* except CODE_GENDER FLAG_OWN_CAR FLAG_OWN_REALTY}},
    -- Ratios; a zero denominator gives a missing value (the original gives infinity).
    CAST(CASE WHEN DAYS_EMPLOYED = 365243 THEN NULL ELSE DAYS_EMPLOYED END AS DOUBLE) / NULLIF(DAYS_BIRTH, 0) AS DAYS_EMPLOYED_PERC,
    AMT_INCOME_TOTAL / NULLIF(AMT_CREDIT, 0) AS INCOME_CREDIT_PERC,
    AMT_INCOME_TOTAL / NULLIF(CNT_FAM_MEMBERS, 0) AS INCOME_PER_PERSON,
    AMT_ANNUITY / NULLIF(AMT_INCOME_TOTAL, 0) AS ANNUITY_INCOME_PERC,
    AMT_ANNUITY / NULLIF(AMT_CREDIT, 0) AS PAYMENT_RATE
FROM application
