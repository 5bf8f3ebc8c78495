package fr.pretadepenser.scoring.testing;

import fr.pretadepenser.scoring.data.ClientRecords;
import fr.pretadepenser.scoring.features.DuckDbClientRecords;
import fr.pretadepenser.scoring.schema.Column;
import fr.pretadepenser.scoring.schema.ColumnType;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import fr.pretadepenser.scoring.schema.Table;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One new application whose history holds every category of every text column of every side table, as the schema
 * lists them (rare ones of the real files included), and POS and card rows that name no previous application: what
 * genuine files hold and generated ones rarely do. Built from a tiny bundle's training client that has rows in
 * every table (its rows kept, rows added with new keys), under a new SK_ID_CURR. Given as a score request (the API)
 * and as Kaggle-layout files (scoring predict, Spark), so that every door scores the same rows.
 *
 * @param application the application's values by column (TARGET left out)
 * @param history     the history's rows by table name
 */
public record EveryCategoryClient(Map<String, Object> application, Map<String, List<Map<String, Object>>> history) {

    /** The new client's SK_ID_CURR, known to no bundle. */
    public static final long CLIENT = 999_001L;

    /** How many POS rows and how many card rows name no previous application. */
    public static final int UNLINKED = 2;

    private static final long NEW_KEYS = 990_000_000L;

    /** The client built from the tiny bundle's database. */
    public static EveryCategoryClient of(TinyBundle tiny) throws Exception {
        HomeCreditSchema schema = HomeCreditSchema.load();
        ClientRecords records;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + tiny.database());
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT a.SK_ID_CURR FROM application_train a"
                     + " WHERE EXISTS (SELECT 1 FROM bureau b JOIN bureau_balance l ON l.SK_ID_BUREAU = b.SK_ID_BUREAU"
                     + " WHERE b.SK_ID_CURR = a.SK_ID_CURR)"
                     + " AND EXISTS (SELECT 1 FROM POS_CASH_balance t WHERE t.SK_ID_CURR = a.SK_ID_CURR)"
                     + " AND EXISTS (SELECT 1 FROM installments_payments t WHERE t.SK_ID_CURR = a.SK_ID_CURR)"
                     + " AND EXISTS (SELECT 1 FROM credit_card_balance t WHERE t.SK_ID_CURR = a.SK_ID_CURR)"
                     + " AND EXISTS (SELECT 1 FROM previous_application t WHERE t.SK_ID_CURR = a.SK_ID_CURR)"
                     + " ORDER BY a.SK_ID_CURR LIMIT 1")) {
            if (!r.next()) {
                throw new IllegalStateException("the tiny bundle has no client with rows in every table");
            }
            records = new DuckDbClientRecords(c).read(r.getLong(1));
        }
        Map<String, Object> application = new LinkedHashMap<>(records.application().values());
        application.remove("TARGET");
        application.put("SK_ID_CURR", CLIENT);
        Map<String, List<Map<String, Object>>> history = new LinkedHashMap<>();
        records.history().orElseThrow().byTable().forEach((table, rows) -> {
            List<Map<String, Object>> copies = new ArrayList<>();
            rows.forEach(row -> copies.add(new LinkedHashMap<>(row)));
            history.put(table, copies);
        });
        long[] key = {NEW_KEYS};
        List<Map<String, Object>> bureau = history.get(HomeCreditSchema.BUREAU);
        List<Map<String, Object>> previous = history.get(HomeCreditSchema.PREVIOUS_APPLICATION);
        addEveryCategory(schema, HomeCreditSchema.BUREAU, bureau, row -> row.put("SK_ID_BUREAU", key[0]++));
        Object firstCredit = bureau.get(0).get("SK_ID_BUREAU");
        addEveryCategory(schema, HomeCreditSchema.BUREAU_BALANCE, history.get(HomeCreditSchema.BUREAU_BALANCE),
                row -> row.put("SK_ID_BUREAU", firstCredit));
        addEveryCategory(schema, HomeCreditSchema.PREVIOUS_APPLICATION, previous,
                row -> row.put("SK_ID_PREV", key[0]++));
        Object firstPrevious = previous.get(0).get("SK_ID_PREV");
        for (String table : List.of(HomeCreditSchema.POS_CASH_BALANCE, HomeCreditSchema.CREDIT_CARD_BALANCE)) {
            List<Map<String, Object>> rows = history.get(table);
            addEveryCategory(schema, table, rows, row -> row.put("SK_ID_PREV", firstPrevious));
            for (int i = 0; i < UNLINKED; i++) {
                Map<String, Object> unlinked = new LinkedHashMap<>(rows.get(0));
                unlinked.put("SK_ID_PREV", key[0]++);
                rows.add(unlinked);
            }
        }
        for (List<Map<String, Object>> rows : history.values()) {
            rows.forEach(row -> {
                if (row.containsKey("SK_ID_CURR")) {
                    row.put("SK_ID_CURR", CLIENT);
                }
            });
        }
        return new EveryCategoryClient(application, history);
    }

    /** The request of {@code POST /score}: the application and its whole history. */
    public Map<String, Object> request() {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("application", application);
        request.put("history", history);
        return request;
    }

    /**
     * Writes the client as Kaggle-layout files: application_test.csv (the application) and the six side tables;
     * with {@code training}, also the training applications that Spark's tables need beside them.
     */
    public void writeFiles(Path folder, Path training) throws IOException {
        HomeCreditSchema schema = HomeCreditSchema.load();
        Files.createDirectories(folder);
        write(schema.table(HomeCreditSchema.APPLICATION_TEST), List.of(application), folder);
        history.forEach((table, rows) -> {
            try {
                write(schema.table(table), rows, folder);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        if (training != null) {
            Files.copy(training, folder.resolve(schema.table(HomeCreditSchema.APPLICATION_TRAIN).file()));
        }
    }

    /** Adds rows (copies of the table's first, re-keyed) so that each category of each text column appears. */
    private static void addEveryCategory(HomeCreditSchema schema, String table, List<Map<String, Object>> rows,
                                         java.util.function.Consumer<Map<String, Object>> rekey) {
        List<Column> text = schema.table(table).columns().stream().filter(c -> c.type() == ColumnType.TEXT)
                .toList();
        int most = text.stream().mapToInt(c -> c.categories().size()).max().orElse(0);
        Map<String, Object> template = rows.get(0);
        for (int i = 0; i < most; i++) {
            Map<String, Object> row = new LinkedHashMap<>(template);
            for (Column column : text) {
                row.put(column.name(), column.categories().get(i % column.categories().size()));
            }
            rekey.accept(row);
            rows.add(row);
        }
    }

    private static void write(Table table, List<Map<String, Object>> rows, Path folder) throws IOException {
        try (Writer out = Files.newBufferedWriter(folder.resolve(table.file()));
             CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setRecordSeparator('\n').get())) {
            csv.printRecord(table.header());
            for (Map<String, Object> row : rows) {
                List<String> fields = new ArrayList<>();
                for (Column column : table.columns()) {
                    Object value = row.get(column.name());
                    fields.add(value == null ? "" : value.toString());
                }
                csv.printRecord(fields);
            }
        }
    }
}
