package fr.pretadepenser.scoring.explain;

import fr.pretadepenser.scoring.schema.CategoryLabels;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Short human labels and units of the original variables, in French and English, from {@code variable-labels.tsv}
 * beside this class; a variable it does not list falls back to Kaggle's description in the schema. The labels of
 * the text columns' values come from the schema's {@link CategoryLabels}.
 */
public final class VariableLabels {

    /** How a variable's value reads. */
    public enum Unit { DAYS, AMOUNT, SHARE, SCORE, COUNT, CATEGORY, NUMBER }

    private record Label(Unit unit, String en, String fr) {
    }

    private final Map<String, Label> labels = new HashMap<>();
    private final HomeCreditSchema schema;

    /** Reads the labels shipped with the project. */
    public VariableLabels(HomeCreditSchema schema) {
        this.schema = schema;
        try (var in = VariableLabels.class.getResourceAsStream("variable-labels.tsv");
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            reader.lines().filter(l -> !l.startsWith("#") && !l.startsWith("table\t") && !l.isBlank()).forEach(l -> {
                String[] f = l.split("\t");
                labels.put(f[0] + "." + f[1], new Label(Unit.valueOf(f[2].toUpperCase(java.util.Locale.ROOT)), f[3], f[4]));
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The label of a variable in a language. */
    public String label(String table, String variable, Language language) {
        Label label = labels.get(table + "." + variable);
        if (label != null) {
            return language == Language.EN ? label.en() : label.fr();
        }
        if (table.equals("application")) {
            return schema.table(HomeCreditSchema.APPLICATION_TRAIN).findColumn(variable)
                    .map(c -> c.description().replaceAll("\\s+", " ").trim()).filter(d -> !d.isEmpty())
                    .orElse(variable);
        }
        return table + ": " + variable;
    }

    /**
     * A stored category value as people read it in a language, e.g. {@code Working} as {@code Salarié}; a value the
     * category labels do not list reads as itself.
     */
    public String category(String table, String column, String value, Language language) {
        CategoryLabels categories = CategoryLabels.load();
        return language == Language.EN ? categories.english(table, column, value)
                : categories.french(table, column, value);
    }

    /** Whether the labels file lists this variable (else its label is a fallback). */
    boolean listed(String table, String variable) {
        return labels.containsKey(table + "." + variable);
    }

    /** How a variable's value reads (numbers for anything not listed). */
    public Unit unit(String table, String variable) {
        Label label = labels.get(table + "." + variable);
        if (label != null) {
            return label.unit();
        }
        return variable.startsWith("DAYS_") ? Unit.DAYS : variable.startsWith("AMT_") ? Unit.AMOUNT : Unit.NUMBER;
    }
}
