package fr.pretadepenser.scoring.synthetic;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/** Reads a generated CSV file row by row (RFC 4180 quoting, as pandas writes it), for the tests. */
final class CsvRows {

    private CsvRows() {
    }

    /** The header names of a file. */
    static List<String> header(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser csv = CSVParser.parse(reader, CSVFormat.RFC4180)) {
            return csv.iterator().next().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Calls {@code action} with the fields of every data row. */
    static void forEach(Path file, Consumer<List<String>> action) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser csv = CSVParser.parse(reader, CSVFormat.RFC4180)) {
            boolean header = true;
            for (CSVRecord record : csv) {
                if (!header) {
                    action.accept(record.toList());
                }
                header = false;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
