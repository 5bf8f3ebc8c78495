package fr.pretadepenser.scoring.progress;

/**
 * Receives how far a long task has gone, stage by stage, so that a command can show counts, rates and an ETA.
 *
 * <p>Calls for one stage come in the order {@code begin}, any number of {@code update}, {@code end}.
 * Implementations must accept calls from any thread.
 */
public interface Progress {

    /** A progress that shows nothing, for tests and library callers. */
    Progress SILENT = new Progress() {
        @Override
        public void begin(String stage, long total, String unit) {
        }

        @Override
        public void update(long done) {
        }

        @Override
        public void end(String summary) {
        }
    };

    /**
     * A stage starts.
     *
     * @param stage what is being done, e.g. {@code "ingest bureau.csv"}
     * @param total how many units the stage will do, or a value &lt;= 0 when unknown
     * @param unit  what a unit is, e.g. {@code "rows"} or {@code "MB"}
     */
    void begin(String stage, long total, String unit);

    /** The current stage has done {@code done} units so far (a running total, not an increment). */
    void update(long done);

    /** As {@link #update(long)}, with a short note on the state so far (e.g. the best AUC); no personal data. */
    default void update(long done, String detail) {
        update(done);
    }

    /** The current stage is over; {@code summary} says what it did in one line. */
    void end(String summary);

    /**
     * As {@link #end(String)}, for a stage begun only to be summed up (its work was reported under other stages):
     * {@code seconds} is how long that work took.
     */
    default void end(String summary, double seconds) {
        end(summary);
    }
}
