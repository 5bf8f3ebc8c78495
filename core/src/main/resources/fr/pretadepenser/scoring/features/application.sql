-- Application features: one row per application (train and test), the "simple features" baseline.
-- Reads the relation `application` (application_train and application_test, TARGET empty for test).
-- Macros in double braces are expanded from the schema and the manifest's vocabularies (see SqlTemplate).
-- Beyond the kernel (docs/feature-groups.md): the three external scores combined, over those present.
WITH scored AS (
    SELECT application.*,
           CASE WHEN EXT_SOURCE_1 IS NULL THEN 0 ELSE 1 END + CASE WHEN EXT_SOURCE_2 IS NULL THEN 0 ELSE 1 END
               + CASE WHEN EXT_SOURCE_3 IS NULL THEN 0 ELSE 1 END AS EXT_PRESENT,
           COALESCE(EXT_SOURCE_1, 0) + COALESCE(EXT_SOURCE_2, 0) + COALESCE(EXT_SOURCE_3, 0) AS EXT_TOTAL
    FROM application
),
-- Each score's deviation from the mean of those present, squared by a product: exact in every engine, whereas
-- POWER(d, 2) is the C library's pow in DuckDB, a unit in the last place off the exact square now and then.
deviations AS (
    SELECT scored.*,
           EXT_SOURCE_1 - EXT_TOTAL / NULLIF(EXT_PRESENT, 0) AS EXT_DEVIATION_1,
           EXT_SOURCE_2 - EXT_TOTAL / NULLIF(EXT_PRESENT, 0) AS EXT_DEVIATION_2,
           EXT_SOURCE_3 - EXT_TOTAL / NULLIF(EXT_PRESENT, 0) AS EXT_DEVIATION_3
    FROM scored
)
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
    AMT_ANNUITY / NULLIF(AMT_CREDIT, 0) AS PAYMENT_RATE,
    -- Group ext_sources: mean, min, max and sample standard deviation of the scores present, their product (missing
    -- unless all three are), and a weighted mean (weights 2, 1, 3 as the public kernels, over the scores present).
    EXT_TOTAL / NULLIF(EXT_PRESENT, 0) AS EXT_SOURCES_MEAN,
    LEAST(EXT_SOURCE_1, EXT_SOURCE_2, EXT_SOURCE_3) AS EXT_SOURCES_MIN,
    GREATEST(EXT_SOURCE_1, EXT_SOURCE_2, EXT_SOURCE_3) AS EXT_SOURCES_MAX,
    SQRT((COALESCE(EXT_DEVIATION_1 * EXT_DEVIATION_1, 0) + COALESCE(EXT_DEVIATION_2 * EXT_DEVIATION_2, 0)
          + COALESCE(EXT_DEVIATION_3 * EXT_DEVIATION_3, 0))
         / NULLIF(EXT_PRESENT - 1, 0)) AS EXT_SOURCES_STD,
    EXT_SOURCE_1 * EXT_SOURCE_2 * EXT_SOURCE_3 AS EXT_SOURCES_PROD,
    (2 * COALESCE(EXT_SOURCE_1, 0) + COALESCE(EXT_SOURCE_2, 0) + 3 * COALESCE(EXT_SOURCE_3, 0))
        / NULLIF(CASE WHEN EXT_SOURCE_1 IS NULL THEN 0 ELSE 2 END + CASE WHEN EXT_SOURCE_2 IS NULL THEN 0 ELSE 1 END
                 + CASE WHEN EXT_SOURCE_3 IS NULL THEN 0 ELSE 3 END, 0) AS EXT_SOURCES_WEIGHTED,
    -- Group credit_ratios: the credit over its annuity (about the term in months) and over the goods' price.
    AMT_CREDIT / NULLIF(AMT_ANNUITY, 0) AS CREDIT_ANNUITY_RATIO,
    AMT_CREDIT / NULLIF(AMT_GOODS_PRICE, 0) AS CREDIT_GOODS_RATIO
FROM deviations
