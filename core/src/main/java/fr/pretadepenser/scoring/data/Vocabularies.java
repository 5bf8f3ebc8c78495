package fr.pretadepenser.scoring.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The categories of every text column, learned once from the training data and frozen in the manifest, so that
 * new data always gives the same one-hot columns: an unseen category gives zeros in all of them.
 *
 * @param byColumn categories per {@code table.column} (e.g. {@code bureau.CREDIT_TYPE}), sorted
 */
public record Vocabularies(Map<String, List<String>> byColumn) {

    /** Copies and sorts, so that equal vocabularies are equal records and expand to the same SQL. */
    public Vocabularies {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        new TreeMap<>(byColumn).forEach((k, v) -> {
            List<String> sorted = new ArrayList<>(v);
            sorted.sort(null);
            copy.put(k, List.copyOf(sorted));
        });
        byColumn = java.util.Collections.unmodifiableMap(copy);
    }

    /** The sorted categories of a column; throws naming the column if the manifest has none for it. */
    public List<String> of(String table, String column) {
        List<String> values = byColumn.get(table + "." + column);
        if (values == null) {
            throw new IllegalStateException("the feature manifest has no vocabulary for " + table + "." + column
                    + "; rebuild it with 'scoring features'");
        }
        return values;
    }
}
