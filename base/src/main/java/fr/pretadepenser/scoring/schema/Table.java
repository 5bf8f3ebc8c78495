package fr.pretadepenser.scoring.schema;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * One of the eight Kaggle files: its columns in the real header order.
 *
 * @param name        the table name, also the file name without {@code .csv}, e.g. {@code bureau}
 * @param file        the file name in the Kaggle download, e.g. {@code bureau.csv}
 * @param required    whether ingestion refuses to run without it (only application_train)
 * @param description what one row is
 * @param columns     every column in the order of the real header
 */
public record Table(String name, String file, boolean required, String description, List<Column> columns) {

    /** Copies the column list so that a published schema cannot change. */
    public Table {
        columns = List.copyOf(columns);
    }

    /** The header names in file order. */
    public List<String> header() {
        return columns.stream().map(Column::name).toList();
    }

    /** The column of that exact name, if the table has one. */
    public Optional<Column> findColumn(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }

    /** The column of that exact name; throws {@link NoSuchElementException} naming the table if absent. */
    public Column column(String columnName) {
        return findColumn(columnName).orElseThrow(
                () -> new NoSuchElementException("table " + name + " has no column " + columnName));
    }

    /** The column that identifies a row, if the table has one (bureau_balance and the monthly tables do not). */
    public Optional<Column> primaryKey() {
        return columns.stream().filter(c -> c.role() == KeyRole.PRIMARY_KEY).findFirst();
    }
}
