-- The feature table: every application with the features of each side table, left-joined by client.
-- A client without rows in a side table gets missing values for that table's features.
-- Every feature is cast to DOUBLE (the features macro), whatever type its aggregate has (codes, counts, integer sums).
SELECT a.SK_ID_CURR, a.TARGET,
       {{features application a except SK_ID_CURR TARGET}},
       {{features bureau b except SK_ID_CURR}},
       {{features previous_application p except SK_ID_CURR}},
       {{features pos_cash s except SK_ID_CURR}},
       {{features installments i except SK_ID_CURR}},
       {{features credit_card c except SK_ID_CURR}}
FROM features_application a
LEFT JOIN features_bureau b ON b.SK_ID_CURR = a.SK_ID_CURR
LEFT JOIN features_previous_application p ON p.SK_ID_CURR = a.SK_ID_CURR
LEFT JOIN features_pos_cash s ON s.SK_ID_CURR = a.SK_ID_CURR
LEFT JOIN features_installments i ON i.SK_ID_CURR = a.SK_ID_CURR
LEFT JOIN features_credit_card c ON c.SK_ID_CURR = a.SK_ID_CURR
