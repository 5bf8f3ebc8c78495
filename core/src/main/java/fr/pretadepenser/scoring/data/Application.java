package fr.pretadepenser.scoring.data;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One loan application as the Kaggle files write it: column name to raw value (a number or text; a column left
 * out or null is missing). Only SK_ID_CURR is required; the feature builder checks the other values against the
 * schema.
 *
 * @param values the application_train columns by name (TARGET may be left out)
 */
public record Application(Map<String, Object> values) {

    /** The column that identifies the client. */
    public static final String CLIENT_ID = "SK_ID_CURR";

    /**
     * Copies the values (missing values kept) and checks that SK_ID_CURR is a whole number.
     *
     * @throws InvalidFieldException naming the field for a value that is neither a number nor text, or for a
     *                                  missing or fractional SK_ID_CURR
     */
    public Application {
        values = RawValues.copy(values, "application");
        if (!(values.get(CLIENT_ID) instanceof Number id) || id.doubleValue() != Math.rint(id.doubleValue())) {
            throw new InvalidFieldException("application." + CLIENT_ID, "expected a whole number, got "
                    + values.get(CLIENT_ID));
        }
    }

    /** The client's SK_ID_CURR. */
    public long clientId() {
        return ((Number) values.get(CLIENT_ID)).longValue();
    }

    /** The raw value of a column, or null when missing. */
    public Object get(String column) {
        return values.get(column);
    }

    /** A copy with one value changed (null for missing): the "what if" edit of an application form. */
    public Application with(String column, Object value) {
        Map<String, Object> edited = new LinkedHashMap<>(values);
        edited.put(column, value);
        return new Application(edited);
    }
}
