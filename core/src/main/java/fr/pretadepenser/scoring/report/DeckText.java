package fr.pretadepenser.scoring.report;

import fr.pretadepenser.scoring.explain.Language;
import org.apache.commons.text.StringSubstitutor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The committee deck's words in one language, from {@code deck-text.tsv} (key, French, English): the one place
 * the deck's sentences live. A key the table lacks, or a {@code ${name}} left unfilled, is an error, not a blank.
 */
final class DeckText {

    private static final String RESOURCE = "deck-text.tsv";

    private final Language language;
    private final Map<String, String[]> table;

    private DeckText(Language language, Map<String, String[]> table) {
        this.language = language;
        this.table = table;
    }

    /** The deck's words in {@code language}. */
    static DeckText in(Language language) {
        return new DeckText(language, load());
    }

    /** The language the words are in. */
    Language language() {
        return language;
    }

    /** Every key of the table, in file order. */
    Set<String> keys() {
        return table.keySet();
    }

    /** The text of {@code key} with its {@code ${name}} places filled from {@code values} (name, value, ...). */
    String get(String key, Object... values) {
        String[] row = table.get(key);
        if (row == null) {
            throw new IllegalStateException("the deck's text table " + RESOURCE + " has no key '" + key + "'");
        }
        Map<String, Object> filled = new LinkedHashMap<>();
        for (int i = 0; i + 1 < values.length; i += 2) {
            filled.put((String) values[i], values[i + 1]);
        }
        StringSubstitutor substitutor = new StringSubstitutor(filled);
        substitutor.setEnableUndefinedVariableException(true);
        try {
            return substitutor.replace(row[language == Language.EN ? 1 : 0]);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("text '" + key + "' of " + RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /** The raw table: key to {French, English}, as read (for the completeness test). */
    static Map<String, String[]> load() {
        Map<String, String[]> rows = new LinkedHashMap<>();
        try (InputStream in = DeckText.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int number = 0;
            boolean header = true;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] cells = line.split("\t", -1);
                if (cells.length != 3) {
                    throw new IllegalStateException(RESOURCE + ", line " + number + ": expected 3 tab-separated"
                            + " cells (key, fr, en), found " + cells.length);
                }
                if (header) {
                    header = false;
                    continue;
                }
                if (rows.put(cells[0], new String[]{cells[1], cells[2]}) != null) {
                    throw new IllegalStateException(RESOURCE + ", line " + number + ": key '" + cells[0]
                            + "' twice");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }
}
