package fr.pretadepenser.scoring.data.check;

import fr.pretadepenser.scoring.schema.Column;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rules of one value that every door applies, for the doors that check whole tables in SQL (ingestion): a
 * numeric column's range, with the words the request checks use, so that the same problem reads the same.
 */
public final class ValueRules {

    private ValueRules() {
    }

    /**
     * The range rule of a numeric column, if it has one.
     *
     * @param table the schema table (application_train and application_test are both the application)
     */
    public static Optional<RangeRule> range(String table, Column column) {
        String name = table.startsWith(HomeCreditSchema.APPLICATION) ? Ranges.APPLICATION : table;
        return Ranges.of(name, column.name()).map(RangeRule::new);
    }

    /** A numeric column's plausible values. */
    public static final class RangeRule {

        private final Ranges.Range range;

        private RangeRule(Ranges.Range range) {
            this.range = range;
        }

        /** Whether a value is plausible. */
        public boolean allows(double value) {
            return range.allows(value);
        }

        /** What a value must be, as the request checks say it: "a number of days before the application (<= 0)". */
        public String expected() {
            return range.expected();
        }

        /** An SQL condition over {@code column} (an identifier) that holds for an implausible, present value. */
        public String violation(String column) {
            List<String> allowed = new ArrayList<>();
            if (range.min() > Double.NEGATIVE_INFINITY) {
                allowed.add(column + " >= " + range.min());
            }
            if (range.max() < Double.POSITIVE_INFINITY) {
                allowed.add(column + " <= " + range.max());
            }
            if (range.whole()) {
                allowed.add(column + " = floor(" + column + ")");
            }
            String inside = "(" + String.join(" AND ", allowed) + ")";
            if (range.also() != null) {
                inside = "(" + inside + " OR " + column + " = " + range.also() + ")";
            }
            return column + " IS NOT NULL AND NOT " + inside;
        }
    }
}
