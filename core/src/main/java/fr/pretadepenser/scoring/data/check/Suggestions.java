package fr.pretadepenser.scoring.data.check;

import org.apache.commons.text.similarity.DamerauLevenshteinDistance;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * The known name closest to a misspelt one, for "did you mean AMT_CREDIT?": the same name in other case or
 * punctuation first ({@code amt_credit}, {@code AmtCredit}), else the nearest by edit distance (a letter added,
 * dropped, changed or two swapped), within a quarter of the name's length.
 */
final class Suggestions {

    /** Longer names are not compared: the cost grows with the length, and such keys are no typo. */
    private static final int LONGEST = 64;

    private Suggestions() {
    }

    /** The known name the caller most likely meant, if any is close enough. */
    static Optional<String> closest(String name, Collection<String> known) {
        if (name.isEmpty() || name.length() > LONGEST) {
            return Optional.empty();
        }
        String squashed = squash(name);
        for (String candidate : known) {
            if (squash(candidate).equals(squashed)) {
                return Optional.of(candidate);
            }
        }
        String upper = name.toUpperCase(Locale.ROOT);
        int allowed = Math.max(1, Math.min(3, name.length() / 4));
        String best = null;
        int bestDistance = allowed + 1;
        for (String candidate : known) {
            // The threshold stops the comparison early (-1) once the candidate cannot beat the best so far.
            int d = new DamerauLevenshteinDistance(bestDistance - 1).apply(upper, candidate.toUpperCase(Locale.ROOT));
            if (d >= 0) {
                best = candidate;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The name without case or punctuation. */
    private static String squash(String name) {
        StringBuilder squashed = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                squashed.append(Character.toUpperCase(c));
            }
        }
        return squashed.toString();
    }
}
