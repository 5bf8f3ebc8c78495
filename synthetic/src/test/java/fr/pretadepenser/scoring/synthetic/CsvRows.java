package fr.pretadepenser.scoring.data.synthetic;

import fr.pretadepenser.scoring.data.CsvFields;

import java.io.BufferedReader;
import java.io.IOException;
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
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return split(reader.readLine());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Calls {@code action} with the fields of every data row. */
    static void forEach(Path file, Consumer<List<String>> action) {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            reader.readLine();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                action.accept(split(line));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> split(String line) {
        return CsvFields.split(line);
    }
}
