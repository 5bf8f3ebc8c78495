package fr.pretadepenser.scoring.data.ingest;

import fr.pretadepenser.scoring.data.InvalidDataException;
import fr.pretadepenser.scoring.schema.Table;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Finds each table's file in what the user points at: a folder of {@code .csv} or {@code .csv.gz} files,
 * a folder holding the Kaggle zip, or the zip itself. DuckDB cannot read inside a zip, so a zip entry is
 * extracted to a scratch folder that the caller deletes.
 */
final class SourceLocator {

    static final String KAGGLE_ZIP = "home-credit-default-risk.zip";

    private final Path location;
    private final Path scratch;

    /**
     * @param location the folder or zip given by the user
     * @param scratch  a folder for extracted zip entries, deleted by the caller
     */
    SourceLocator(Path location, Path scratch) {
        this.location = location;
        this.scratch = scratch;
    }

    /** Checks that the location exists, so that a typo is reported before anything else. */
    void checkExists() {
        if (!Files.exists(location)) {
            throw InvalidDataException.forFile(location.toString(), "no such folder or file");
        }
    }

    /** The file for that table, or empty when the user has none. */
    Optional<SourceFile> find(Table table) throws IOException {
        if (Files.isDirectory(location)) {
            for (String name : new String[]{table.file(), table.file() + ".gz"}) {
                Path candidate = location.resolve(name);
                if (Files.isRegularFile(candidate)) {
                    return Optional.of(new SourceFile(table, name, candidate, Files.size(candidate)));
                }
            }
            Path zip = location.resolve(KAGGLE_ZIP);
            return Files.isRegularFile(zip) ? fromZip(zip, table) : Optional.empty();
        }
        return fromZip(location, table);
    }

    /** What was searched for a table, for the message when a required file is missing. */
    String searched(Table table) {
        if (Files.isDirectory(location)) {
            return "not found in " + location + " (looked for " + table.file() + ", " + table.file() + ".gz and "
                    + KAGGLE_ZIP + ")";
        }
        return "not found inside " + location;
    }

    private Optional<SourceFile> fromZip(Path zip, Table table) throws IOException {
        ZipFile opened;
        try {
            opened = new ZipFile(zip.toFile());
        } catch (ZipException e) {
            throw InvalidDataException.forFile(zip.toString(), "expected a folder or a zip archive, found a file that is neither");
        }
        try (ZipFile archive = opened) {
            Enumeration<? extends ZipEntry> entries = archive.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String base = entry.getName().substring(entry.getName().lastIndexOf('/') + 1);
                if (!entry.isDirectory() && base.equals(table.file())) {
                    Path target = scratch.resolve(base);
                    try (InputStream in = archive.getInputStream(entry)) {
                        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                    return Optional.of(new SourceFile(table, zip.getFileName() + ":" + entry.getName(), target,
                            Files.size(target)));
                }
            }
        }
        return Optional.empty();
    }
}
