package fr.pretadepenser.scoring.data.check;

import fr.pretadepenser.scoring.data.History;
import fr.pretadepenser.scoring.data.ScoringWarning;
import fr.pretadepenser.scoring.data.Vocabularies;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The checks of a client's history: an object of the six side tables, each a list of rows checked by its
 * {@link RowCheck}, plus what links the rows: one client, bureau_balance rows under bureau rows, monthly rows and
 * installments under previous applications, and a bound on the number of rows.
 */
final class HistoryCheck {

    /** Most rows a request may send in all tables: it bounds the time and memory one request can take. */
    static final int MAX_ROWS = 10_000;

    /** The tables by the name a request uses, in {@link History}'s order. */
    private static final List<String> TABLES = List.of(HomeCreditSchema.BUREAU, HomeCreditSchema.BUREAU_BALANCE,
            HomeCreditSchema.PREVIOUS_APPLICATION, HomeCreditSchema.POS_CASH_BALANCE,
            HomeCreditSchema.INSTALLMENTS_PAYMENTS, HomeCreditSchema.CREDIT_CARD_BALANCE);

    /** Which table's rows the rows of a table link to, and by which key. */
    private static final Map<String, String> PARENT = Map.of(
            HomeCreditSchema.BUREAU_BALANCE, HomeCreditSchema.BUREAU,
            HomeCreditSchema.POS_CASH_BALANCE, HomeCreditSchema.PREVIOUS_APPLICATION,
            HomeCreditSchema.INSTALLMENTS_PAYMENTS, HomeCreditSchema.PREVIOUS_APPLICATION,
            HomeCreditSchema.CREDIT_CARD_BALANCE, HomeCreditSchema.PREVIOUS_APPLICATION);
    private static final Map<String, String> KEY = Map.of(
            HomeCreditSchema.BUREAU, "SK_ID_BUREAU", HomeCreditSchema.PREVIOUS_APPLICATION, "SK_ID_PREV");
    private static final String CLIENT_ID = "SK_ID_CURR";

    private final Map<String, RowCheck> rows = new LinkedHashMap<>();

    HistoryCheck(HomeCreditSchema schema, Vocabularies vocabularies) {
        for (String table : TABLES) {
            rows.put(table, new RowCheck(table, schema.table(table), vocabularies, Map.of(), false));
        }
    }

