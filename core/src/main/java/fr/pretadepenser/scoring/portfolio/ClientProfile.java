package fr.pretadepenser.scoring.portfolio;

import java.util.List;

/**
 * Everything a relationship manager reads about one client.
 *
 * @param summary  the client as listed: sample, loan, probability, band, decision and (training) outcome
 * @param sections the application's values with labels and units, grouped
 * @param history  a summary of the credit history
 */
public record ClientProfile(ClientSummary summary, List<ProfileSection> sections, CreditHistory history) {

    /** Copies the sections so that a profile cannot change. */
    public ClientProfile {
        sections = List.copyOf(sections);
    }
}
