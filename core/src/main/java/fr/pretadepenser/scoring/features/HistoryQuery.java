package fr.pretadepenser.scoring.features;

import fr.pretadepenser.scoring.features.SqlExpressions.Node;
import fr.pretadepenser.scoring.features.SqlExpressions.Scope;
import fr.pretadepenser.scoring.features.SqlExpressions.Type;
import fr.pretadepenser.scoring.features.SqlExpressions.Unsupported;
import fr.pretadepenser.scoring.schema.Column;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.AnalyticType;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.GroupByElement;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.WithItem;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import static fr.pretadepenser.scoring.features.SqlExpressions.key;
import static fr.pretadepenser.scoring.features.SqlExpressions.typeOf;

/**
 * A side table's feature file evaluated in Java over one client's rows, as DuckDB evaluates it. The scoring API
 * computes a new application's history features with it: DuckDB sets up vectors of 2,048 rows for each of a file's
 * hundreds of columns on every run, 30 ms a run for a client's 160 rows, against well under a millisecond here.
 *
 * <p>The SQL stays the one definition of the features: this class parses the expanded file (JSqlParser) and
 * evaluates what it says: WITH steps (each computed once a run), projections with {@code *} and {@code t.*},
 * {@code WHERE}, {@code LEFT JOIN ... ON a.x = b.y}, a subquery in {@code FROM}, {@code GROUP BY} columns with
 * {@code MIN MAX SUM AVG COUNT(*) COUNT(x) COUNT(DISTINCT x) VAR_SAMP MAX_BY}, and {@code ROW_NUMBER() OVER
 * (PARTITION BY ... ORDER BY ...)}, over {@link SqlExpressions}' scalar expressions. The aggregates follow
 * DuckDB's arithmetic: doubles summed in row order, integers summed exactly, an integer average divided in the x87
 * extended precision DuckDB's {@code long double} has on x86-64 and then rounded to a double, Welford's variance
 * updated as DuckDB updates it. Rows are taken in the order sent, and a left join gives, as DuckDB's hash join
 * probe does, each vector's (2,048 rows) matched rows, then its unmatched ones: in another order a double sum moves
 * by a unit in the last place now and then. DuckDB's own order also moves with hash collisions between the keys it
 * joins (several clients in one run), so tests compare the two bit for bit client by client, and to 1e-12 in
 * batches. Anything else makes {@link #compile} return empty, and
 * the caller keeps DuckDB. An integer overflow, or an integer beyond 2^53 converted to a double (where DuckDB's
 * conversion of its 128-bit sums is not copied), throws {@link ArithmeticException}: the caller then runs DuckDB.
 */
final class HistoryQuery {

    /** One column of a relation: who qualifies it, its name (as {@link SqlExpressions#key}) and type. */
    private record Field(String alias, String name, Type type) {
    }

    /** A compiled relation: its columns, and how a run computes its rows. */
    private record Relation(List<Field> fields, Rows rows) {
    }

    /** How a run computes a relation's rows. */
    @FunctionalInterface
    private interface Rows {
        List<Object[]> of(Run run);
    }

    /** One evaluation: the input tables' rows and the WITH steps computed so far. */
    private static final class Run {
        private final Map<String, List<Object[]>> tables;
        private final Map<String, List<Object[]>> steps = new HashMap<>();

        private Run(Map<String, List<Object[]>> tables) {
            this.tables = tables;
        }
    }

    /** DuckDB's vector: the rows its operators take at a time. */
    private static final int VECTOR = 2048;

    private final Rows result;
    private final int[] outputs;

    private HistoryQuery(Rows result, int[] outputs) {
        this.result = result;
        this.outputs = outputs;
    }

    /**
     * Compiles a file.
     *
     * @param sql     the expanded file
     * @param tables  the columns of each table the file may read, by table name, in the order of the rows
     *                {@link #apply} takes
     * @param outputs the file's output columns wanted, in the order {@link #apply} gives them
     * @return empty when the file uses what this class does not evaluate exactly (the reason is not kept: the
     *         caller's fallback is the same whatever it is)
     */
    static Optional<HistoryQuery> compile(String sql, Map<String, List<Column>> tables, List<String> outputs) {
        try {
            return Optional.of(compileOrThrow(sql, tables, outputs));
        } catch (Unsupported | JSQLParserException e) {
            return Optional.empty();
        }
    }