    /**
     * Checks a history object and converts its rows.
     *
     * @param clientId the application's SK_ID_CURR that rows naming one must repeat; 0 for a new applicant (rows
     *                 must leave it out); null when unknown (rows must agree with one another)
     * @return the history, or null when something was wrong (the problems are in {@code problems})
     */
    History check(Object history, String where, Long clientId, Problems problems) {
        int before = problems.found();
        if (!(history instanceof Map<?, ?> object)) {
            problems.add(where, "expected an object of tables (" + String.join(", ", TABLES) + "), got "
                    + Shown.value(history));
            return null;
        }
        Map<String, List<?>> given = tables(RowCheck.named(object, where, problems), where, problems);
        int count = given.values().stream().mapToInt(List::size).sum();
        if (count > MAX_ROWS) {
            // Checking them all would only cost time: the request is refused whatever they hold.
            problems.add(where, "expected at most " + MAX_ROWS + " rows in all tables, got " + count);
            return null;
        }
        Map<String, List<Map<String, Object>>> converted = new LinkedHashMap<>();
        Map<String, List<Map<String, Object>>> raw = new LinkedHashMap<>();
        for (String table : TABLES) {
            List<?> list = given.getOrDefault(table, List.of());
            List<Map<String, Object>> tableRaw = new ArrayList<>();
            List<Map<String, Object>> tableConverted = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                String at = where + "." + table + "[" + i + "]";
                if (list.get(i) instanceof Map<?, ?> row) {
                    Map<String, Object> named = RowCheck.named(row, at, problems);
                    tableRaw.add(named);
                    tableConverted.add(rows.get(table).check(named, at, problems));
                } else {
                    problems.add(at, "expected an object (one row of " + table + "), got " + Shown.value(list.get(i)));
                    tableRaw.add(null);
                    tableConverted.add(Map.of());
                }
            }
            raw.put(table, tableRaw);
            converted.put(table, tableConverted);
        }
        checkClient(converted, where, clientId, problems);
        checkLinks(raw, converted, where, problems);
        if (problems.found() > before) {
            return null;
        }
        return new History(converted.get(TABLES.get(0)), converted.get(TABLES.get(1)), converted.get(TABLES.get(2)),
                converted.get(TABLES.get(3)), converted.get(TABLES.get(4)), converted.get(TABLES.get(5)));
    }

    /** The lists of rows by table name; unknown tables and values that are no list are problems. */
    private static Map<String, List<?>> tables(Map<String, Object> object, String where, Problems problems) {
        Map<String, List<?>> tables = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : object.entrySet()) {
            String field = where + "." + Shown.name(entry.getKey());
            if (!TABLES.contains(entry.getKey())) {
                problems.add(field, "unknown table" + Suggestions.closest(entry.getKey(), TABLES)
                        .map(s -> "; did you mean " + s + "?").orElse("; known: " + String.join(", ", TABLES)));
            } else if (entry.getValue() instanceof List<?> list) {
                tables.put(entry.getKey(), list);
            } else if (entry.getValue() != null) {
                problems.add(field, "expected a list of rows, got " + Shown.value(entry.getValue()));
            }
        }
        return tables;
    }

    /** Every row naming a client names the application's (or, with no application, the same as the others). */
    private static void checkClient(Map<String, List<Map<String, Object>>> converted, String where, Long clientId,
                                    Problems problems) {
        Long expected = clientId;
        String firstAt = null;
        for (Map.Entry<String, List<Map<String, Object>>> table : converted.entrySet()) {
            for (int i = 0; i < table.getValue().size(); i++) {
                Object id = table.getValue().get(i).get(CLIENT_ID);
                if (id == null || id.equals(expected) && expected != 0L) {
                    continue;
                }
                String at = where + "." + table.getKey() + "[" + i + "]";
                if (expected == null) {
                    expected = (Long) id;
                    firstAt = at;
                } else if (expected == 0L) {
                    problems.add(at + "." + CLIENT_ID, "expected none: the application has no SK_ID_CURR (a new"
                            + " applicant), got " + id);
                } else if (!expected.equals(id)) {
                    problems.add(at + "." + CLIENT_ID, "expected " + (firstAt == null ? "the application's "
                            + expected : expected + ", as in " + firstAt) + " (or none), got " + id);
                }
            }
        }
    }

    /**
     * Primary keys are unique, and every child row names a key; one that names no parent row of the request is a
     * warning. Tables are visited in {@link #TABLES} order, so that problems come in the same order on every run.
     */
    private static void checkLinks(Map<String, List<Map<String, Object>>> raw,
                                   Map<String, List<Map<String, Object>>> converted, String where, Problems problems) {
        Map<String, Map<Object, Integer>> keys = new HashMap<>();
        for (String parent : TABLES) {
            String key = KEY.get(parent);
            if (key == null) {
                continue;
            }
            Map<Object, Integer> seen = new HashMap<>();
            List<Map<String, Object>> list = converted.get(parent);
            for (int i = 0; i < list.size(); i++) {
                Object value = list.get(i).get(key);
                if (value != null && seen.putIfAbsent(value, i) != null) {
                    problems.add(where + "." + parent + "[" + i + "]." + key, "expected a key no other row has, got "
                            + value + ", already the key of " + where + "." + parent + "[" + seen.get(value) + "]");
                }
            }
            keys.put(parent, seen);
        }
        for (String child : TABLES) {
            String parent = PARENT.get(child);
            if (parent == null) {
                continue;
            }
            String key = KEY.get(parent);
            for (int i = 0; i < converted.get(child).size(); i++) {
                Map<String, Object> rawRow = raw.get(child).get(i);
                if (rawRow == null) {
                    continue; // not an object: already a problem
                }
                Object value = converted.get(child).get(i).get(key);
                if (value == null && rawRow.get(key) == null) {
                    problems.add(where + "." + child + "[" + i + "]." + key, "required: expected the " + key
                            + " of a row of " + where + "." + parent + ", got "
                            + (rawRow.containsKey(key) ? "null" : "nothing"));
                } else if (value != null && !keys.get(parent).containsKey(value)) {
                    // Ordinary in the real files (a previous loan whose application is not in the file): scored as
                    // the batch pipeline scores it, with a warning.
                    problems.warn(new ScoringWarning(ScoringWarning.Kind.UNLINKED_ROWS, child, key, parent, 1));
                }
            }
        }
    }
}
