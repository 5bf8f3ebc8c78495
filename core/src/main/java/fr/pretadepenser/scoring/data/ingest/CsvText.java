package fr.pretadepenser.scoring.data.ingest;

import fr.pretadepenser.scoring.data.CsvFields;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * Reads a source file as text, for the two things DuckDB does not tell us: the header as written, and the line
 * on which a value that broke a rule stands (a null in a required column, a duplicate key). The Kaggle files
 * have one record per line, so line numbers here match what an editor shows.
 */
final class CsvText {

    private static final char BOM = '\uFEFF';

    private CsvText() {
    }

    /** The header fields of the file, or an empty list for an empty file. */
    static List<String> header(SourceFile source) throws IOException {
        try (BufferedReader reader = open(source)) {
            String first = reader.readLine();
            if (first == null) {
                return List.of();
            }
            if (!first.isEmpty() && first.charAt(0) == BOM) {
                first = first.substring(1);
            }
            return split(first);
        }
    }

    /**
     * The first data line whose field at {@code columnIndex} matches {@code bad}.
     *
     * @return the 1-based line number (the header is line 1) and the raw field, or empty if none matches
     */
    static Optional<Hit> firstLine(SourceFile source, int columnIndex, Predicate<String> bad) throws IOException {
        return lines(source, columnIndex, bad, 1).stream().findFirst();
    }

    /** Up to {@code max} data lines, in file order, whose field at {@code columnIndex} matches {@code wanted}. */
    static List<Hit> lines(SourceFile source, int columnIndex, Predicate<String> wanted, int max) throws IOException {
        List<Hit> hits = new ArrayList<>(max);
        try (BufferedReader reader = open(source)) {
            reader.readLine();
            long lineNumber = 1;
            String line;
            while (hits.size() < max && (line = reader.readLine()) != null) {
                lineNumber++;
                List<String> fields = split(line);
                String value = columnIndex < fields.size() ? fields.get(columnIndex) : "";
                if (wanted.test(value)) {
                    hits.add(new Hit(lineNumber, value));
                }
            }
        }
        return hits;
    }

    /** Splits one CSV line (RFC 4180 quoting, comma separator). */
    static List<String> split(String line) {
        return CsvFields.split(line);
    }

    private static BufferedReader open(SourceFile source) throws IOException {
        InputStream in = Files.newInputStream(source.path());
        if (source.path().getFileName().toString().endsWith(".gz")) {
            in = new GZIPInputStream(in, 1 << 16);
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    }

    /** A line that broke a rule: where, and the value as written. */
    record Hit(long line, String value) {
    }
}
