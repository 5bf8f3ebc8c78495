package fr.pretadepenser.scoring.features;

import java.util.Objects;

/**
 * One column of the feature table and where it comes from.
 *
 * @param name     the column name, e.g. {@code BURO_DAYS_CREDIT_MEAN} or {@code NAME_INCOME_TYPE_Working}
 * @param table    the source relation: {@code application} or a side table name, e.g. {@code bureau}
 * @param variable the original variable it is computed from, e.g. {@code DAYS_CREDIT} or {@code NAME_INCOME_TYPE};
 *                 for a derived quantity (a ratio, a count), its own derived name, e.g. {@code PAYMENT_PERC}.
 *                 Explanations add up contributions per (table, variable).
 */
public record Feature(String name, String table, String variable) {

    /** Checks that nothing is missing. */
    public Feature {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(variable, "variable");
    }
}
