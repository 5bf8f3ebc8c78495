package fr.pretadepenser.scoring.data;

import fr.pretadepenser.scoring.schema.Column;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Raw values of a Home Credit row as a caller sends them (numbers or text, missing allowed): copied so that a
 * record cannot change, and converted to the schema's type of their column when a feature query needs them.
 */
public final class RawValues {

    private RawValues() {
    }

    /**
     * An unmodifiable copy of one row, keeping its order; null values (missing) are kept, which {@link Map#copyOf}
     * would refuse.
     *
     * @throws InvalidFieldException naming the row and column for a value that is neither a number nor text
     */
    static Map<String, Object> copy(Map<String, ?> row, String where) {
        Objects.requireNonNull(row, where);
        Map<String, Object> copy = new LinkedHashMap<>();
        row.forEach((column, value) -> {
            Objects.requireNonNull(column, where + ": a column name is null");
            if (value != null && !(value instanceof Number) && !(value instanceof String)) {
                throw new InvalidFieldException(where + "." + column, "expected a number or text, got "
                        + value.getClass().getSimpleName() + " " + value);
            }
            copy.put(column, value);
        });
        return Collections.unmodifiableMap(copy);
    }

    /** Unmodifiable copies of rows, named {@code where[i]} in errors. */
    static List<Map<String, Object>> copyAll(List<? extends Map<String, ?>> rows, String where) {
        Objects.requireNonNull(rows, where);
        Object[] copies = new Object[rows.size()];
        for (int i = 0; i < copies.length; i++) {
            copies[i] = copy(rows.get(i), where + "[" + i + "]");
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> list = (List<Map<String, Object>>) (List<?>) List.of(copies);
        return list;
    }

    /**
     * The value as its column stores it: a {@link Long} for INTEGER, a {@link Double} for DECIMAL, a {@link String}
     * for TEXT, or null for missing (absent, null or NaN).
     *
     * @throws InvalidFieldException naming the field and the expected type when the value does not fit
     */
    public static Object typed(Column column, Object raw, String where) {
        if (raw == null || raw instanceof Double d && d.isNaN() || raw instanceof Float f && f.isNaN()) {
            return null;
        }
        return switch (column.type()) {
            case TEXT -> {
                if (raw instanceof String s) {
                    yield s;
                }
                throw wrongType(column, raw, where);
            }
            case DECIMAL -> {
                if (raw instanceof Number n && Double.isFinite(n.doubleValue())) {
                    yield n.doubleValue();
                }
                throw wrongType(column, raw, where);
            }
            case INTEGER -> {
                if (raw instanceof Long || raw instanceof Integer || raw instanceof Short || raw instanceof Byte) {
                    yield ((Number) raw).longValue();
                }
                // A whole number sent as a decimal (2.0), as the CSV files write integers with missing values.
                if (raw instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                        && Math.abs(n.doubleValue()) < 0x1p53) {
                    yield (long) n.doubleValue();
                }
                throw wrongType(column, raw, where);
            }
        };
    }

    private static InvalidFieldException wrongType(Column column, Object raw, String where) {
        String found = raw instanceof String ? "text \"" + raw + "\"" : raw.getClass().getSimpleName() + " " + raw;
        return new InvalidFieldException(where + "." + column.name(), "expected " + column.type().expectation()
                + " (" + column.type().sqlType() + "), got " + found);
    }
}
