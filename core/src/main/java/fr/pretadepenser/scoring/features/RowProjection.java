package fr.pretadepenser.scoring.features;

import fr.pretadepenser.scoring.features.SqlExpressions.Node;
import fr.pretadepenser.scoring.features.SqlExpressions.Scope;
import fr.pretadepenser.scoring.features.SqlExpressions.Type;
import fr.pretadepenser.scoring.features.SqlExpressions.Unsupported;
import fr.pretadepenser.scoring.schema.Column;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.WithItem;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static fr.pretadepenser.scoring.features.SqlExpressions.key;
import static fr.pretadepenser.scoring.features.SqlExpressions.typeOf;

/**
 * A feature file that computes each row from that row alone (a projection: expressions over one relation, through
 * WITH steps of the same kind), evaluated in Java for one row, as DuckDB evaluates it. The scoring API recomputes an
 * edited application's features with it: DuckDB sets up its vectors for every one of the file's 250 expressions on
 * each run, 2.5 ms for one row, three quarters of an edited application's cost, against about 20 µs here.
 *
 * <p>The SQL stays the one definition of the features: this class parses the expanded file (JSqlParser) and
 * evaluates what it says, with {@link SqlExpressions}' rules (what DuckDB computes exactly alike, types checked when
 * the file is compiled). A file with more than projections (an aggregate, a join, a filter) or an expression those
 * rules refuse makes {@link #compile} return empty, and the caller keeps DuckDB; tests compare the two on thousands of
 * rows, bit for bit.
 */
final class RowProjection {

    private final Node[] outputs;

    private RowProjection(Node[] outputs) {
        this.outputs = outputs;
    }

    /**
     * Compiles a file for rows of {@code relation}.
     *
     * @param sql      the expanded file: {@code [WITH name AS (SELECT ...), ...] SELECT ... FROM name}
     * @param relation the name the file reads its rows from
     * @param columns  the relation's columns, in the order of the rows {@link #apply} takes
     * @param outputs  the file's output columns wanted, in the order {@link #apply} gives them
     * @return empty when the file is not a projection this class evaluates exactly (the reason is not kept: the
     *         caller's fallback is the same whatever it is)
     */
    static Optional<RowProjection> compile(String sql, String relation, List<Column> columns, List<String> outputs) {
        try {
            return Optional.of(compileOrThrow(sql, relation, columns, outputs));
        } catch (Unsupported | JSQLParserException e) {
            return Optional.empty();
        }
    }

    /** As {@link #compile}, with the reason a file is refused (for tests). */
    static RowProjection compileOrThrow(String sql, String relation, List<Column> columns, List<String> outputs)
            throws JSQLParserException {
        Statement statement = CCJSqlParserUtil.parse(sql);
        if (!(statement instanceof PlainSelect select)) {
            throw new Unsupported("not a plain SELECT");
        }
        Map<String, Map<String, Node>> relations = new HashMap<>();
        Map<String, Node> base = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            int at = i;
            base.put(key(columns.get(i).name()), new Node(typeOf(columns.get(i).type()), row -> row[at]));
        }
        relations.put(key(relation), base);
        if (select.getWithItemsList() != null) {
            for (WithItem<?> with : select.getWithItemsList()) {
                if (with.isRecursive() || with.getWithItemList() != null || with.getSelect() == null) {
                    throw new Unsupported("a WITH step that is not a plain SELECT");
                }
                relations.put(key(with.getAliasName()), projection(SqlExpressions.plain(with.getSelect()), relations));
            }
        }
        Map<String, Node> produced = projection(select, relations);
        Node[] wanted = new Node[outputs.size()];
        for (int i = 0; i < wanted.length; i++) {
            Node node = produced.get(key(outputs.get(i)));
            if (node == null || node.type() == Type.TEXT || node.type() == Type.BOOLEAN
                    || node.type() == Type.DECIMAL) {
                throw new Unsupported("output " + outputs.get(i) + " missing or not a number");
            }
            wanted[i] = node;
        }
        return new RowProjection(wanted);
    }

    /**
     * The wanted outputs for one row, each cast to DOUBLE, NaN for NULL.
     *
     * @param row the relation's values in column order: Long for an integer column, Double for a decimal one,
     *            String for text, null for a missing value
     * @throws ArithmeticException on an integer overflow (DuckDB fails such a row with an error of its own)
     */
    double[] apply(Object[] row) {
        double[] values = new double[outputs.length];
        for (int i = 0; i < values.length; i++) {
            Object v = outputs[i].value().of(row);
            values[i] = v == null ? Double.NaN : ((Number) v).doubleValue();
        }
        return values;
    }

    /** The columns a SELECT over one earlier relation makes, by name. */
    private static Map<String, Node> projection(PlainSelect select, Map<String, Map<String, Node>> relations) {
        if (select.getWhere() != null || select.getJoins() != null && !select.getJoins().isEmpty()
                || select.getGroupBy() != null || select.getHaving() != null || select.getDistinct() != null
                || select.getQualify() != null || select.getLimit() != null || select.getOrderByElements() != null
                || select.getWindowDefinitions() != null || select.getOffset() != null || select.getFetch() != null
                || select.getTop() != null || select.getIntoTables() != null || select.getSampleClause() != null) {
            throw new Unsupported("more than a projection");
        }
        FromItem from = select.getFromItem();
        if (!(from instanceof Table table) || table.getSchemaName() != null) {
            throw new Unsupported("not a SELECT from one named relation");
        }
        Map<String, Node> source = relations.get(key(table.getName()));
        if (source == null) {
            throw new Unsupported("unknown relation " + table.getName());
        }
        String alias = table.getAlias() != null ? key(table.getAlias().getName()) : key(table.getName());
        Map<String, Node> result = new LinkedHashMap<>();
        for (SelectItem<?> item : select.getSelectItems()) {
            Expression expression = item.getExpression();
            if (expression instanceof AllTableColumns all && key(all.getTable().getName()).equals(alias)
                    || expression instanceof AllColumns && !(expression instanceof AllTableColumns)) {
                source.forEach((name, node) -> put(result, name, node));
                continue;
            }
            String name;
            if (item.getAlias() != null) {
                name = item.getAlias().getName();
            } else if (expression instanceof net.sf.jsqlparser.schema.Column column) {
                name = column.getColumnName();
            } else {
                throw new Unsupported("an expression without a name");
            }
            put(result, key(name), SqlExpressions.node(expression, new RelationScope(source, alias)));
        }
        return result;
    }

    /** Adds a column; a second column of the same name is refused, as which one a later step reads is unclear. */
    private static void put(Map<String, Node> columns, String name, Node node) {
        if (columns.put(name, node) != null) {
            throw new Unsupported("two columns named " + name);
        }
    }

    /** The columns of one relation, by name; a column of another relation is refused. */
    private record RelationScope(Map<String, Node> columns, String alias) implements Scope {
        @Override
        public Node column(net.sf.jsqlparser.schema.Column column) {
            if (column.getTable() != null && column.getTable().getName() != null
                    && !key(column.getTable().getName()).equals(alias)) {
                throw new Unsupported("column of another relation: " + column);
            }
            Node node = columns.get(key(column.getColumnName()));
            if (node == null) {
                throw new Unsupported("unknown column " + column);
            }
            return node;
        }
    }
}
