package fr.pretadepenser.scoring.score;

import fr.pretadepenser.scoring.data.ScoringWarning;
import fr.pretadepenser.scoring.model.evaluation.Decision;

import java.util.List;

/**
 * One application scored in a batch: what a scores file holds of it.
 *
 * @param client      SK_ID_CURR
 * @param probability probability of default in [0, 1]
 * @param decision    the decision at the bundle's threshold
 * @param reasons     up to {@value Scorer#FILE_REASONS} original variables that pushed the score most toward
 *                    default, strongest first, as {@code VARIABLE} for the application and {@code table.VARIABLE}
 *                    for the history
 * @param warnings    what was scored anyway but is worth knowing, in {@link ScoringWarning#ORDER}
 */
public record Prediction(long client, double probability, Decision decision, List<String> reasons,
                         List<ScoringWarning> warnings) {

    /** Copies the lists so that a prediction cannot change. */
    public Prediction {
        reasons = List.copyOf(reasons);
        warnings = List.copyOf(warnings);
    }

    /** The same prediction with these warnings. */
    public Prediction withWarnings(List<ScoringWarning> found) {
        return new Prediction(client, probability, decision, reasons, found);
    }
}
