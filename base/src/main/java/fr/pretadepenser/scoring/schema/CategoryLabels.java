package fr.pretadepenser.scoring.schema;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * French and English labels of the text columns' values, from {@code category-labels.tsv} beside the schema.
 *
 * <p>The stored values stay the codes everywhere (the model, the request checks and the API speak them); these
 * labels are only what people read. The application tables are named {@code application}, as the feature SQL names
 * them. A value the file does not list (a genuine file may hold a value Kaggle's did not) reads as itself.
 */
public final class CategoryLabels {

    private static final String RESOURCE = "category-labels.tsv";
    private static final CategoryLabels INSTANCE = read();

    private record Label(String en, String fr) {
    }

    private final Map<String, Label> labels;

    private CategoryLabels(Map<String, Label> labels) {
        this.labels = Map.copyOf(labels);
    }

    /** The labels shipped with the project (loaded once; they are immutable). */
    public static CategoryLabels load() {
        return INSTANCE;
    }

    /** The French label of a stored value, or the value itself when the file does not list it. */
    public String french(String table, String column, String value) {
        Label label = labels.get(key(table, column, value));
        return label == null ? value : label.fr();
    }

    /** The English label of a stored value, or the value itself when the file does not list it. */
    public String english(String table, String column, String value) {
        Label label = labels.get(key(table, column, value));
        return label == null ? value : label.en();
    }

    /** Whether the file lists this value (else both labels are the value itself). */
    public boolean listed(String table, String column, String value) {
        return labels.containsKey(key(table, column, value));
    }

    private static String key(String table, String column, String value) {
        // A tab separates the file's fields, so no table, column or value holds one.
        return table + "\t" + column + "\t" + value;
    }

    private static CategoryLabels read() {
        try (InputStream in = CategoryLabels.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from the classpath");
            }
            Map<String, Label> labels = new HashMap<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            reader.lines().filter(l -> !l.startsWith("#") && !l.startsWith("table\t") && !l.isBlank()).forEach(l -> {
                String[] f = l.split("\t", -1);
                if (f.length != 5) {
                    throw new IllegalStateException(RESOURCE + ": expected 5 tab-separated fields in: " + l);
                }
                if (labels.put(key(f[0], f[1], f[2]), new Label(f[3], f[4])) != null) {
                    throw new IllegalStateException(RESOURCE + ": " + f[0] + "." + f[1] + " lists '" + f[2]
                            + "' twice");
                }
            });
            return new CategoryLabels(labels);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
