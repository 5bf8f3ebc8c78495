package fr.pretadepenser.scoring.testing;

import fr.pretadepenser.scoring.schema.Column;
import fr.pretadepenser.scoring.schema.ColumnType;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import fr.pretadepenser.scoring.schema.Table;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a small Home Credit CSV file for a test: the schema's header, and rows given as a few named values,
 * every other column empty when it may be, else a neutral value. Header changes (a column dropped, renamed or
 * added) make the bad files that validation must refuse.
 */
public final class TableFile {

    private final Table table;
    private final List<String> header;
    private final List<Map<String, String>> rows = new ArrayList<>();

    private TableFile(Table table) {
        this.table = table;
        this.header = new ArrayList<>(table.header());
    }

    /** A file for that schema table, with its real header and no rows yet. */
    public static TableFile of(String tableName) {
        return new TableFile(HomeCreditSchema.load().table(tableName));
    }

    /** Adds a row; {@code values} alternates column names and raw CSV values. */
    public TableFile row(String... values) {
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i += 2) {
            row.put(values[i], values[i + 1]);
        }
        rows.add(row);
        return this;
    }

    /** Drops a column from the header and the rows. */
    public TableFile withoutColumn(String column) {
        header.remove(column);
        return this;
    }

    /** Writes a column under another name (a misnamed header). */
    public TableFile renameColumn(String column, String newName) {
        header.set(header.indexOf(column), newName);
        return this;
    }

    /** Adds a column the schema does not know, with the same value on every row. */
    public TableFile withExtraColumn(String column, String value) {
        header.add(column);
        rows.forEach(r -> r.put(column, value));
        return this;
    }

    /** Writes {@code <table>.csv} into {@code dir} and returns its path. */
    public Path writeTo(Path dir) throws IOException {
        return writeAs(dir.resolve(table.file()));
    }

    /** Writes the file at an exact path. */
    public Path writeAs(Path file) throws IOException {
        StringBuilder text = new StringBuilder(String.join(",", header)).append('\n');
        for (Map<String, String> row : rows) {
            List<String> fields = new ArrayList<>();
            for (String name : header) {
                fields.add(row.containsKey(name) ? row.get(name) : neutral(name));
            }
            text.append(String.join(",", fields)).append('\n');
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    private String neutral(String name) {
        Column column = table.findColumn(name).orElse(null);
        if (column == null || column.nullable()) {
            return "";
        }
        return column.type() == ColumnType.TEXT ? "XNA" : "0";
    }
}
