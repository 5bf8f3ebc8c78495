package fr.pretadepenser.scoring.data.ingest;

import fr.pretadepenser.scoring.data.InvalidDataException;
import fr.pretadepenser.scoring.data.check.ValueRules;
import fr.pretadepenser.scoring.progress.Progress;
import fr.pretadepenser.scoring.schema.Column;
import fr.pretadepenser.scoring.schema.ColumnType;
import fr.pretadepenser.scoring.schema.KeyRole;
import fr.pretadepenser.scoring.schema.Table;
import org.apache.commons.text.similarity.DamerauLevenshteinDistance;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Loads one source file into a DuckDB table typed by the schema, then checks what typing alone cannot:
 * required values present, TARGET in {0, 1}, primary keys unique. The first problem found is thrown as an
 * {@link InvalidDataException} naming the file, line, column and value.
 */
final class TableLoader {

    /** Kept small: one bad line is enough to refuse the file, a few more help to see a pattern. */
    private static final int REJECTS_KEPT = 100;

    /** A misnamed column is suggested for a missing one within two edits (a swap of neighbours counts as one). */
    private static final DamerauLevenshteinDistance WITHIN_TWO_EDITS = new DamerauLevenshteinDistance(2);

    private final Connection connection;

    TableLoader(Connection connection) {
        this.connection = connection;
    }

    /** Creates an empty table with the schema's columns, for a file the user does not have. */
    void createEmpty(Table table) throws SQLException {
        String columns = table.columns().stream()
                .map(c -> Sql.quote(c.name()) + " " + c.type().sqlType())
                .collect(Collectors.joining(", "));
        execute("CREATE TABLE " + Sql.quote(table.name()) + " (" + columns + ")");
    }

    /**
     * Loads and checks one file.
     *
     * @return the columns of the file that the schema does not know (not loaded)
     */
    List<String> load(SourceFile source, Progress progress) throws IOException, SQLException {
        Table table = source.table();
        List<String> header = CsvText.header(source);
        List<String> extras = checkHeader(source, header);

        // Integer columns are read as DOUBLE and converted only after checkWholeNumbers: DuckDB would silently
        // round "1.5" to 2 if asked to read it as BIGINT.
        String columns = header.stream()
                .map(name -> Sql.literal(name) + ": " + Sql.literal(table.findColumn(name)
                        .map(c -> c.type() == ColumnType.INTEGER ? "DOUBLE" : c.type().sqlType()).orElse("VARCHAR")))
                .collect(Collectors.joining(", ", "{", "}"));
        String selected = table.columns().stream().map(c -> Sql.quote(c.name())).collect(Collectors.joining(", "));
        String rejects = "rejects_" + table.name();
        String sql = "CREATE TABLE " + Sql.quote(table.name()) + " AS SELECT " + selected
                + " FROM read_csv(" + Sql.literal(source.path().toString())
                + ", header = true, auto_detect = false, delim = ',', quote = '\"', escape = '\"'"
                + ", columns = " + columns
                + ", store_rejects = true, rejects_table = " + Sql.literal(rejects)
                + ", rejects_scan = " + Sql.literal(rejects + "_scan")
                + ", rejects_limit = " + REJECTS_KEPT + ")";
        try (Statement statement = connection.createStatement();
             QueryProgressWatch watch = new QueryProgressWatch(statement, progress, source.bytes())) {
            statement.execute(sql);
        }
        checkRejects(source, header, rejects);
        checkWholeNumbers(source, header);
        checkRequiredValues(source, header);
        checkKeys(source, header);
        return extras;
    }

    private List<String> checkHeader(SourceFile source, List<String> header) {
        Table table = source.table();
        if (header.isEmpty()) {
            throw InvalidDataException.atLine(source.displayName(), 1, null,
                    "the header line of " + table.file(), "");
        }
        Set<String> seen = new HashSet<>();
        for (String name : header) {
            if (!seen.add(name)) {
                throw InvalidDataException.atLine(source.displayName(), 1, name,
                        "each column once in the header", name + " twice");
            }
        }
        Set<String> extras = new LinkedHashSet<>(header);
        table.header().forEach(extras::remove);
        for (Column column : table.columns()) {
            if (!seen.contains(column.name())) {
                String instead = extras.stream().filter(e -> e.equalsIgnoreCase(column.name())
                        || WITHIN_TWO_EDITS.apply(e, column.name()) >= 0).findFirst().orElse(null);
                throw InvalidDataException.atLine(source.displayName(), 1, column.name(),
                        "a column named " + column.name() + " in the header", instead);
            }
        }
        return List.copyOf(extras);
    }

    private void checkRejects(SourceFile source, List<String> header, String rejects)
            throws SQLException, IOException {
        try (Statement statement = connection.createStatement();
             ResultSet r = statement.executeQuery("SELECT line, column_name, error_type, csv_line, error_message"
                     + " FROM " + rejects + " ORDER BY line LIMIT 1")) {
            if (!r.next()) {
                return;
            }
            long line = r.getLong(1);
            String column = r.getString(2);
            String type = r.getString(3);
            List<String> fields = CsvText.split(r.getString(4));
            if ("CAST".equals(type)) {
                Column c = source.table().column(column);
                String found = fields.get(header.indexOf(column));
                throw InvalidDataException.atLine(source.displayName(), line, column, c.type().expectation(), found);
            }
            if ("TOO MANY COLUMNS".equals(type) || "MISSING COLUMNS".equals(type)) {
                throw InvalidDataException.atLine(source.displayName(), line, null,
                        header.size() + " fields as in the header", String.valueOf(fields.size()));
            }
            throw InvalidDataException.atLine(source.displayName(), line, column,
                    "a well-formed CSV line", r.getString(5));
        }
    }

