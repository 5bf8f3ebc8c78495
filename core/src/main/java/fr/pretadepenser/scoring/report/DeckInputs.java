package fr.pretadepenser.scoring.report;

import fr.pretadepenser.scoring.explain.Language;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the committee deck is made from besides the model bundle, each optional: the database (volumes, findings,
 * example clients), the latest drift report's figures, and the dashboard's screenshots.
 *
 * @param database    the DuckDB file the model was trained on, or null
 * @param drift       the latest drift report's figures, if there is one
 * @param screenshots the folder holding the browser tests' screenshots ({@code client.png}, {@code model.png}), or
 *                    null
 * @param language    the deck's language
 */
public record DeckInputs(Path database, Optional<Drift> drift, Path screenshots, Language language) {

    /**
     * The figures of a drift report the deck shows (read by the caller: the report package sits before the drift
     * package in the product's flow).
     *
     * @param batch       the file of new applications compared
     * @param rows        its applications
     * @param scorePsi    the score's population stability index
     * @param scoreStatus STABLE, INVESTIGATE or DRIFTED
     * @param drifted     variables drifted
     * @param moved       the variables that moved most, most first
     */
    public record Drift(String batch, int rows, double scorePsi, String scoreStatus, long drifted,
                        List<Moved> moved) {

        /** Copies the list. */
        public Drift {
            moved = List.copyOf(moved);
        }
    }

    /**
     * One variable of a drift report.
     *
     * @param table    its table
     * @param variable its name
     * @param psi      its population stability index
     * @param status   STABLE, INVESTIGATE or DRIFTED
     */
    public record Moved(String table, String variable, double psi, String status) {
    }
}
