package fr.pretadepenser.scoring.synthetic;

/**
 * The application fields that enter {@link HiddenRiskModel}, as they were written to the application row.
 *
 * @param externalScore   mean of the present EXT_SOURCE_1..3, 0.5 when all are empty
 * @param ageYears        -DAYS_BIRTH / 365.25
 * @param incomeType      NAME_INCOME_TYPE
 * @param yearsEmployed   -DAYS_EMPLOYED / 365.25, 0 for pensioners and the unemployed
 * @param creditToIncome  AMT_CREDIT / AMT_INCOME_TOTAL
 * @param annuityToIncome AMT_ANNUITY / AMT_INCOME_TOTAL
 * @param male            CODE_GENDER is M
 * @param lowEducation    secondary education or less
 * @param regionRating    REGION_RATING_CLIENT (1 to 3)
 * @param yearsRegistered -DAYS_REGISTRATION / 365.25, years since the client last changed their registration
 * @param idYears         -DAYS_ID_PUBLISH / 365.25, age of the identity document
 * @param phoneYears      -DAYS_LAST_PHONE_CHANGE / 365.25
 */
record ApplicationFacts(double externalScore, double ageYears, String incomeType, double yearsEmployed,
                        double creditToIncome, double annuityToIncome, boolean male, boolean lowEducation,
                        int regionRating, double yearsRegistered, double idYears, double phoneYears) {
}
