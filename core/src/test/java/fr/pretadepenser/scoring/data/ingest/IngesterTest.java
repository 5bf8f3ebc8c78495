package fr.pretadepenser.scoring.data.ingest;

import fr.pretadepenser.scoring.data.InvalidDataException;
import fr.pretadepenser.scoring.progress.Progress;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import fr.pretadepenser.scoring.testing.TableFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static fr.pretadepenser.scoring.schema.HomeCreditSchema.APPLICATION_TEST;
import static fr.pretadepenser.scoring.schema.HomeCreditSchema.APPLICATION_TRAIN;
import static fr.pretadepenser.scoring.schema.HomeCreditSchema.BUREAU;
import static fr.pretadepenser.scoring.schema.HomeCreditSchema.BUREAU_BALANCE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IngesterTest {

    @TempDir
    Path tmp;
    Path data;
    Path db;

    @BeforeEach
    void paths() {
        data = tmp.resolve("data");
        db = tmp.resolve("out/homecredit.duckdb");
    }

    private static TableFile train() {
        return TableFile.of(APPLICATION_TRAIN)
                .row("SK_ID_CURR", "100002", "TARGET", "1", "AMT_CREDIT", "406597.5", "AMT_ANNUITY", "24700.5")
                .row("SK_ID_CURR", "100003", "TARGET", "0", "AMT_CREDIT", "1293502.5")
                .row("SK_ID_CURR", "100004", "TARGET", "0", "AMT_CREDIT", "135000.0")
                .row("SK_ID_CURR", "100006", "TARGET", "0", "AMT_CREDIT", "312682.5");
    }

    private IngestSummary ingest() throws IOException, SQLException {
        return new Ingester(HomeCreditSchema.load()).ingest(data, db, Progress.SILENT);
    }

    private long count(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db, readOnly());
             Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private static java.util.Properties readOnly() {
        java.util.Properties properties = new java.util.Properties();
        properties.setProperty("duckdb.read_only", "true");
        return properties;
    }

    @Nested
    class ValidData {

        @Test
        void loadsEveryFileWithSchemaTypesAndReportsRowsClientsAndDefaultRate() throws Exception {
            train().writeTo(data);
            TableFile.of(APPLICATION_TEST).row("SK_ID_CURR", "100001").writeTo(data);
            TableFile.of(BUREAU).row("SK_ID_CURR", "100002", "SK_ID_BUREAU", "5714462", "AMT_CREDIT_SUM", "91323.0")
                    .row("SK_ID_CURR", "100001", "SK_ID_BUREAU", "5714463").writeTo(data);

            IngestSummary summary = ingest();

            TableReport report = summary.table(APPLICATION_TRAIN);
            assertEquals(4, report.rows());
            assertEquals(4, report.clients());
            assertEquals(0.25, report.defaultRate().getAsDouble(), 1e-12);
            assertEquals(2, summary.table(BUREAU).rows());
            assertEquals(4 + 1 + 2, summary.totalRows());
            assertEquals(0, summary.table(BUREAU).orphanRows());
            assertEquals(1, count("SELECT count(*) FROM application_test"));
        }

        @Test
        void storesAmountsAsNumbersAndIdsAsIntegers() throws Exception {
            train().writeTo(data);
            ingest();
            assertEquals(21477825, count("SELECT CAST(sum(AMT_CREDIT) * 10 AS BIGINT) FROM application_train"));
            assertEquals(1, count("SELECT count(*) FROM information_schema.columns WHERE table_name = 'application_train'"
                    + " AND column_name = 'SK_ID_CURR' AND data_type = 'BIGINT'"));
            assertEquals(1, count("SELECT count(*) FROM information_schema.columns WHERE table_name = 'application_train'"
                    + " AND column_name = 'AMT_CREDIT' AND data_type = 'DOUBLE'"));
            assertEquals(3, count("SELECT count(*) FROM application_train WHERE AMT_ANNUITY IS NULL"));
        }

        @Test
        void turnsAnAbsentOptionalFileIntoAnEmptyTable() throws Exception {
            train().writeTo(data);
            IngestSummary summary = ingest();
            assertFalse(summary.table(BUREAU_BALANCE).present());
            assertEquals(0, count("SELECT count(*) FROM bureau_balance"));
            assertEquals(0, count("SELECT count(*) FROM ingest_log WHERE table_name = 'bureau_balance' AND present"));
            assertEquals(1, count("SELECT count(*) FROM ingest_log WHERE table_name = 'application_train' AND present"));
        }

        @Test
        void recordsTheSha256OfEachSourceFile() throws Exception {
            Path file = train().writeTo(data);
            ingest();
            String expected = java.util.HexFormat.of().formatHex(
                    java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
            try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db, readOnly());
                 Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT sha256 FROM ingest_log WHERE table_name = 'application_train'")) {
                r.next();
                assertEquals(expected, r.getString(1));
            }
        }

        @Test
        void readsGzipFiles() throws Exception {
            Path plain = train().writeTo(tmp.resolve("plain"));
            Files.createDirectories(data);
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(data.resolve("application_train.csv.gz")))) {
                Files.copy(plain, out);
            }
            assertEquals(4, ingest().table(APPLICATION_TRAIN).rows());
        }

        @Test
        void readsTheKaggleZipInAFolderOrGivenDirectly() throws Exception {
            Path plain = train().writeTo(tmp.resolve("plain"));
            Path bureau = TableFile.of(BUREAU).row("SK_ID_CURR", "100002", "SK_ID_BUREAU", "5714462").writeTo(tmp.resolve("plain"));
            Files.createDirectories(data);
            Path zip = data.resolve("home-credit-default-risk.zip");
            try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
                for (Path file : List.of(plain, bureau)) {
                    out.putNextEntry(new ZipEntry(file.getFileName().toString()));
                    Files.copy(file, out);
                    out.closeEntry();
                }
            }
            IngestSummary fromFolder = ingest();
            assertEquals(4, fromFolder.table(APPLICATION_TRAIN).rows());
            assertEquals("home-credit-default-risk.zip:bureau.csv", fromFolder.table(BUREAU).source());

            IngestSummary fromZip = new Ingester(HomeCreditSchema.load()).ingest(zip, db, Progress.SILENT);
            assertEquals(1, fromZip.table(BUREAU).rows());
            assertOnlyDatabaseLeft();
        }

        @Test
        void reportsAndIgnoresExtraColumns() throws Exception {
            train().withExtraColumn("BRANCH_CODE", "PARIS-11").writeTo(data);
            TableReport report = ingest().table(APPLICATION_TRAIN);
            assertEquals(List.of("BRANCH_CODE"), report.extraColumns());
            assertEquals(0, count("SELECT count(*) FROM information_schema.columns WHERE column_name = 'BRANCH_CODE'"));
        }

        @Test
        void countsSideRowsOfUnknownClientsAndCreditsWithoutDroppingThem() throws Exception {
            train().writeTo(data);
            TableFile.of(BUREAU).row("SK_ID_CURR", "100002", "SK_ID_BUREAU", "5714462")
                    .row("SK_ID_CURR", "999999", "SK_ID_BUREAU", "5714463").writeTo(data);
            TableFile.of(BUREAU_BALANCE).row("SK_ID_BUREAU", "5714462", "MONTHS_BALANCE", "-1", "STATUS", "C")
                    .row("SK_ID_BUREAU", "5714462", "MONTHS_BALANCE", "-2", "STATUS", "0")
                    .row("SK_ID_BUREAU", "1", "MONTHS_BALANCE", "-1", "STATUS", "X").writeTo(data);
            IngestSummary summary = ingest();
            assertEquals(1, summary.table(BUREAU).orphanRows());
            assertEquals(2, summary.table(BUREAU).rows());
            assertEquals(1, summary.table(BUREAU_BALANCE).orphanRows());
            assertEquals(3, count("SELECT count(*) FROM bureau_balance"));
        }

        @Test
        void keepsAndReportsImplausibleNumbersAndValuesOfNoKaggleCategoryInTheApisWords() throws Exception {
            train().writeTo(data);
            TableFile.of(BUREAU).row("SK_ID_CURR", "100002", "SK_ID_BUREAU", "5714462", "DAYS_CREDIT", "12",
                            "CREDIT_ACTIVE", "Closed", "CREDIT_CURRENCY", "currency 1", "CREDIT_TYPE", "Consumer credit")
                    .row("SK_ID_CURR", "100002", "SK_ID_BUREAU", "5714463", "DAYS_CREDIT", "-3",
                            "CREDIT_ACTIVE", "Closed", "CREDIT_CURRENCY", "currency 1", "CREDIT_TYPE", "Crypto loan")
                    .writeTo(data);
            IngestSummary summary = ingest();
            assertEquals(2, summary.table(BUREAU).rows());
            assertEquals(List.of("DAYS_CREDIT: 1 row outside the plausible values (expected a number of days before"
                    + " the application (<= 0))", "CREDIT_TYPE: 'Crypto loan' (1 row) is no category of the Kaggle"
                    + " files"), summary.table(BUREAU).valueWarnings());
        }
    }

    @Nested
    class ForScoring {

        private IngestSummary ingestForScoring() throws IOException, SQLException {
            return Ingester.forScoring(HomeCreditSchema.load()).ingest(data, db, Progress.SILENT);
        }

        @Test
        void loadsApplicationsToScoreWithoutApplicationTrain() throws Exception {
            TableFile.of(APPLICATION_TEST).row("SK_ID_CURR", "100001").row("SK_ID_CURR", "100005").writeTo(data);
            IngestSummary summary = ingestForScoring();
            assertFalse(summary.table(APPLICATION_TRAIN).present());
            assertEquals(0, count("SELECT count(*) FROM application_train"));
            assertEquals(2, count("SELECT count(*) FROM application_test"));
        }

        @Test
        void refusesAMissingApplicationTestEvenWithApplicationTrain() throws IOException {
            train().writeTo(data);
            InvalidDataException e = assertThrows(InvalidDataException.class, this::ingestForScoring);
            assertEquals("application_test.csv: not found in " + data + " (looked for application_test.csv,"
                    + " application_test.csv.gz and home-credit-default-risk.zip)", e.getMessage());
            assertFalse(Files.exists(db));
        }
    }

    @Nested
    class InvalidData {

        private Path previousDatabase;
        private byte[] previousBytes;

        @BeforeEach
        void anEarlierGoodIngest() throws Exception {
            train().writeTo(data);
            ingest();
            previousDatabase = db;
            previousBytes = Files.readAllBytes(db);
            Files.delete(data.resolve("application_train.csv"));
        }

        private void assertRefused(String message) {
            InvalidDataException e = assertThrows(InvalidDataException.class, IngesterTest.this::ingest);
            assertEquals(message, e.getMessage());
            try {
                assertArrayEquals(previousBytes, Files.readAllBytes(previousDatabase), "previous database changed");
                assertOnlyDatabaseLeft();
            } catch (IOException io) {
                throw new AssertionError(io);
            }
        }

        @Test
        void refusesAMissingApplicationTrain() {
            assertRefused("application_train.csv: not found in " + data + " (looked for application_train.csv,"
                    + " application_train.csv.gz and home-credit-default-risk.zip)");
        }

        @Test
        void refusesALocationThatDoesNotExist() {
            data = tmp.resolve("nowhere");
            assertRefused(data + ": no such folder or file");
        }

        @Test
        void refusesAMissingColumn() throws IOException {
            train().withoutColumn("AMT_CREDIT").writeTo(data);
            assertRefused("application_train.csv, line 1, column AMT_CREDIT: expected a column named AMT_CREDIT"
                    + " in the header");
        }

        @Test
        void refusesAMisnamedColumnAndSaysWhatStandsInstead() throws IOException {
            train().renameColumn("AMT_CREDIT", "AMT_CREDITS").writeTo(data);
            assertRefused("application_train.csv, line 1, column AMT_CREDIT: expected a column named AMT_CREDIT"
                    + " in the header, found \"AMT_CREDITS\"");
        }

        @Test
        void refusesTextInANumberColumn() throws IOException {
            train().row("SK_ID_CURR", "100007", "TARGET", "0", "AMT_CREDIT", "12k").writeTo(data);
            assertRefused("application_train.csv, line 6, column AMT_CREDIT: expected a number, found \"12k\"");
        }

        @Test
        void refusesADecimalInAnIntegerColumn() throws IOException {
            train().row("SK_ID_CURR", "100007", "TARGET", "0", "CNT_CHILDREN", "1.5").writeTo(data);
            assertRefused("application_train.csv, line 6, column CNT_CHILDREN: expected a whole number, found \"1.5\"");
        }

        @Test
        void refusesATargetOutsideZeroAndOne() throws IOException {
            train().row("SK_ID_CURR", "100007", "TARGET", "2").writeTo(data);
            assertRefused("application_train.csv, line 6, column TARGET: expected 0 or 1, found \"2\"");
        }

        @Test
        void refusesAnEmptyTarget() throws IOException {
            train().row("SK_ID_CURR", "100007", "TARGET", "").writeTo(data);
            assertRefused("application_train.csv, line 6, column TARGET: expected 0 or 1, found \"\"");
        }

        @Test
        void refusesAnEmptyValueInAColumnThatIsNeverEmpty() throws IOException {
            train().row("SK_ID_CURR", "100007", "TARGET", "0", "NAME_CONTRACT_TYPE", "").writeTo(data);
            assertRefused("application_train.csv, line 6, column NAME_CONTRACT_TYPE: expected a value (this column"
                    + " is never empty), found \"\"");
        }

        @Test
        void refusesADuplicateClientId() throws IOException {
            train().row("SK_ID_CURR", "100003", "TARGET", "0").writeTo(data);
            assertRefused("application_train.csv, line 6, column SK_ID_CURR: expected a unique SK_ID_CURR (the same"
                    + " value is on line 3), found \"100003\"");
        }

        @Test
        void namesTheLinesOfAFileWithAByteOrderMarkAndWindowsLineEnds() throws IOException {
            Path file = train().row("SK_ID_CURR", "100003", "TARGET", "0").writeTo(data);
            Files.writeString(file, "\uFEFF" + Files.readString(file).replace("\n", "\r\n"));
            assertRefused("application_train.csv, line 6, column SK_ID_CURR: expected a unique SK_ID_CURR (the same"
                    + " value is on line 3), found \"100003\"");
        }

        @Test
        void refusesAClientInBothTrainAndTest() throws IOException {
            train().writeTo(data);
            TableFile.of(APPLICATION_TEST).row("SK_ID_CURR", "100001").row("SK_ID_CURR", "100004").writeTo(data);
            assertRefused("application_test.csv, line 3, column SK_ID_CURR: expected a unique SK_ID_CURR (the same"
                    + " value is in another file), found \"100004\"");
        }

        @Test
        void refusesALineWithTooFewFields() throws IOException {
            Path file = train().writeTo(data);
            Files.writeString(file, Files.readString(file) + "100009,0,Cash loans\n");
            assertRefused("application_train.csv, line 6: expected 122 fields as in the header, found \"3\"");
        }

        @Test
        void refusesABadValueInAnOptionalSideTableToo() throws IOException {
            train().writeTo(data);
            TableFile.of(BUREAU).row("SK_ID_CURR", "100002", "SK_ID_BUREAU", "5714462", "DAYS_CREDIT", "yesterday")
                    .writeTo(data);
            assertRefused("bureau.csv, line 2, column DAYS_CREDIT: expected a whole number, found \"yesterday\"");
        }
    }

    private void assertOnlyDatabaseLeft() throws IOException {
        try (Stream<Path> files = Files.list(db.getParent())) {
            assertEquals(List.of("homecredit.duckdb"), files.map(p -> p.getFileName().toString()).toList());
        }
        assertTrue(Files.exists(db));
    }
}
