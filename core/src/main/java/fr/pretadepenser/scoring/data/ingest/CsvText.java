package fr.pretadepenser.scoring.data.ingest;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * Reads a source file as text, for the two things DuckDB does not tell us: the header as written, and the line
 * on which a value that broke a rule stands (a null in a required column, a duplicate key). The Kaggle files
 * have one record per line, so record numbers here are the line numbers an editor shows.
 */
final class CsvText {

    private static final char BOM = '\uFEFF';

    /**
     * RFC 4180 as DuckDB reads it; lenient about an unclosed quote or text after a closing quote, so that a
     * malformed header line is still split and its columns named in the error, as before.
     */
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setLenientEof(true).setTrailingData(true).get();

    private CsvText() {
    }

    /** The header fields of the file, or an empty list for an empty file. */
    static List<String> header(SourceFile source) throws IOException {
        try (BufferedReader reader = open(source)) {
            // Only the first line: an unclosed quote in the header must not swallow the whole file.
            String first = reader.readLine();
            return first == null ? List.of() : split(first);
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
        try (CSVParser parser = FORMAT.parse(open(source))) {
            for (CSVRecord record : parser) {
                if (hits.size() == max) {
                    break;
                }
                String value = columnIndex < record.size() ? record.get(columnIndex) : "";
                if (record.getRecordNumber() > 1 && wanted.test(value)) {
                    hits.add(new Hit(record.getRecordNumber(), value));
                }
            }
        }
        return hits;
    }

    /** Splits one CSV line (RFC 4180 quoting, comma separator). */
    static List<String> split(String line) throws IOException {
        try (CSVParser parser = FORMAT.parse(new StringReader(line))) {
            Iterator<CSVRecord> records = parser.iterator();
            // An empty line holds one empty field, as an empty line among the data does.
            return records.hasNext() ? records.next().toList() : List.of("");
        }
    }

    /** The file's text, gunzipped if need be, without the byte order mark some editors write first. */
    private static BufferedReader open(SourceFile source) throws IOException {
        InputStream in = Files.newInputStream(source.path());
        if (source.path().getFileName().toString().endsWith(".gz")) {
            in = new GZIPInputStream(in, 1 << 16);
        }
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        reader.mark(1);
        if (reader.read() != BOM) {
            reader.reset();
        }
        return reader;
    }

    /** A line that broke a rule: where, and the value as written. */
    record Hit(long line, String value) {
    }
}
