package fr.pretadepenser.scoring.portfolio;

import fr.pretadepenser.scoring.model.bundle.ModelBundle;
import fr.pretadepenser.scoring.progress.Progress;
import fr.pretadepenser.scoring.score.Scorer;
import fr.pretadepenser.scoring.testing.RunFolder;
import fr.pretadepenser.scoring.testing.TinyBundle;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A client directory over a private copy of the tiny bundle's feature database (the directory writes its score
 * cache there), shared by the test classes of this package that only read.
 *
 * @param database   the copy's connection (left open for the run)
 * @param bundle     the tiny bundle
 * @param directory  the directory opened over both
 */
record OpenedDirectory(Connection database, ModelBundle bundle, ClientDirectory directory) {

    private static OpenedDirectory shared;

    /** The directory of this test run, opened on first call. */
    static synchronized OpenedDirectory get() throws Exception {
        if (shared == null) {
            TinyBundle tiny = TinyBundle.get();
            Scorer scorer = tiny.scorer();
            ModelBundle bundle = scorer.bundle();
            Connection database = copy(tiny);
            shared = new OpenedDirectory(database, bundle, ClientDirectory.open(database, scorer, Progress.SILENT));
        }
        return shared;
    }

    /** A connection to a fresh copy of the tiny bundle's database. */
    static Connection copy(TinyBundle tiny) throws Exception {
        Path file = RunFolder.create("clients-").resolve("homecredit.duckdb");
        Files.copy(tiny.database(), file);
        return DriverManager.getConnection("jdbc:duckdb:" + file);
    }

    /** One number from SQL the test writes itself. */
    long count(String sql) throws SQLException {
        return number(database, sql).longValue();
    }

    /** The first column of the first row of a query, as a number (null when NULL). */
    static Number number(Connection connection, String sql) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            Object value = r.getObject(1);
            return value == null ? null : (Number) value;
        }
    }
}
