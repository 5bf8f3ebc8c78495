package fr.pretadepenser.scoring.testing;

import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import fr.pretadepenser.scoring.schema.Table;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Copies a folder of Home Credit CSV files with every SK_ID_CURR, SK_ID_BUREAU and SK_ID_PREV renumbered by a
 * shuffled bijection (so that the order of the ids changes, not only their values) and the data rows of every file
 * shuffled. Features that depend on nothing but the data must be the same for a client under both numberings.
 */
public final class RenumberedCopy {

    private static final List<String> KEYS = List.of("SK_ID_CURR", "SK_ID_BUREAU", "SK_ID_PREV");

    /** New id by old id, per key column. */
    private final Map<String, Map<String, String>> renumbering;

    private RenumberedCopy(Map<String, Map<String, String>> renumbering) {
        this.renumbering = renumbering;
    }

    /** Writes the renumbered, shuffled copy of every schema file found in {@code from} into {@code to}. */
    public static RenumberedCopy write(Path from, Path to, long seed) throws IOException {
        HomeCreditSchema schema = HomeCreditSchema.load();
        Random random = new Random(seed);
        Map<String, Set<String>> ids = new HashMap<>();
        Map<Table, List<String>> lines = new HashMap<>();
        for (Table table : schema.tables()) {
            Path file = from.resolve(table.file());
            if (!Files.exists(file)) {
                continue;
            }
            List<String> text = Files.readAllLines(file);
            lines.put(table, text);
            List<String> header = Csv.split(text.get(0));
            for (String key : KEYS) {
                int at = header.indexOf(key);
                if (at >= 0) {
                    Set<String> values = ids.computeIfAbsent(key, k -> new LinkedHashSet<>());
                    text.subList(1, text.size()).forEach(line -> values.add(Csv.split(line).get(at)));
                }
            }
        }
        Map<String, Map<String, String>> renumbering = new HashMap<>();
        long base = 9_000_000;
        for (String key : KEYS) {
            List<String> old = new ArrayList<>(ids.getOrDefault(key, Set.of()));
            List<String> shuffled = new ArrayList<>(old);
            Collections.shuffle(shuffled, random);
            Map<String, String> map = new HashMap<>();
            for (int i = 0; i < old.size(); i++) {
                // the i-th old id (in file order) takes the new id of its shuffled position
                map.put(shuffled.get(i), Long.toString(base + i));
            }
            renumbering.put(key, map);
            base += 10_000_000;
        }
        Files.createDirectories(to);
        for (Map.Entry<Table, List<String>> e : lines.entrySet()) {
            List<String> text = e.getValue();
            List<String> header = Csv.split(text.get(0));
            List<String> rows = new ArrayList<>();
            for (String line : text.subList(1, text.size())) {
                List<String> fields = new ArrayList<>(Csv.split(line));
                for (String key : KEYS) {
                    int at = header.indexOf(key);
                    if (at >= 0) {
                        fields.set(at, renumbering.get(key).get(fields.get(at)));
                    }
                }
                rows.add(String.join(",", fields));
            }
            Collections.shuffle(rows, random);
            rows.add(0, text.get(0));
            Files.write(to.resolve(e.getKey().file()), rows);
        }
        return new RenumberedCopy(renumbering);
    }

    /** The new id of an old one, for one key column; throws if the old id was not in the files. */
    public long renumbered(String key, long old) {
        String id = renumbering.get(key).get(Long.toString(old));
        if (id == null) {
            throw new IllegalArgumentException(key + " " + old + " is not in the copied files");
        }
        return Long.parseLong(id);
    }

    /**
     * How much the renumbering of one key column reorders it.
     *
     * @param ids       how many ids were renumbered
     * @param rankKept  how many of them keep their rank among the others
     */
    public record Reordering(int ids, int rankKept) {
    }

    /** How much the renumbering of this key column ({@code SK_ID_CURR}, ...) reorders it. */
    public Reordering reordering(String key) {
        List<Long> old = renumbering.get(key).keySet().stream().map(Long::parseLong).sorted().toList();
        List<Long> ranked = renumbering.get(key).values().stream().map(Long::parseLong).sorted().toList();
        int kept = 0;
        for (int i = 0; i < old.size(); i++) {
            if (renumbered(key, old.get(i)) == ranked.get(i)) {
                kept++;
            }
        }
        return new Reordering(old.size(), kept);
    }

    /** Splits a CSV line into its raw fields, quotes kept, commas inside quotes not splitting. */
    private static final class Csv {

        static List<String> split(String line) {
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c == '"') {
                    quoted = !quoted;
                }
                if (c == ',' && !quoted) {
                    fields.add(field.toString());
                    field.setLength(0);
                } else {
                    field.append(c);
                }
            }
            fields.add(field.toString());
            return fields;
        }
    }
}
