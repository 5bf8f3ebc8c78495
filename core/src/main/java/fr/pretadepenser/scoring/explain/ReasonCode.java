package fr.pretadepenser.scoring.explain;

/**
 * One reason for a score, as a sentence a relationship manager can read to the client.
 *
 * @param table        the source table of the variable
 * @param variable     the original variable
 * @param contribution its contribution in log-odds (positive: toward default)
 * @param sentence     the reason in plain words, in the requested language
 */
public record ReasonCode(String table, String variable, double contribution, String sentence) {
}
