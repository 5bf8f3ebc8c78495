package fr.pretadepenser.scoring.data;

import java.util.Objects;
import java.util.Optional;

/**
 * What the online feature builder needs for one application: the application row, and either the client's
 * history (a new application: every feature is computed) or nothing (an existing client's application edited:
 * the side-table features are the stored ones).
 *
 * @param application the application row
 * @param history     the client's side-table rows; empty to use the stored side features of SK_ID_CURR
 */
public record ClientRecords(Application application, Optional<History> history) {

    /** Checks that nothing is null. */
    public ClientRecords {
        Objects.requireNonNull(application, "application");
        Objects.requireNonNull(history, "history");
    }

    /** An existing client's (possibly edited) application; side features come from the stored feature table. */
    public static ClientRecords edited(Application application) {
        return new ClientRecords(application, Optional.empty());
    }

    /** A new application with the client's whole history ({@link History#NONE} for none). */
    public static ClientRecords withHistory(Application application, History history) {
        return new ClientRecords(application, Optional.of(Objects.requireNonNull(history, "history")));
    }
}
