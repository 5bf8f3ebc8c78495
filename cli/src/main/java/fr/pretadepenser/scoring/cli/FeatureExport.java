package fr.pretadepenser.scoring.cli;

import fr.pretadepenser.scoring.features.DuckDbFeatureEngine;
import fr.pretadepenser.scoring.features.Dialect;
import fr.pretadepenser.scoring.features.FeatureManifest;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.stream.Collectors;

/** Exports the feature table to Parquet or CSV (by extension), written to a temporary file and then renamed. */
final class FeatureExport {

    private FeatureExport() {
    }

    /** Refuses, as a usage error, a file name that says neither Parquet nor CSV (before any work is done). */
    static void checkExtension(CommandLine commandLine, Path out) {
        if (format(out) == null) {
            throw new CommandLine.ParameterException(commandLine, "--out must end in .parquet or .csv, was " + out);
        }
    }

    private static String format(Path out) {
        String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".parquet")) {
            return "FORMAT PARQUET";
        }
        return name.endsWith(".csv") ? "FORMAT CSV, HEADER true, NULLSTR ''" : null;
    }

    static void write(Connection connection, FeatureManifest manifest, Path out) throws Exception {
        String format = format(out);
        Path target = out.toAbsolutePath();
        if (target.getParent() != null) {
            Files.createDirectories(target.getParent());
        }
        Path temporary = target.resolveSibling(target.getFileName() + ".partial");
        String columns = "SK_ID_CURR, TARGET, " + manifest.featureNames().stream()
                .map(Dialect.DUCKDB::identifier).collect(Collectors.joining(", "));
        try (Statement s = connection.createStatement()) {
            s.execute("COPY (SELECT " + columns + " FROM " + DuckDbFeatureEngine.FEATURE_TABLE
                    + " ORDER BY SK_ID_CURR) TO '" + temporary.toString().replace("'", "''") + "' (" + format + ")");
        } catch (SQLException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
