package fr.pretadepenser.scoring.cli;

import fr.pretadepenser.scoring.features.DuckDbFeatureEngine;
import fr.pretadepenser.scoring.features.Dialect;
import fr.pretadepenser.scoring.features.FeatureManifest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Collectors;

/** Exports the feature table to Parquet or CSV (by extension), written to a temporary file and then renamed. */
final class FeatureExport {

    private FeatureExport() {
    }

    static void write(Connection connection, FeatureManifest manifest, Path out) throws Exception {
        String name = out.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        String format;
        if (name.endsWith(".parquet")) {
            format = "FORMAT PARQUET";
        } else if (name.endsWith(".csv")) {
            format = "FORMAT CSV, HEADER true, NULLSTR ''";
        } else {
            throw new IllegalArgumentException("--out must end in .parquet or .csv, was " + out);
        }
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
