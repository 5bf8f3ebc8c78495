package fr.pretadepenser.scoring.spark;

import fr.pretadepenser.scoring.schema.Column;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import fr.pretadepenser.scoring.schema.Table;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Registers the eight Home Credit tables of one folder as Spark temporary views named as in the schema
 * ({@code application_train}, {@code bureau}, ...), so that the feature SQL reads them as it reads DuckDB's tables.
 * The folder is any path Spark reads (local, {@code hdfs://}, {@code s3a://}); per table it takes, in this order,
 * {@code <table>.parquet}, {@code <table>.csv} or {@code <table>.csv.gz}. A missing optional table is an empty
 * view, as the DuckDB ingest makes it; a missing application_train is an error.
 */
final class SparkTables {

    private SparkTables() {
    }

    /**
     * Registers every table of the schema found under {@code folder}. CSV is read with the schema's types, header
     * checked against the schema's names, an empty field as missing (Kaggle's convention), and a malformed line
     * fails the read; CSV tables are cached, as the feature SQL reads some of them several times. Parquet columns
     * are cast to the schema's types.
     *
     * @throws IllegalArgumentException naming the folder and file when application_train is not there
     */
    static void register(SparkSession spark, HomeCreditSchema schema, String folder) {
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        for (Table table : schema.tables()) {
            String base = folder.endsWith("/") ? folder : folder + "/";
            Dataset<Row> rows;
            boolean csv = false;
            if (exists(hadoop, base + table.name() + ".parquet")) {
                rows = spark.read().parquet(base + table.name() + ".parquet").selectExpr(casts(table));
            } else if (exists(hadoop, base + table.file()) || exists(hadoop, base + table.file() + ".gz")) {
                String path = exists(hadoop, base + table.file()) ? base + table.file() : base + table.file() + ".gz";
                rows = spark.read().schema(structOf(table)).option("header", true).option("enforceSchema", false)
                        .option("mode", "FAILFAST").option("nullValue", "").option("quote", "\"")
                        .option("escape", "\"").csv(path);
                csv = true;
            } else if (table.required()) {
                throw new IllegalArgumentException("no " + table.name() + " table in " + folder + ": expected "
                        + table.name() + ".parquet, " + table.file() + " or " + table.file() + ".gz there");
            } else {
                rows = spark.createDataFrame(List.of(), structOf(table));
            }
            rows.createOrReplaceTempView(table.name());
            if (csv) {
                spark.catalog().cacheTable(table.name());
            }
        }
    }

    /** The Spark row type of a table: its columns in header order with the schema's SQL types. */
    static StructType structOf(Table table) {
        List<StructField> fields = new ArrayList<>();
        for (Column column : table.columns()) {
            fields.add(new StructField(column.name(), sparkType(column), true, Metadata.empty()));
        }
        return new StructType(fields.toArray(StructField[]::new));
    }

    private static DataType sparkType(Column column) {
        return switch (column.type()) {
            case INTEGER -> DataTypes.LongType;
            case DECIMAL -> DataTypes.DoubleType;
            case TEXT -> DataTypes.StringType;
        };
    }

    private static String[] casts(Table table) {
        return table.columns().stream().map(c -> "CAST(`" + c.name() + "` AS " + c.type().sqlType()
                .replace("VARCHAR", "STRING") + ") AS `" + c.name() + "`").toArray(String[]::new);
    }

    private static boolean exists(Configuration hadoop, String path) {
        try {
            Path p = new Path(path);
            return p.getFileSystem(hadoop).exists(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot look for " + path, e);
        }
    }
}
