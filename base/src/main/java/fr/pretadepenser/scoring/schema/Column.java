package fr.pretadepenser.scoring.schema;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One column of a Home Credit file, as the schema resource describes it.
 *
 * @param name        the exact header name, e.g. {@code AMT_CREDIT}
 * @param type        how values are stored
 * @param nullable    whether the Kaggle file may leave it empty
 * @param role        its part in linking tables
 * @param references  for a foreign key, {@code table.column} it points at (the application tables are named {@code application}); else null
 * @param description Kaggle's description, in English
 * @param note        Kaggle's special note (e.g. "normalized", "hashed"), or empty
 * @param categories  for a text column, every value it takes in the real Kaggle files (rare ones included);
 *                    empty for a numeric column
 */
public record Column(String name, ColumnType type, boolean nullable, KeyRole role, String references,
                     String description, String note, List<String> categories) {

    /** Checks that every column has a name, a type and a role, and that only foreign keys reference a table. */
    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(role, "role");
        description = description == null ? "" : description;
        note = note == null ? "" : note;
        categories = List.copyOf(categories);
        if ((type == ColumnType.TEXT) == categories.isEmpty()) {
            throw new IllegalArgumentException("column " + name + ": a text column lists its categories, and only"
                    + " a text column does");
        }
        if ((role == KeyRole.FOREIGN_KEY) != (references != null)) {
            throw new IllegalArgumentException("column " + name + ": only a foreign key references another table");
        }
    }

    /** Whether {@code value} is one of the column's known categories (always false for a numeric column). */
    public boolean isCategory(String value) {
        return categories.contains(value);
    }

    /** The referenced {@code table.column} of a foreign key. */
    public Optional<String> referenced() {
        return Optional.ofNullable(references);
    }
}
