package fr.pretadepenser.scoring.data;

import java.util.ArrayList;
import java.util.List;

/** Splits one line of a Home Credit CSV file into its fields (comma separator, RFC 4180 double quotes). */
public final class CsvFields {

    private CsvFields() {
    }

    /** The unquoted fields of one line; a carriage return at the end is dropped. */
    public static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c != '\r') {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
