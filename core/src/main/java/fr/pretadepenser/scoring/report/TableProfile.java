package fr.pretadepenser.scoring.report;

import fr.pretadepenser.scoring.schema.Column;
import fr.pretadepenser.scoring.schema.ColumnType;
import fr.pretadepenser.scoring.schema.KeyRole;
import fr.pretadepenser.scoring.schema.Table;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static fr.pretadepenser.scoring.report.SqlRows.asDouble;
import static fr.pretadepenser.scoring.report.SqlRows.asLong;
import static fr.pretadepenser.scoring.report.SqlRows.quote;

/**
 * What one ingested table holds, measured by aggregate SQL: rows, distinct clients, the missing share of every
 * column, quantiles and outliers of the numeric columns, the frequent categories of the text columns.
 *
 * @param table   the schema table
 * @param rows    rows in the database
 * @param clients distinct SK_ID_CURR, or -1 when the table has no such column (bureau_balance)
 * @param missing share of empty values per column, in schema order (NaN for an empty table)
 * @param numeric the numeric attribute columns (keys left out)
 * @param text    the text columns
 */
record TableProfile(Table table, long rows, long clients, Map<String, Double> missing, List<Numeric> numeric,
                    List<Text> text) {

    /** Categories listed by name; the rest are summed up as "other". */
    static final int TOP_CATEGORIES = 8;

    /**
     * The distribution of one numeric column; quantiles are NaN when the column is empty.
     *
     * @param outliers values below Q1 - 3 IQR or above Q3 + 3 IQR; -1 when the IQR is zero (flags, mostly)
     */
    record Numeric(String name, long present, double min, double p01, double q1, double median, double q3,
                   double p99, double max, long outliers) {

        double iqr() {
            return q3 - q1;
        }
    }

    /** One category and how many rows hold it. */
    record Category(String value, long count) {
    }

    /** The frequent categories of a text column, the count of all others, and of empty values. */
    record Text(String name, List<Category> top, long other, long empty) {
    }

    /** Measures {@code table}: one scan for counts and missing values, one per column for quantiles. */
    static TableProfile of(SqlRows sql, Table table) throws SQLException {
        String from = " FROM " + quote(table.name());
        boolean hasClient = table.findColumn("SK_ID_CURR").isPresent();
        StringBuilder counts = new StringBuilder("SELECT count(*), ")
                .append(hasClient ? "count(DISTINCT SK_ID_CURR)" : "0");
        for (Column c : table.columns()) {
            counts.append(", count(").append(quote(c.name())).append(')');
        }
        Object[] row = sql.one(counts.append(from).toString());
        long rows = asLong(row[0]);
        Map<String, Double> missing = new LinkedHashMap<>();
        for (int i = 0; i < table.columns().size(); i++) {
            missing.put(table.columns().get(i).name(), rows == 0 ? Double.NaN : 1 - asLong(row[i + 2]) / (double) rows);
        }
        List<Numeric> numeric = new ArrayList<>();
        List<Text> text = new ArrayList<>();
        for (Column c : table.columns()) {
            if (c.role() != KeyRole.ATTRIBUTE) {
                continue;
            }
            if (c.type() == ColumnType.TEXT) {
                text.add(categories(sql, table, c.name(), rows));
            } else {
                numeric.add(quantiles(sql, table, c.name()));
            }
        }
        return new TableProfile(table, rows, hasClient ? asLong(row[1]) : -1, missing, withOutliers(sql, table, numeric),
                text);
    }

    private static Numeric quantiles(SqlRows sql, Table table, String column) throws SQLException {
        String c = quote(column);
        // DuckDB's list form sorts once for the five quantiles; the standard form is
        // percentile_cont(p) WITHIN GROUP (ORDER BY c), one sort per quantile, with the same values.
        Object[] r = sql.one("SELECT count(" + c + "), min(" + c + "), max(" + c + "), quantile_cont(" + c
                + ", [0.01, 0.25, 0.5, 0.75, 0.99]) FROM " + quote(table.name()));
        double[] q = {Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN};
        if (r[3] instanceof java.sql.Array array) {
            Object[] values = (Object[]) array.getArray();
            for (int i = 0; i < q.length; i++) {
                q[i] = asDouble(values[i]);
            }
        }
        return new Numeric(column, asLong(r[0]), asDouble(r[1]), q[0], q[1], q[2], q[3], q[4], asDouble(r[2]), -1);
    }

    /** Counts every column's outliers in one scan, for the columns with a positive IQR. */
    private static List<Numeric> withOutliers(SqlRows sql, Table table, List<Numeric> numeric) throws SQLException {
        List<Numeric> fenced = numeric.stream().filter(n -> n.iqr() > 0).toList();
        if (fenced.isEmpty()) {
            return numeric;
        }
        StringBuilder q = new StringBuilder("SELECT ");
        for (int i = 0; i < fenced.size(); i++) {
            Numeric n = fenced.get(i);
            String c = quote(n.name());
            q.append(i == 0 ? "" : ", ").append("sum(CASE WHEN ").append(c).append(" < ")
                    .append(n.q1() - 3 * n.iqr()).append(" OR ").append(c).append(" > ").append(n.q3() + 3 * n.iqr())
                    .append(" THEN 1 ELSE 0 END)");
        }
        Object[] r = sql.one(q.append(" FROM ").append(quote(table.name())).toString());
        Map<String, Long> outliers = new LinkedHashMap<>();
        for (int i = 0; i < fenced.size(); i++) {
            outliers.put(fenced.get(i).name(), asLong(r[i]));
        }
        return numeric.stream().map(n -> new Numeric(n.name(), n.present(), n.min(), n.p01(), n.q1(), n.median(),
                n.q3(), n.p99(), n.max(), outliers.getOrDefault(n.name(), -1L))).toList();
    }

    private static Text categories(SqlRows sql, Table table, String column, long rows) throws SQLException {
        String c = quote(column);
        List<Object[]> r = sql.all("SELECT " + c + ", count(*) FROM " + quote(table.name()) + " WHERE " + c
                + " IS NOT NULL GROUP BY " + c + " ORDER BY 2 DESC, 1");
        List<Category> top = new ArrayList<>();
        long present = 0;
        for (Object[] one : r) {
            long n = asLong(one[1]);
            present += n;
            if (top.size() < TOP_CATEGORIES) {
                top.add(new Category(String.valueOf(one[0]), n));
            }
        }
        long listed = top.stream().mapToLong(Category::count).sum();
        return new Text(column, top, present - listed, rows - present);
    }

    /**
     * Counts of a numeric column in ten equal-width bins between its 1% and 99% quantiles; values beyond them fall
     * in the first or last bin. Returns the bin edges (11) and counts (10), or empty arrays for an empty column.
     */
    static double[][] histogram(SqlRows sql, Table table, Numeric n) throws SQLException {
        if (n.present() == 0) {
            return new double[][]{{}, {}};
        }
        double lo = n.p01();
        double hi = n.p99() > n.p01() ? n.p99() : n.p01() + 1;
        double width = (hi - lo) / 10;
        String c = quote(n.name());
        String bin = "least(greatest(floor((" + c + " - (" + lo + ")) / " + width + "), 0), 9)";
        double[] counts = new double[10];
        for (Object[] r : sql.all("SELECT " + bin + " AS bin, count(*) FROM " + quote(table.name()) + " WHERE " + c
                + " IS NOT NULL GROUP BY 1")) {
            counts[(int) asLong(r[0])] += asLong(r[1]);
        }
        double[] edges = new double[11];
        for (int i = 0; i <= 10; i++) {
            edges[i] = lo + width * i;
        }
        return new double[][]{edges, counts};
    }
}
