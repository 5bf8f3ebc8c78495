package fr.pretadepenser.scoring.score;

import fr.pretadepenser.scoring.explain.Explanation;
import fr.pretadepenser.scoring.explain.ReasonCode;
import fr.pretadepenser.scoring.model.evaluation.Decision;
import fr.pretadepenser.scoring.model.scorecard.ScorecardPoints;

import java.util.List;

/**
 * One application scored and explained: what the scoring API answers.
 *
 * @param clientId     SK_ID_CURR (0 for a new applicant without one)
 * @param probability  probability of default in [0, 1]
 * @param decision     the decision at the model's threshold
 * @param band         where it stands against the threshold
 * @param threshold    the model's refusal threshold
 * @param modelVersion the bundle that scored it
 * @param explanation  base value and contributions per original variable (log-odds)
 * @param against      the top factors toward default, as sentences
 * @param inFavour     the top factors in the client's favour, as sentences
 * @param scorecard    the scorecard challenger's points per variable, or null when the bundle has no scorecard
 */
public record Score(long clientId, double probability, Decision decision, RiskBand band, double threshold,
                    String modelVersion, Explanation explanation, List<ReasonCode> against,
                    List<ReasonCode> inFavour, ScorecardPoints scorecard) {

    /** Copies the reasons so that a score cannot change. */
    public Score {
        against = List.copyOf(against);
        inFavour = List.copyOf(inFavour);
    }
}
