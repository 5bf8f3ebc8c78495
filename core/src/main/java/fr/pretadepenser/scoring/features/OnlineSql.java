package fr.pretadepenser.scoring.features;

import fr.pretadepenser.scoring.data.Application;
import fr.pretadepenser.scoring.schema.Column;
import fr.pretadepenser.scoring.schema.ColumnType;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import fr.pretadepenser.scoring.schema.Table;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The online queries, made of the batch feature files expanded with the manifest's vocabularies: nothing here
 * defines a feature, it only says which relation each file reads and where each of its columns goes.
 *
 * <ul>
 *   <li>{@link #files()}: each per-table file as it is, over source tables that hold one client's rows.</li>
 *   <li>{@link #editedApplication()}: the application file alone over a relation {@code application} made of
 *       parameters, one row per edited application of a batch.</li>
 *   <li>{@link #applicationRows()}: the application file compiled to Java for one row, when it is a projection
 *       {@link RowProjection} evaluates exactly, as it is today: it replaces the query above.</li>
 * </ul>
 * Each gives at most one row per client: its features as a list of doubles, then SK_ID_CURR. The join file is
 * not run online: it only puts the files' columns side by side, missing where a file gave no row, which the
 * caller does with {@link FileQuery#positions()}; running it costs about 30 ms of hash-join set-up for 760
 * columns. At construction it is run over empty tables to check that it gives every feature of the manifest.
 *
 * <p>A model trained on selected features has a manifest of those features only: each file then lists only them
 * (DuckDB leaves out the aggregates no one reads) and a file with none of them is not run.
 *
 * @param files             one query per table file, in {@link FeatureFiles#TABLES} order
 * @param editedApplication the application file over the parameters of {@link #LIST_OF} and the batch size, or
 *                          null when the manifest has no application feature
 * @param applicationRows   the application file for one row of {@link #applicationColumns}, giving the features of
 *                          the first file's positions; null when the manifest has no application feature or the
 *                          file is not a projection {@link RowProjection} evaluates exactly
 */
record OnlineSql(List<FileQuery> files, String editedApplication, RowProjection applicationRows) {

    /** The list parameter holding the application's columns of each type, in parameter order. */
    static final Map<ColumnType, String> LIST_OF = new EnumMap<>(Map.of(
            ColumnType.INTEGER, "integers", ColumnType.DECIMAL, "decimals", ColumnType.TEXT, "texts"));

    /** Copies the list. */
    OnlineSql {
        files = List.copyOf(files);
    }

    /**
     * One file's query and where its features go.
     *
     * @param sql       the query, giving the file's features (not SK_ID_CURR nor TARGET) as one list, then
     *                  SK_ID_CURR; null when the manifest has none of them (the file is not run)
     * @param positions the manifest position of each element of that list
     * @param inJava    a side table's file evaluated in Java ({@link HistoryQuery}), giving the same list for one
     *                  client's rows; null for the application file, a file that is not run, or one that class refuses
     */
    record FileQuery(String sql, int[] positions, HistoryQuery inJava) {

        /** Whether the file gives any feature of the manifest. */
        boolean runs() {
            return sql != null;
        }
    }

    /**
     * Expands the files against a database holding the source relations (empty is enough): like the batch
     * engine, each file's columns are read from its result, for the join to list them.
     *
     * @throws IllegalStateException when the files do not give the manifest's features in its order
     */
    static OnlineSql expand(Connection scratch, HomeCreditSchema schema, FeatureManifest manifest)
            throws SQLException {
        Map<String, List<String>> groups = new HashMap<>();
        SqlTemplate template = new SqlTemplate(schema, manifest.vocabularies(), Dialect.DUCKDB, groups);
        List<String> names = manifest.featureNames();
        Set<String> wanted = new HashSet<>(names);
        List<String> ctes = new ArrayList<>();
        List<FileQuery> files = new ArrayList<>();
        String edited = null;
        RowProjection applicationRows = null;
        for (FeatureFiles.FeatureFile file : FeatureFiles.TABLES) {
            String sql = template.expand(file.text(), file.table());
            List<String> columns = columns(scratch, sql);
            groups.put(file.name(), columns);
            ctes.add(file.resultTable() + " AS (\n" + sql + "\n)");
            List<String> features = columns.stream().filter(wanted::contains).toList();
            // The list first (StoredFeatures reads column 1), then whose features they are (a batch holds several).
            String select = features.isEmpty() ? null
                    : "SELECT " + asList(features, "q") + ", q.SK_ID_CURR FROM (\n" + sql + "\n) q";
            HistoryQuery inJava = select == null || file.table().equals(FeatureFiles.APPLICATION) ? null
                    : HistoryQuery.compile(sql, tableColumns(schema), features).orElse(null);
            files.add(new FileQuery(select, features.stream().mapToInt(names::indexOf).toArray(), inJava));
            if (file.table().equals(FeatureFiles.APPLICATION) && select != null) {
                edited = "WITH " + FeatureFiles.APPLICATION + " AS (" + parameterRows(schema) + ")\n" + select;
                applicationRows = RowProjection.compile(sql, FeatureFiles.APPLICATION, applicationColumns(schema),
                        features).orElse(null);
            }
        }
        String join = "WITH " + String.join(",\n", ctes) + "\n" + template.expand(FeatureFiles.JOIN.text(), null);
        List<String> produced = columns(scratch, join);
        List<String> all = produced.subList(Math.min(2, produced.size()), produced.size());
        if (produced.size() < 2 || !produced.subList(0, 2).equals(List.of("SK_ID_CURR", "TARGET"))
                || !new HashSet<>(all).containsAll(names)) {
            throw new IllegalStateException("the feature SQL does not give every feature of the feature manifest ("
                    + all.size() + " features for " + names.size() + "); rebuild features with 'scoring features'");
        }
        return new OnlineSql(files, edited, applicationRows);
    }

    /** The application columns of the application relation, in schema order (the parameters' order). */
    static List<Column> applicationColumns(HomeCreditSchema schema) {
        return schema.table(HomeCreditSchema.APPLICATION_TRAIN).columns();
    }

    /** The source relations of the files: {@code application} (application_train's columns) and the side tables. */
    static Map<String, Table> sourceRelations(HomeCreditSchema schema) {
        Map<String, Table> relations = new java.util.LinkedHashMap<>();
        relations.put(FeatureFiles.APPLICATION, schema.table(HomeCreditSchema.APPLICATION_TRAIN));
        for (Table table : schema.tables()) {
            if (!table.name().startsWith("application_")) {
                relations.put(table.name(), table);
            }
        }
        return relations;
    }

    /** The columns of each source relation, by name. */
    private static Map<String, List<Column>> tableColumns(HomeCreditSchema schema) {
        Map<String, List<Column>> columns = new HashMap<>();
        sourceRelations(schema).forEach((name, table) -> columns.put(name, table.columns()));
        return columns;
    }

    /**
     * The application relation of a batch of edited applications, one row each, made of four parameters: three
     * lists, one per column type (BIGINT[], DOUBLE[], VARCHAR[]), holding every application's values of that type
     * one application after the other, and how many applications there are. A list may hold NULLs, whereas a NULL
     * bound to a plain parameter changes its type and makes DuckDB plan the whole query again (about 8 ms).
     * SK_ID_CURR is the row's position in the batch, so that two edits of one client in one batch stay apart.
     */
    private static String parameterRows(HomeCreditSchema schema) {
        Map<ColumnType, Integer> width = new EnumMap<>(ColumnType.class);
        for (Column c : applicationColumns(schema)) {
            width.merge(c.type(), 1, Integer::sum);
        }
        Map<ColumnType, Integer> next = new EnumMap<>(ColumnType.class);
        List<String> items = new ArrayList<>();
        for (Column c : applicationColumns(schema)) {
            int index = next.merge(c.type(), 1, Integer::sum);
            String value = c.name().equals(Application.CLIENT_ID) ? "p.r"
                    : "p." + LIST_OF.get(c.type()) + "[p.r * " + width.get(c.type()) + " + " + index + "]";
            items.add(value + " AS " + Dialect.DUCKDB.identifier(c.name()));
        }
        return "SELECT " + String.join(", ", items) + " FROM (SELECT "
                + LIST_OF.entrySet().stream().map(e -> "CAST(? AS " + e.getKey().sqlType() + "[]) AS " + e.getValue())
                .collect(Collectors.joining(", ")) + ", unnest(range(CAST(? AS BIGINT))) AS r) p";
    }

    /** The result as one list of doubles: DuckDB's JDBC driver costs about 5 µs per result column. */
    private static String asList(List<String> names, String alias) {
        return "[" + names.stream().filter(n -> !n.equals("SK_ID_CURR") && !n.equals("TARGET"))
                .map(n -> "CAST(" + alias + "." + Dialect.DUCKDB.identifier(n) + " AS DOUBLE)")
                .collect(Collectors.joining(", ")) + "]";
    }

    private static List<String> columns(Connection connection, String sql) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet r = s.executeQuery("SELECT * FROM (\n" + sql + "\n) q LIMIT 0")) {
            ResultSetMetaData meta = r.getMetaData();
            List<String> names = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                names.add(meta.getColumnName(i));
            }
            return names;
        }
    }
}
