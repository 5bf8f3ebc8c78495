package fr.pretadepenser.scoring.data.check;

import fr.pretadepenser.scoring.data.ScoringWarning;
import fr.pretadepenser.scoring.data.Vocabularies;
import fr.pretadepenser.scoring.schema.Column;
import fr.pretadepenser.scoring.schema.ColumnType;
import fr.pretadepenser.scoring.schema.Table;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The checks of one table's rows, worked out once from the schema, the range table and the model's vocabularies:
 * known column names, each value's type, range and category. Immutable, so one instance serves every request.
 *
 * <p>The category policy: a value among the column's categories in the Kaggle files (the schema's) but never seen
 * in training is scored as none of the column's categories, with a warning; a value outside them is a problem in
 * the fields an advisor types (the application), and is scored as unseen with a warning in rows that come from
 * other systems (the history). Likewise a number outside its column's range: refused when typed, scored as given
 * with a warning in rows from other systems, as the batch pipeline scores the files it ingests.
 */
final class RowCheck {

    /** How many categories a message lists before "... (N in all)". */
    private static final int LISTED_CATEGORIES = 20;

    private final String table;
    private final Map<String, Rule> rules = new LinkedHashMap<>();
    private final Map<String, String> refused;
    private final boolean typed;

    /**
     * @param table        the table's name in the range table and the vocabularies ({@code application} or a side
     *                     table)
     * @param schema       the table's columns
     * @param vocabularies the categories the model knows
     * @param refused      columns of the table a request may not hold, with the reason
     * @param typed        whether a person types these rows (a category outside the Kaggle files' is then a
     *                     problem to fix, rather than a warning)
     */
    RowCheck(String table, Table schema, Vocabularies vocabularies, Map<String, String> refused, boolean typed) {
        this.table = table;
        this.refused = Map.copyOf(refused);
        this.typed = typed;
        for (Column column : schema.columns()) {
            if (!refused.containsKey(column.name())) {
                rules.put(column.name(), new Rule(column, column.type() == ColumnType.TEXT
                        ? Optional.empty() : Ranges.of(table, column.name()), seen(vocabularies, table, column),
                        typed));
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
            Rule rule = rules.get(name);
            // The field's name is made only for a problem: made for every value, it was a tenth of the CPU time
            // of a scoring request with history (JFR).
            if (rule == null) {
                problems.add(where + "." + Shown.name(name), refused.getOrDefault(name, unknown(name)));
                continue;
            }
            ValueReader.Reading reading = rule.check(entry.getValue());
            if (reading.ok()) {
                values.put(name, reading.value());
                warnUnseenCategory(rule, reading.value(), problems);
                warnImplausible(rule, reading.value(), problems);
            } else {
                problems.add(where + "." + Shown.name(name), reading.problem());
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

    /** Warns of a valid category that the model never saw, or (in rows nobody types) that no Kaggle file has. */
    private void warnUnseenCategory(Rule rule, Object value, Problems problems) {
        if (value instanceof String category && rule.seen != null && !rule.seen.contains(category)) {
            problems.warn(new ScoringWarning(rule.column.isCategory(category) ? ScoringWarning.Kind.UNSEEN_CATEGORY
                    : ScoringWarning.Kind.UNKNOWN_CATEGORY, table, rule.column.name(), category, 1));
        }
    }

    /** Warns of a number outside its column's range in rows nobody types (typed ones are refused instead). */
    private void warnImplausible(Rule rule, Object value, Problems problems) {
        if (!typed && value instanceof Number n && rule.range.isPresent() && !rule.range.get().allows(n.doubleValue())) {
            problems.warn(new ScoringWarning(ScoringWarning.Kind.IMPLAUSIBLE_VALUE, table, rule.column.name(),
                    rule.range.get().expected(), 1));
        }
    }

    /** The categories training saw in a text column, or null when the model has no vocabulary for it. */
    private static Set<String> seen(Vocabularies vocabularies, String table, Column column) {
        List<String> seen = column.type() == ColumnType.TEXT ? vocabularies.byColumn().get(table + "." + column.name())
                : null;
        return seen == null ? null : Set.copyOf(seen);
    }

    /** What one column accepts. */
    private static final class Rule {

        private final Column column;
        private final Optional<Ranges.Range> range;
        private final Set<String> seen;
        private final boolean typed;

        Rule(Column column, Optional<Ranges.Range> range, Set<String> seen, boolean typed) {
            this.column = column;
            this.range = range;
            this.seen = seen;
            this.typed = typed;
        }

        /** The raw value read as the column's type, or what is wrong with it. */
        ValueReader.Reading check(Object raw) {
            ValueReader.Reading reading = ValueReader.read(column.type(), raw);
            Object value = reading.value();
            if (typed && value instanceof Number n && range.isPresent() && !range.get().allows(n.doubleValue())) {
                return ValueReader.Reading.wrong(range.get().expected(), raw);
            }
            if (typed && value instanceof String s && !column.isCategory(s)) {
                List<String> categories = column.categories();
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
