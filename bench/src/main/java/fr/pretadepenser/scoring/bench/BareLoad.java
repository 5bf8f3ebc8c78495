package fr.pretadepenser.scoring.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;

/**
 * The floor of any CSV-to-DuckDB ingest on this machine: DuckDB loading each file into a table of its own with
 * nothing else (types sniffed, no checks, no conversions, no summaries, no features), then its checkpoint. What the
 * ingest does beyond this is the product's; this much any ingest into DuckDB pays.
 *
 * @param seconds wall time of the loads and the checkpoint
 * @param rows    rows loaded, all files together
 */
record BareLoad(double seconds, long rows) {

    /** Loads every {@code .csv} and {@code .csv.gz} of {@code data} into a new database, removed afterwards. */
    static BareLoad of(Path data, Path database, String memory) throws IOException, SQLException {
        List<Path> files;
        try (Stream<Path> listed = Files.list(data)) {
            files = listed.filter(f -> f.getFileName().toString().matches(".*\\.csv(\\.gz)?")).sorted().toList();
        }
        long rows = 0;
        long start = System.nanoTime();
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + database.toAbsolutePath());
             Statement statement = connection.createStatement()) {
            statement.execute("SET memory_limit = '" + memory.replace("'", "") + "'");
            for (int i = 0; i < files.size(); i++) {
                statement.execute("CREATE TABLE t" + i + " AS SELECT * FROM read_csv('"
                        + files.get(i).toAbsolutePath().toString().replace("'", "''") + "', header = true)");
            }
            statement.execute("CHECKPOINT");
            double seconds = (System.nanoTime() - start) / 1e9;
            for (int i = 0; i < files.size(); i++) {
                try (ResultSet r = statement.executeQuery("SELECT count(*) FROM t" + i)) {
                    r.next();
                    rows += r.getLong(1);
                }
            }
            return new BareLoad(seconds, rows);
        } finally {
            Files.deleteIfExists(database);
            Files.deleteIfExists(Path.of(database + ".wal"));
        }
    }
}