    /** Refuses a fraction in an integer column, then gives those columns their integer type. */
    private void checkWholeNumbers(SourceFile source, List<String> header) throws SQLException, IOException {
        Table table = source.table();
        for (Column column : table.columns()) {
            if (column.type() != ColumnType.INTEGER) {
                continue;
            }
            String name = Sql.quote(column.name());
            if (count(table, name + " <> floor(" + name + ")") > 0) {
                CsvText.Hit hit = CsvText.firstLine(source, header.indexOf(column.name()),
                        v -> !v.isEmpty() && !Sql.isWholeNumber(v)).orElseThrow();
                throw InvalidDataException.atLine(source.displayName(), hit.line(), column.name(),
                        column.type().expectation(), hit.value());
            }
            execute("ALTER TABLE " + Sql.quote(table.name()) + " ALTER COLUMN " + name + " TYPE BIGINT");
        }
    }

    private void checkRequiredValues(SourceFile source, List<String> header) throws SQLException, IOException {
        Table table = source.table();
        for (Column column : table.columns()) {
            boolean targetColumn = column.role() == KeyRole.TARGET;
            String where = Sql.quote(column.name()) + " IS NULL";
            if (targetColumn) {
                where += " OR " + Sql.quote(column.name()) + " NOT IN (0, 1)";
            } else if (column.nullable()) {
                continue;
            }
            if (count(table, where) == 0) {
                continue;
            }
            int index = header.indexOf(column.name());
            CsvText.Hit hit = CsvText.firstLine(source, index,
                    targetColumn ? v -> !v.equals("0") && !v.equals("1") : String::isEmpty).orElseThrow();
            throw InvalidDataException.atLine(source.displayName(), hit.line(), column.name(),
                    targetColumn ? "0 or 1" : "a value (this column is never empty)", hit.value());
        }
    }

    /**
     * What the table holds that the scoring API would warn of in a request's history rows, by the same rules and in
     * the same words: numbers outside their column's plausible values ({@code COLUMN: N rows outside the plausible
     * values (expected ...)}) and text values that are none of the Kaggle files' categories ({@code COLUMN: 'value'
     * (N rows) is no category of the Kaggle files}, most rows first). Kept and scored, and reported.
     */
    List<String> valueWarnings(Table table) throws SQLException {
        List<String> found = new ArrayList<>();
        for (Column column : table.columns()) {
            if (column.type() != ColumnType.TEXT) {
                Optional<ValueRules.RangeRule> range = ValueRules.range(table.name(), column);
                long rows = range.isEmpty() ? 0 : count(table, range.get().violation(Sql.quote(column.name())));
                if (rows > 0) {
                    found.add(column.name() + ": " + rows + (rows == 1 ? " row" : " rows")
                            + " outside the plausible values (expected " + range.get().expected() + ")");
                }
                continue;
            }
            String name = Sql.quote(column.name());
            String known = column.categories().stream().map(Sql::literal).collect(Collectors.joining(", "));
            try (Statement statement = connection.createStatement();
                 ResultSet r = statement.executeQuery("SELECT " + name + ", count(*) FROM " + Sql.quote(table.name())
                         + " WHERE " + name + " IS NOT NULL AND " + name + " NOT IN (" + known + ") GROUP BY "
                         + name + " ORDER BY 2 DESC, 1")) {
                while (r.next()) {
                    long rows = r.getLong(2);
                    found.add(column.name() + ": '" + r.getString(1) + "' (" + rows + (rows == 1 ? " row)" : " rows)")
                            + " is no category of the Kaggle files");
                }
            }
        }
        return found;
    }

    private void checkKeys(SourceFile source, List<String> header) throws SQLException, IOException {
        Table table = source.table();
        if (table.primaryKey().isEmpty()) {
            return;
        }
        String key = table.primaryKey().get().name();
        Long duplicate = null;
        try (Statement statement = connection.createStatement();
             ResultSet r = statement.executeQuery("SELECT " + Sql.quote(key) + " FROM " + Sql.quote(table.name())
                     + " GROUP BY " + Sql.quote(key) + " HAVING count(*) > 1 ORDER BY 1 LIMIT 1")) {
            if (r.next()) {
                duplicate = r.getLong(1);
            }
        }
        if (duplicate != null) {
            throw duplicateKey(source, header.indexOf(key), key, duplicate);
        }
    }

    /** The error for a key value seen twice: names the line of the second occurrence and of the first. */
    static InvalidDataException duplicateKey(SourceFile source, int index, String key, long value) throws IOException {
        List<CsvText.Hit> hits = CsvText.lines(source, index, v -> Sql.sameInteger(v, value), 2);
        CsvText.Hit repeated = hits.get(hits.size() - 1);
        String expected = hits.size() == 2
                ? "a unique " + key + " (the same value is on line " + hits.get(0).line() + ")"
                : "a unique " + key + " (the same value is in another file)";
        return InvalidDataException.atLine(source.displayName(), repeated.line(), key, expected, repeated.value());
    }

    private long count(Table table, String where) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet r = statement.executeQuery("SELECT count(*) FROM " + Sql.quote(table.name())
                     + " WHERE " + where)) {
            r.next();
            return r.getLong(1);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
