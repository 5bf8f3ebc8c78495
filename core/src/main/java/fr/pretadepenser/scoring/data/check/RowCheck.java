package fr.pretadepenser.scoring.data.check;

import fr.pretadepenser.scoring.schema.Column;
import fr.pretadepenser.scoring.schema.ColumnType;
import fr.pretadepenser.scoring.schema.Table;
import fr.pretadepenser.scoring.data.Vocabularies;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The checks of one table's rows, worked out once from the schema, the range table and the model's vocabularies:
 * known column names, each value's type, range and category. Immutable, so one instance serves every request.
 */
final class RowCheck {

    /** How many categories a message lists before "... (N in all)". */
    private static final int LISTED_CATEGORIES = 20;

    private final String table;
    private final Map<String, Rule> rules = new LinkedHashMap<>();
    private final Map<String, String> refused;

    /**
     * @param table        the table's name in the range table and the vocabularies ({@code application} or a side
     *                     table)
     * @param schema       the table's columns
     * @param vocabularies the categories the model knows
     * @param refused      columns of the table a request may not hold, with the reason
     */
    RowCheck(String table, Table schema, Vocabularies vocabularies, Map<String, String> refused) {
        this.table = table;
        this.refused = Map.copyOf(refused);
        for (Column column : schema.columns()) {
            if (!refused.containsKey(column.name())) {
                rules.put(column.name(), new Rule(column, column.type() == ColumnType.TEXT
                        ? Optional.empty() : Ranges.of(table, column.name()),
                        categories(vocabularies, table, column)));
            }
        }
    }

    /**
     * Checks one row and converts its values; the problems go to {@code problems}, each named {@code where.COLUMN}.
     *
     * @return the row's valid values converted to their column's type (missing values kept as null); a value with
     *         a problem is left out
     */
    Map<String, Object> check(Map<String, Object> row, String where, Problems problems) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : row.entrySet()) {
            String name = entry.getKey();
            String field = where + "." + Shown.name(name);
            Rule rule = rules.get(name);
            if (rule == null) {
                problems.add(field, refused.getOrDefault(name, unknown(name)));
                continue;
            }
            ValueReader.Reading reading = rule.check(entry.getValue());
            if (reading.ok()) {
                values.put(name, reading.value());
            } else {
                problems.add(field, reading.problem());
            }
        }
        return values;
    }

    /**
     * The entries of a parsed JSON object whose names are text, in order; other names are problems. Only iterates
     * the map: a lookup by a String key would throw in a sorted map of other keys.
     */
    static Map<String, Object> named(Map<?, ?> object, String where, Problems problems) {
        Map<String, Object> named = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : object.entrySet()) {
            if (entry.getKey() instanceof String name) {
                named.put(name, entry.getValue());
            } else {
                problems.add(where, "expected names as text, got " + Shown.value(entry.getKey()));
            }
        }
        return named;
    }

    /** The column names a row may hold, in schema order. */
    Set<String> columns() {
        return rules.keySet();
    }

    private String unknown(String name) {
        return "unknown column of " + table + Suggestions.closest(name, rules.keySet())
                .map(s -> "; did you mean " + s + "?").orElse("");
    }

    /** The sorted categories of a text column, or null when any text goes (no vocabulary, or an empty one). */
    private static List<String> categories(Vocabularies vocabularies, String table, Column column) {
        if (column.type() != ColumnType.TEXT) {
            return null;
        }
        // An empty vocabulary means training saw no value at all: refusing every value would refuse the column.
        List<String> known = vocabularies.byColumn().get(table + "." + column.name());
        return known == null || known.isEmpty() ? null : known;
    }

    /** What one column accepts. */
    private static final class Rule {

        private final Column column;
        private final Optional<Ranges.Range> range;
        private final List<String> categories;
        private final Set<String> categorySet;

        Rule(Column column, Optional<Ranges.Range> range, List<String> categories) {
            this.column = column;
            this.range = range;
            this.categories = categories;
            this.categorySet = categories == null ? null : new HashSet<>(categories);
        }

        /** The raw value read as the column's type, or what is wrong with it. */
        ValueReader.Reading check(Object raw) {
            ValueReader.Reading reading = ValueReader.read(column.type(), raw);
            Object value = reading.value();
            if (value instanceof Number n && range.isPresent() && !range.get().allows(n.doubleValue())) {
                return ValueReader.Reading.wrong(range.get().expected(), raw);
            }
            if (value instanceof String s && categorySet != null && !categorySet.contains(s)) {
                return new ValueReader.Reading(null, "unknown category '" + Shown.name(s) + "'"
                        + Suggestions.closest(s, categories).map(c -> " (did you mean '" + c + "'?)").orElse("")
                        + "; allowed: " + listed(categories));
            }
            return reading;
        }

        private static String listed(List<String> categories) {
            if (categories.size() <= LISTED_CATEGORIES) {
                return String.join(", ", categories);
            }
            return String.join(", ", categories.subList(0, LISTED_CATEGORIES)) + ", ... (" + categories.size()
                    + " in all)";
        }
    }
}
