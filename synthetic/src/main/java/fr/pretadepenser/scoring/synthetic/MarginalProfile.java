package fr.pretadepenser.scoring.synthetic;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

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

}
