package fr.pretadepenser.scoring.audit;

/**
 * The outcome of {@link AuditLog#verify()}: whether every line is a valid record whose {@code prev} is the
 * SHA-256 of the line before it.
 *
 * @param intact       true if the whole chain holds
 * @param lines        complete lines in the log
 * @param firstBadLine the 1-based number of the first line that breaks the chain, 0 if intact
 * @param problem      what is wrong with that line, empty if intact
 * @param head         the SHA-256 of the last line (what the next line's {@code prev} will be) if intact: worth
 *                     recording elsewhere, since a chain cannot show that its own last lines were cut off
 */
public record ChainCheck(boolean intact, long lines, long firstBadLine, String problem, String head) {
}
