package fr.pretadepenser.scoring.synthetic;

import fr.pretadepenser.scoring.schema.Column;
import fr.pretadepenser.scoring.schema.ColumnType;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import fr.pretadepenser.scoring.schema.Table;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The rounded marginals of the real columns, read once from {@code marginal-profile.tsv} beside this class
 * (written by {@code tools/build-synthetic-profile.py}); immutable and shared by all generating threads.
 */
final class MarginalProfile {

    private static final String RESOURCE = "marginal-profile.tsv";

    private final Map<String, ColumnProfile> columns;

    private MarginalProfile(Map<String, ColumnProfile> columns) {
        this.columns = columns;
    }

    static MarginalProfile load() {
        Map<String, ColumnProfile> columns = new HashMap<>();
        try (InputStream in = MarginalProfile.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    String[] fields = line.split("\t");
                    columns.put(fields[0] + '.' + fields[1], ColumnProfile.parse(fields));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        return new MarginalProfile(columns);
    }

    /** The profile of {@code table.column}, or null when the column has none (keys, TARGET). */
    ColumnProfile find(String table, String column) {
        return columns.get(table + '.' + column);
    }

    /** The table whose profile describes {@code table}: application_test is drawn like application_train. */
    static String profiledTable(String table) {
        return table.equals(HomeCreditSchema.APPLICATION_TEST) ? HomeCreditSchema.APPLICATION_TRAIN : table;
    }

    /**
     * Checks that every text column of the schema has a profile listing exactly the schema's categories, the one
     * list of them; the profile's build script reads the schema, so a mismatch means a stale profile.
     *
     * @throws IllegalStateException naming the first column whose categories differ, and the fix
     */
    void checkCategories(HomeCreditSchema schema) {
        for (Table table : schema.tables()) {
            for (Column column : table.columns()) {
                if (column.type() != ColumnType.TEXT) {
                    continue;
                }
                ColumnProfile p = find(profiledTable(table.name()), column.name());
                Set<String> listed = new TreeSet<>();
                for (int i = 0; p != null && i < p.categoryCount(); i++) {
                    listed.add(p.category(i));
                }
                if (!listed.equals(new TreeSet<>(column.categories()))) {
                    throw new IllegalStateException(RESOURCE + " lists " + listed + " for " + table.name() + '.'
                            + column.name() + " but the schema lists " + new TreeSet<>(column.categories())
                            + "; rebuild it with tools/build-synthetic-profile.py");
                }
            }
        }
    }

}
