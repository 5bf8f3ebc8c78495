package fr.pretadepenser.scoring.schema;

/** How a Home Credit column is stored: the Kaggle files hold only integers, decimals and text. */
public enum ColumnType {
    /** Whole numbers (pandas int64 in the Kaggle files, never empty there). */
    INTEGER("BIGINT"),
    /** Numbers with a decimal point; integers with missing values are written this way too ("2.0"). */
    DECIMAL("DOUBLE"),
    /** Category labels and free text. */
    TEXT("VARCHAR");

    private final String sqlType;

    ColumnType(String sqlType) {
        this.sqlType = sqlType;
    }

    /** The SQL type common to DuckDB and Spark SQL that holds this column. */
    public String sqlType() {
        return sqlType;
    }

    /** What a value of this type looks like, for error messages. */
    public String expectation() {
        return switch (this) {
            case INTEGER -> "a whole number";
            case DECIMAL -> "a number";
            case TEXT -> "text";
        };
    }
}
