package fr.pretadepenser.scoring.portfolio;

import fr.pretadepenser.scoring.score.RiskBand;

/**
 * What a list of clients shows of each: who, which loan, and the model's verdict on the stored features.
 *
 * @param clientId     SK_ID_CURR
 * @param sample       {@code train} (application_train, outcome known) or {@code test} (application_test)
 * @param contractType NAME_CONTRACT_TYPE, e.g. {@code Cash loans}
 * @param incomeType   NAME_INCOME_TYPE, e.g. {@code Working}
 * @param contractTypeLabel the contract type as people read it in the requested language ({@code Prêt d'espèces})
 * @param incomeTypeLabel   the income type as people read it in the requested language ({@code Salarié})
 * @param amountCredit AMT_CREDIT, null when the application leaves it empty
 * @param ageYears     the age at application, {@code -DAYS_BIRTH / 365.25}
 * @param probability  the probability of default from the stored features, in [0, 1]
 * @param band         its risk band at the model's threshold
 * @param decision     {@code refused} at or above the threshold, else {@code granted}
 * @param outcome      TARGET (1: payment difficulties) for a training client, null for a test client
 */
public record ClientSummary(long clientId, String sample, String contractType, String incomeType,
                            String contractTypeLabel, String incomeTypeLabel, Double amountCredit, double ageYears,
                            double probability, RiskBand band, String decision, Integer outcome) {

    /** The sample of a training client. */
    public static final String TRAIN = "train";

    /** The sample of a test client. */
    public static final String TEST = "test";
}
