package fr.pretadepenser.scoring.spark;

import fr.pretadepenser.scoring.data.Vocabularies;
import fr.pretadepenser.scoring.features.Dialect;
import fr.pretadepenser.scoring.features.Feature;
import fr.pretadepenser.scoring.features.FeatureFiles;
import fr.pretadepenser.scoring.features.FeatureManifest;
import fr.pretadepenser.scoring.features.InputWarnings;
import fr.pretadepenser.scoring.features.SqlTemplate;
import fr.pretadepenser.scoring.schema.Column;
import fr.pretadepenser.scoring.schema.ColumnType;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import fr.pretadepenser.scoring.schema.Table;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Builds the feature table on Spark by running the very same SQL resource files as the DuckDB engine, expanded in
 * the Spark dialect: each per-table file into a temporary view {@code features_<file>}, then the join. The result
 * has the DuckDB engine's columns, in its order, with its manifest (same vocabularies, features and SQL hash).
 *
 * <pre>{@code
 * SparkFeatureEngine engine = new SparkFeatureEngine(spark, HomeCreditSchema.load());
 * engine.registerTables("s3a://bucket/homecredit");
 * SparkFeatures features = engine.build(engine.learnVocabularies());
 * features.table().write().parquet("s3a://bucket/features.parquet");
 * }</pre>
 */
public final class SparkFeatureEngine {

    private final SparkSession spark;
    private final HomeCreditSchema schema;

    /** An engine on this session for the given schema (normally {@link HomeCreditSchema#load()}). */
    public SparkFeatureEngine(SparkSession spark, HomeCreditSchema schema) {
        this.spark = spark;
        this.schema = schema;
    }

    /**
     * Registers the eight tables of a folder as temporary views named as in the schema: per table
     * {@code <table>.parquet}, {@code <table>.csv} or {@code <table>.csv.gz}, on any file system Spark reads. CSV is
     * read with the schema's types, an empty field meaning missing; a missing optional table is an empty view.
     *
     * @throws IllegalArgumentException when application_train is not in the folder
     */
    public void registerTables(String folder) {
        SparkTables.register(spark, schema, folder);
    }

    /**
     * Learns the categories of every text column as the DuckDB engine does: the application's from
     * application_train, the side tables' from all their rows. One pass per table.
     */
    public Vocabularies learnVocabularies() {
        Map<String, List<String>> vocab = new LinkedHashMap<>();
        for (Table table : schema.tables()) {
            if (table.name().equals(HomeCreditSchema.APPLICATION_TEST)) {
                continue;
            }
            String relation = table.name().equals(HomeCreditSchema.APPLICATION_TRAIN) ? FeatureFiles.APPLICATION
                    : table.name();
            List<Column> text = table.columns().stream().filter(c -> c.type() == ColumnType.TEXT).toList();
            if (text.isEmpty()) {
                continue;
            }
            // collect_set skips nulls, as the DuckDB engine's WHERE ... IS NOT NULL does.
            Row sets = spark.sql("SELECT " + text.stream()
                    .map(c -> "collect_set(" + Dialect.SPARK.identifier(c.name()) + ")")
                    .collect(Collectors.joining(", ")) + " FROM " + table.name()).first();
            for (int i = 0; i < text.size(); i++) {
                vocab.put(relation + "." + text.get(i).name(), new ArrayList<>(sets.<String>getList(i)));
            }
        }
        return new Vocabularies(vocab);
    }

    /**
     * Builds the feature table with these vocabularies (learned, or a frozen manifest's) from the registered
     * tables. Only plans the work: Spark computes the table when it is written or collected.
     *
     * @throws IllegalStateException when two files make the same feature
     */
    public SparkFeatures build(Vocabularies vocabularies) {
        Map<String, List<String>> groups = new HashMap<>();
        SqlTemplate template = new SqlTemplate(schema, vocabularies, Dialect.SPARK, groups);
        Map<String, Feature> byName = new LinkedHashMap<>();
        Map<String, String> fileOf = new HashMap<>();
        spark.sql("SELECT " + applicationColumns(false) + " FROM " + HomeCreditSchema.APPLICATION_TRAIN
                        + " UNION ALL SELECT " + applicationColumns(true) + " FROM " + HomeCreditSchema.APPLICATION_TEST)
                .createOrReplaceTempView(FeatureFiles.APPLICATION);
        for (FeatureFiles.FeatureFile file : FeatureFiles.TABLES) {
            Dataset<Row> result = spark.sql(template.expand(file.text(), file.table()));
            result.createOrReplaceTempView(file.resultTable());
            List<String> columns = List.of(result.columns());
            groups.put(file.name(), columns);
            for (String column : columns) {
                if (!isKey(column) && fileOf.put(column, file.name()) != null) {
                    throw new IllegalStateException("feature " + column + " is made twice (second time in "
                            + file.name() + ".sql)");
                }
                byName.put(column, template.origin(column));
            }
        }
        Dataset<Row> table = spark.sql(template.expand(FeatureFiles.JOIN.text(), null));
        List<Feature> features = new ArrayList<>();
        for (String column : table.columns()) {
            if (!isKey(column)) {
                features.add(byName.get(column));
            }
        }
        return new SparkFeatures(table, new FeatureManifest(FeatureFiles.sha256(), vocabularies, features));
    }

    /**
     * Every client's warnings, as {@link InputWarnings} defines them for the registered tables under these
     * vocabularies (normally a bundle's): SK_ID_CURR, warning_table, warning_column, warning_value, warning_kind,
     * warning_rows. Call {@link #build} first: it registers the {@code application} relation the query reads.
     */
    public Dataset<Row> warnings(Vocabularies vocabularies) {
        return spark.sql(InputWarnings.sql(schema, vocabularies, Dialect.SPARK));
    }

    private static boolean isKey(String column) {
        return column.equals("SK_ID_CURR") || column.equals("TARGET");
    }

    /** application_train's columns, with a null BIGINT TARGET for application_test (as the DuckDB engine). */
    private String applicationColumns(boolean test) {
        return schema.table(HomeCreditSchema.APPLICATION_TRAIN).columns().stream()
                .map(c -> test && c.name().equals("TARGET") ? "CAST(NULL AS BIGINT) AS TARGET"
                        : Dialect.SPARK.identifier(c.name()))
                .collect(Collectors.joining(", "));
    }
}