    /** As {@link #compile}, with the reason a file is refused (for tests). */
    static HistoryQuery compileOrThrow(String sql, Map<String, List<Column>> tables, List<String> outputs)
            throws JSQLParserException {
        Statement statement = CCJSqlParserUtil.parse(sql);
        if (!(statement instanceof PlainSelect select)) {
            throw new Unsupported("not a plain SELECT");
        }
        Map<String, Relation> relations = new HashMap<>();
        for (Map.Entry<String, List<Column>> table : tables.entrySet()) {
            String name = key(table.getKey());
            List<Field> fields = table.getValue().stream()
                    .map(c -> new Field(name, key(c.name()), typeOf(c.type()))).toList();
            relations.put(name, new Relation(fields, run -> run.tables.getOrDefault(table.getKey(), List.of())));
        }
        if (select.getWithItemsList() != null) {
            for (WithItem<?> with : select.getWithItemsList()) {
                if (with.isRecursive() || with.getWithItemList() != null || with.getSelect() == null) {
                    throw new Unsupported("a WITH step that is not a plain SELECT");
                }
                String name = key(with.getAliasName());
                Relation step = select(SqlExpressions.plain(with.getSelect()), relations);
                // Computed once a run, however many steps read it.
                relations.put(name, new Relation(step.fields(), run -> {
                    // Not computeIfAbsent: computing a step computes the steps it reads, in the same map.
                    List<Object[]> rows = run.steps.get(name);
                    if (rows == null) {
                        rows = step.rows().of(run);
                        run.steps.put(name, rows);
                    }
                    return rows;
                }));
            }
        }
        Relation last = select(select, relations);
        int[] positions = new int[outputs.size()];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = -1;
            for (int f = 0; f < last.fields().size(); f++) {
                if (last.fields().get(f).name().equals(key(outputs.get(i)))) {
                    if (positions[i] >= 0) {
                        throw new Unsupported("two outputs named " + outputs.get(i));
                    }
                    positions[i] = f;
                }
            }
            if (positions[i] < 0) {
                throw new Unsupported("no output " + outputs.get(i));
            }
            Type type = last.fields().get(positions[i]).type();
            if (type != Type.INTEGER && type != Type.DOUBLE && type != Type.NULL) {
                throw new Unsupported("output " + outputs.get(i) + " is not a number");
            }
        }
        return new HistoryQuery(last.rows(), positions);
    }

    /**
     * The wanted outputs of each row the file gives, each cast to DOUBLE, NaN for NULL.
     *
     * @param tables the rows of each table, in its columns' order (Long, Double, String or null); a table left out
     *               has no rows
     * @throws ArithmeticException on a 64-bit integer overflow or an integer past 2^53 made a double (DuckDB's
     *                             128-bit sums go further), or what DuckDB fails too (a double cast out of BIGINT's
     *                             range, an infinite variance): the caller runs DuckDB, which answers or fails as
     *                             it does
     */
    List<double[]> apply(Map<String, List<Object[]>> tables) {
        List<Object[]> rows = result.of(new Run(tables));
        List<double[]> values = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            double[] v = new double[outputs.length];
            for (int i = 0; i < v.length; i++) {
                Object o = row[outputs[i]];
                v[i] = o == null ? Double.NaN : o instanceof Long l ? SqlExpressions.toDouble(l) : (Double) o;
            }
            values.add(v);
        }
        return values;
    }

    /** A SELECT: its FROM and joins, filter, windows, grouping and projection, in SQL's order. */
    private static Relation select(PlainSelect select, Map<String, Relation> relations) {
        if (select.getHaving() != null || select.getDistinct() != null || select.getQualify() != null
                || select.getLimit() != null || select.getOrderByElements() != null
                || select.getWindowDefinitions() != null || select.getOffset() != null || select.getFetch() != null
                || select.getTop() != null || select.getIntoTables() != null || select.getSampleClause() != null) {
            throw new Unsupported("more than FROM, JOIN, WHERE, GROUP BY and a projection");
        }
        Relation input = from(select.getFromItem(), relations);
        if (select.getJoins() != null) {
            for (Join join : select.getJoins()) {
                input = leftJoin(input, join, relations);
            }
        }
        if (select.getWhere() != null) {
            input = where(input, select.getWhere());
        }
        input = windows(input, select.getSelectItems());
        GroupByElement groupBy = select.getGroupBy();
        return groupBy == null ? project(input, select.getSelectItems()) : group(input, groupBy,
                select.getSelectItems());
    }

    private static Relation from(FromItem from, Map<String, Relation> relations) {
        if (from instanceof Table table && table.getSchemaName() == null) {
            Relation relation = relations.get(key(table.getName()));
            if (relation == null) {
                throw new Unsupported("unknown relation " + table.getName());
            }
            String alias = key(table.getAlias() != null ? table.getAlias().getName() : table.getName());
            return new Relation(relation.fields().stream().map(f -> new Field(alias, f.name(), f.type())).toList(),
                    relation.rows());
        }
        if (from instanceof ParenthesedSelect sub && sub.getAlias() != null) {
            Relation relation = select(SqlExpressions.plain(sub.getSelect()), relations);
            String alias = key(sub.getAlias().getName());
            return new Relation(relation.fields().stream().map(f -> new Field(alias, f.name(), f.type())).toList(),
                    relation.rows());
        }
        throw new Unsupported("FROM " + from);
    }

    /** {@code LEFT JOIN right ON a = b}: each left row with each matching right row, in order, or with NULLs. */
    private static Relation leftJoin(Relation left, Join join, Map<String, Relation> relations) {
        if (!join.isLeft() || join.isNatural() || join.isCross() || join.isSemi() || join.isApply()
                || join.getUsingColumns() != null && !join.getUsingColumns().isEmpty()
                || join.getOnExpressions() == null
                || join.getOnExpressions().size() != 1
                || !(join.getOnExpressions().iterator().next() instanceof EqualsTo on)) {
            throw new Unsupported("a join other than LEFT JOIN ... ON a = b");
        }
        Relation right = from(join.getRightItem(), relations);
        String rightAlias = right.fields().get(0).alias();
        Expression[] sides = {on.getLeftExpression(), on.getRightExpression()};
        boolean rightFirst = sides[0] instanceof net.sf.jsqlparser.schema.Column c && c.getTable() != null
                && key(c.getTable().getName()).equals(rightAlias);
        Node leftKey = SqlExpressions.node(sides[rightFirst ? 1 : 0], new FieldScope(left.fields()));
        Node rightKey = SqlExpressions.node(sides[rightFirst ? 0 : 1], new FieldScope(right.fields()));
        if (!(SqlExpressions.common(List.of(leftKey, rightKey)) == Type.INTEGER
                || leftKey.type() == Type.TEXT && rightKey.type() == Type.TEXT)) {
            throw new Unsupported("a join on keys other than integers or texts");
        }
        List<Field> fields = new ArrayList<>(left.fields());
        fields.addAll(right.fields());
        int width = left.fields().size();
        int rightWidth = right.fields().size();
        return new Relation(List.copyOf(fields), run -> {
            Map<Object, List<Object[]>> matches = new HashMap<>();
            for (Object[] row : right.rows().of(run)) {
                Object k = rightKey.value().of(row);
                if (k != null) {
                    matches.computeIfAbsent(k, x -> new ArrayList<>()).add(row);
                }
            }
            List<Object[]> rows = left.rows().of(run);
            List<Object[]> joined = new ArrayList<>(rows.size());
            List<Object[]> unmatched = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                Object[] row = rows.get(i);
                Object k = leftKey.value().of(row);
                List<Object[]> found = k == null ? null : matches.get(k);
                if (found == null) {
                    unmatched.add(Arrays.copyOf(row, width + rightWidth));
                } else {
                    for (Object[] other : found) {
                        Object[] both = Arrays.copyOf(row, width + rightWidth);
                        System.arraycopy(other, 0, both, width, rightWidth);
                        joined.add(both);
                    }
                }
                // DuckDB's probe gives a vector's matched rows, then its unmatched ones: the order an aggregate
                // downstream adds them in (doubles sum differently in another order).
                if ((i + 1) % VECTOR == 0 || i == rows.size() - 1) {
                    joined.addAll(unmatched);
                    unmatched.clear();
                }
            }
            return joined;
        });
    }

    private static Relation where(Relation input, Expression condition) {
        Node test = SqlExpressions.condition(SqlExpressions.node(condition, new FieldScope(input.fields())));
        return new Relation(input.fields(), run -> {
            List<Object[]> kept = new ArrayList<>();
            for (Object[] row : input.rows().of(run)) {
                if (Boolean.TRUE.equals(test.value().of(row))) {
                    kept.add(row);
                }
            }
            return kept;
        });
    }

    /**
     * Each {@code ROW_NUMBER() OVER (...)} item as one more column of the input, named by the item's alias, so that
     * the projection reads it as a column. DuckDB sorts NULLs last in either direction; equal rows keep their order.
     */
    private static Relation windows(Relation input, List<SelectItem<?>> items) {
        Relation relation = input;
        for (SelectItem<?> item : items) {
            if (!(item.getExpression() instanceof AnalyticExpression window)) {
                continue;
            }
            if (!window.getName().equalsIgnoreCase("ROW_NUMBER") || window.getExpression() != null
                    || window.getType() != AnalyticType.OVER || window.getWindowElement() != null
                    || window.getWindowName() != null || window.isDistinct() || window.getFilterExpression() != null
                    || window.getKeep() != null || item.getAlias() == null || window.getOrderByElements() == null) {
                throw new Unsupported("a window other than ROW_NUMBER() OVER (PARTITION BY ... ORDER BY ...)");
            }
            FieldScope scope = new FieldScope(relation.fields());
            List<Node> partition = new ArrayList<>();
            if (window.getPartitionExpressionList() != null) {
                for (Expression e : window.getPartitionExpressionList()) {
                    partition.add(SqlExpressions.node(e, scope));
                }
            }
            List<Node> order = new ArrayList<>();
            List<Boolean> ascending = new ArrayList<>();
            List<Boolean> nullsFirst = new ArrayList<>();
            for (OrderByElement o : window.getOrderByElements()) {
                order.add(SqlExpressions.node(o.getExpression(), scope));
                ascending.add(o.isAsc());
                nullsFirst.add(o.getNullOrdering() == OrderByElement.NullOrdering.NULLS_FIRST);
            }
            Relation before = relation;
            int width = before.fields().size();
            List<Field> fields = new ArrayList<>(before.fields());
            fields.add(new Field(before.fields().get(0).alias(), key(item.getAlias().getName()), Type.INTEGER));
            relation = new Relation(List.copyOf(fields), run -> {
                List<Object[]> rows = before.rows().of(run);
                Map<List<Object>, List<Integer>> partitions = new LinkedHashMap<>();
                for (int i = 0; i < rows.size(); i++) {
                    List<Object> k = new ArrayList<>(partition.size());
                    for (Node p : partition) {
                        k.add(Aggregates.groupKey(p.value().of(rows.get(i))));
                    }
                    partitions.computeIfAbsent(k, x -> new ArrayList<>()).add(i);
                }
                Object[][] numbered = new Object[rows.size()][];
                for (List<Integer> members : partitions.values()) {
                    members.sort(rowOrder(rows, order, ascending, nullsFirst));
                    for (int n = 0; n < members.size(); n++) {
                        Object[] row = Arrays.copyOf(rows.get(members.get(n)), width + 1);
                        row[width] = (long) n + 1;
                        numbered[members.get(n)] = row;
                    }
                }
                return Arrays.asList(numbered);
            });
        }
        return relation;
    }

    private static Comparator<Integer> rowOrder(List<Object[]> rows, List<Node> order, List<Boolean> ascending,
                                                List<Boolean> nullsFirst) {
        return (a, b) -> {
            for (int k = 0; k < order.size(); k++) {
                Object x = order.get(k).value().of(rows.get(a));
                Object y = order.get(k).value().of(rows.get(b));
                int c;
                if (x == null || y == null) {
                    c = x == y ? 0 : (x == null) == nullsFirst.get(k) ? -1 : 1;
                } else {
                    c = ascending.get(k) ? SqlExpressions.compare(x, y) : SqlExpressions.compare(y, x);
                }
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        };
    }

    /** A projection: {@code *}, {@code t.*} and named expressions, one output row per input row. */
    private static Relation project(Relation input, List<SelectItem<?>> items) {
        FieldScope scope = new FieldScope(input.fields());
        List<Field> fields = new ArrayList<>();
        List<Node> nodes = new ArrayList<>();
        for (SelectItem<?> item : items) {
            Expression e = item.getExpression();
            if (e instanceof AllTableColumns all) {
                String alias = key(all.getTable().getName());
                boolean any = false;
                for (int i = 0; i < input.fields().size(); i++) {
                    Field f = input.fields().get(i);
                    if (f.alias().equals(alias)) {
                        fields.add(f);
                        nodes.add(column(f.type(), i));
                        any = true;
                    }
                }
                if (!any) {
                    throw new Unsupported("no relation " + alias);
                }
            } else if (e instanceof AllColumns) {
                for (int i = 0; i < input.fields().size(); i++) {
                    fields.add(input.fields().get(i));
                    nodes.add(column(input.fields().get(i).type(), i));
                }
            } else if (e instanceof AnalyticExpression) {
                // windows() made it the input column of the item's alias.
                Node node = scope.column(new net.sf.jsqlparser.schema.Column(item.getAlias().getName()));
                fields.add(new Field("", key(item.getAlias().getName()), node.type()));
                nodes.add(node);
            } else {
                Node node = SqlExpressions.node(e, scope);
                fields.add(new Field("", outputName(item), node.type()));
                nodes.add(node);
            }
        }
        checkNames(fields);
        Node[] compiled = nodes.toArray(Node[]::new);
        return new Relation(List.copyOf(fields), run -> {
            List<Object[]> rows = input.rows().of(run);
            List<Object[]> projected = new ArrayList<>(rows.size());
            for (Object[] row : rows) {
                Object[] out = new Object[compiled.length];
                for (int i = 0; i < out.length; i++) {
                    out[i] = compiled[i].value().of(row);
                }
                projected.add(out);
            }
            return projected;
        });
    }

    /**
     * {@code GROUP BY} columns: each item is an expression over the group's keys and aggregates, evaluated over a
     * group row (the key values, then each aggregate's result). Groups come out in the order of their first row.
     */
    private static Relation group(Relation input, GroupByElement groupBy, List<SelectItem<?>> items) {
        if (groupBy.getGroupingSets() != null && !groupBy.getGroupingSets().isEmpty()
                || groupBy.getGroupByExpressionList() == null || groupBy.getGroupByExpressionList().isEmpty()) {
            throw new Unsupported("GROUP BY other than columns");
        }
        FieldScope scope = new FieldScope(input.fields());
        List<Integer> keyColumns = new ArrayList<>();
        for (Object e : groupBy.getGroupByExpressionList()) {
            if (!(e instanceof net.sf.jsqlparser.schema.Column column)) {
                throw new Unsupported("GROUP BY an expression");
            }
            keyColumns.add(scope.index(column));
        }
        GroupScope groups = new GroupScope(scope, keyColumns);
        List<Field> fields = new ArrayList<>();
        List<Node> nodes = new ArrayList<>();
        for (SelectItem<?> item : items) {
            Expression e = item.getExpression();
            if (e instanceof AllColumns || e instanceof AnalyticExpression) {
                throw new Unsupported("* or a window in a grouped SELECT");
            }
            Node node = SqlExpressions.node(e, groups);
            fields.add(new Field("", outputName(item), node.type()));
            nodes.add(node);
        }
        checkNames(fields);
        Node[] compiled = nodes.toArray(Node[]::new);
        int[] keys = keyColumns.stream().mapToInt(Integer::intValue).toArray();
        List<Supplier<Aggregates.Aggregate>> aggregates = List.copyOf(groups.aggregates);
        return new Relation(List.copyOf(fields), run -> {
            Map<List<Object>, Group> byKey = new LinkedHashMap<>();
            for (Object[] row : input.rows().of(run)) {
                List<Object> k = new ArrayList<>(keys.length);
                for (int c : keys) {
                    k.add(Aggregates.groupKey(row[c]));
                }
                Group group = byKey.computeIfAbsent(k, x -> Group.first(row, keys, aggregates));
                for (Aggregates.Aggregate a : group.states()) {
                    a.add(row);
                }
            }
            List<Object[]> out = new ArrayList<>(byKey.size());
            for (Group group : byKey.values()) {
                Object[] groupRow = group.row();
                Object[] projected = new Object[compiled.length];
                for (int i = 0; i < projected.length; i++) {
                    projected[i] = compiled[i].value().of(groupRow);
                }
                out.add(projected);
            }
            return out;
        });
    }

    /** One group of a run: its key values as its first row holds them, and its aggregates' states. */
    private record Group(Object[] keys, Aggregates.Aggregate[] states) {

        static Group first(Object[] row, int[] keyColumns, List<Supplier<Aggregates.Aggregate>> aggregates) {
            Object[] keys = new Object[keyColumns.length];
            for (int c = 0; c < keys.length; c++) {
                keys[c] = row[keyColumns[c]];
            }
            return new Group(keys, aggregates.stream().map(Supplier::get).toArray(Aggregates.Aggregate[]::new));
        }

        /** The group row the grouped SELECT's items read: the key values, then each aggregate's result. */
        Object[] row() {
            Object[] row = Arrays.copyOf(keys, keys.length + states.length);
            for (int a = 0; a < states.length; a++) {
                row[keys.length + a] = states[a].result();
            }
            return row;
        }
    }

    private static String outputName(SelectItem<?> item) {
        if (item.getAlias() != null) {
            return key(item.getAlias().getName());
        }
        if (item.getExpression() instanceof net.sf.jsqlparser.schema.Column column) {
            return key(column.getColumnName());
        }
        throw new Unsupported("an expression without a name");
    }

    /** A relation with two columns of one name is refused: which one a later step reads is unclear. */
    private static void checkNames(List<Field> fields) {
        Set<String> names = new HashSet<>();
        for (Field f : fields) {
            if (!names.add(f.name())) {
                throw new Unsupported("two columns named " + f.name());
            }
        }
    }

    private static Node column(Type type, int index) {
        return new Node(type, row -> row[index]);
    }

    /** The columns of a relation's rows, by name (unique) or by {@code alias.name}. */
    private static final class FieldScope implements Scope {
        private final List<Field> fields;

        FieldScope(List<Field> fields) {
            this.fields = fields;
        }

        int index(net.sf.jsqlparser.schema.Column column) {
            String alias = column.getTable() != null && column.getTable().getName() != null
                    ? key(column.getTable().getName()) : null;
            String name = key(column.getColumnName());
            int found = -1;
            for (int i = 0; i < fields.size(); i++) {
                Field f = fields.get(i);
                if (f.name().equals(name) && (alias == null || f.alias().equals(alias))) {
                    if (found >= 0) {
                        throw new Unsupported("ambiguous column " + column);
                    }
                    found = i;
                }
            }
            if (found < 0) {
                throw new Unsupported("unknown column " + column);
            }
            return found;
        }

        @Override
        public Node column(net.sf.jsqlparser.schema.Column column) {
            int i = index(column);
            return HistoryQuery.column(fields.get(i).type(), i);
        }
    }

    /** A grouped SELECT's names: the grouping columns, and the aggregates over the input's rows. */
    private static final class GroupScope implements Scope {
        private final FieldScope input;
        private final List<Integer> keys;
        private final List<Supplier<Aggregates.Aggregate>> aggregates = new ArrayList<>();

        GroupScope(FieldScope input, List<Integer> keys) {
            this.input = input;
            this.keys = keys;
        }

        @Override
        public Node column(net.sf.jsqlparser.schema.Column column) {
            int at = keys.indexOf(input.index(column));
            if (at < 0) {
                throw new Unsupported("a column neither grouped nor aggregated: " + column);
            }
            return new Node(input.fields.get(keys.get(at)).type(), row -> row[at]);
        }

        @Override
        public Node function(Function f) {
            String name = f.getName().toUpperCase(Locale.ROOT);
            if (!Aggregates.NAMES.contains(name)) {
                return null;
            }
            if (f.isUnique() || f.getKeep() != null || f.getOrderByElements() != null
                    || f.getNamedParameters() != null || f.getAttribute() != null) {
                throw new Unsupported("aggregate form: " + f);
            }
            List<Node> args = new ArrayList<>();
            boolean star = f.isAllColumns();
            ExpressionList<?> parameters = f.getParameters();
            if (parameters != null) {
                for (Expression e : parameters) {
                    if (e instanceof AllColumns && parameters.size() == 1) {
                        star = true;
                    } else {
                        args.add(SqlExpressions.node(e, input));
                    }
                }
            }
            Aggregates.Made made = Aggregates.of(name, args, star, f.isDistinct());
            int at = keys.size() + aggregates.size();
            aggregates.add(made.state());
            return new Node(made.type(), row -> row[at]);
        }
    }
}
