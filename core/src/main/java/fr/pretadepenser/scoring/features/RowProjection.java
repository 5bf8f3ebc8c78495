package fr.pretadepenser.scoring.features;

import fr.pretadepenser.scoring.schema.Column;
import fr.pretadepenser.scoring.schema.ColumnType;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.BinaryExpression;
import net.sf.jsqlparser.expression.CaseExpression;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NotExpression;
import net.sf.jsqlparser.expression.NullValue;
import net.sf.jsqlparser.expression.Parenthesis;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.WhenClause;
import net.sf.jsqlparser.expression.operators.arithmetic.Addition;
import net.sf.jsqlparser.expression.operators.arithmetic.Division;
import net.sf.jsqlparser.expression.operators.arithmetic.Multiplication;
import net.sf.jsqlparser.expression.operators.arithmetic.Subtraction;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.GreaterThan;
import net.sf.jsqlparser.expression.operators.relational.GreaterThanEquals;
import net.sf.jsqlparser.expression.operators.relational.IsNullExpression;
import net.sf.jsqlparser.expression.operators.relational.MinorThan;
import net.sf.jsqlparser.expression.operators.relational.MinorThanEquals;
import net.sf.jsqlparser.expression.operators.relational.NotEqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.WithItem;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A feature file that computes each row from that row alone (a projection: expressions over one relation, through
 * WITH steps of the same kind), evaluated in Java for one row, as DuckDB evaluates it. The scoring API recomputes an
 * edited application's features with it: DuckDB sets up its vectors for every one of the file's 250 expressions on
 * each run, 2.5 ms for one row, three quarters of an edited application's cost, against about 20 µs here.
 *
 * <p>The SQL stays the one definition of the features: this class parses the expanded file (JSqlParser) and
 * evaluates what it says. It accepts only what it evaluates exactly as DuckDB does: integer and string literals,
 * columns, {@code + - * /} ({@code /} in floating point, as DuckDB's), comparisons (NaN above every number, as in
 * DuckDB), {@code AND OR NOT},
 * {@code IS [NOT] NULL}, {@code CASE}, {@code COALESCE NULLIF LEAST GREATEST} (the last two skip NULLs, as DuckDB's
 * and Spark's do), {@code SQRT ABS} and casts to DOUBLE or BIGINT. Types are checked when the file is
 * compiled (integer, double, text, boolean), so no row fails on a type. Anything else (a decimal literal,
 * which DuckDB computes in exact decimals; {@code POWER}, which DuckDB leaves to the C library's {@code pow}, a unit
 * in the last place off Java's now and then; an aggregate, a join, a filter) makes {@link #compile} return empty, and
 * the caller keeps DuckDB; tests compare the two on thousands of rows, bit for bit. Where DuckDB fails a row: a
 * 64-bit integer overflow throws {@link ArithmeticException} here too (integer literals, 32-bit in DuckDB, are
 * added here in 64 bits without failing); the square root of a negative number gives NaN.
 */
final class RowProjection {

    /** A value's SQL type, known when the file is compiled. NULL is the type of the NULL literal alone. */
    private enum Type { INTEGER, DOUBLE, TEXT, BOOLEAN, NULL }

    /** One compiled expression: its type, and its value for a row (Long, Double, String, Boolean or null). */
    private record Node(Type type, Evaluation value) {
    }

    @FunctionalInterface
    private interface Evaluation {
        Object of(Object[] row);
    }

    /** Thrown while compiling a file this class does not evaluate exactly; the caller gets an empty result. */
    private static final class Unsupported extends RuntimeException {
        Unsupported(String what) {
            super(what, null, false, false);
        }
    }

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
                relations.put(key(with.getAliasName()), projection(plain(with.getSelect()), relations));
            }
        }
        Map<String, Node> produced = projection(select, relations);
        Node[] wanted = new Node[outputs.size()];
        for (int i = 0; i < wanted.length; i++) {
            Node node = produced.get(key(outputs.get(i)));
            if (node == null || node.type() == Type.TEXT || node.type() == Type.BOOLEAN) {
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

    private static PlainSelect plain(Select select) {
        Select inner = select;
        while (inner instanceof ParenthesedSelect parenthesed) {
            inner = parenthesed.getSelect();
        }
        if (!(inner instanceof PlainSelect plain) || plain.getWithItemsList() != null) {
            throw new Unsupported("not a plain SELECT");
        }
        return plain;
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
            put(result, key(name), node(expression, source, alias));
        }
        return result;
    }

    /** Adds a column; a second column of the same name is refused, as which one a later step reads is unclear. */
    private static void put(Map<String, Node> columns, String name, Node node) {
        if (columns.put(name, node) != null) {
            throw new Unsupported("two columns named " + name);
        }
    }

    private static Node node(Expression e, Map<String, Node> source, String alias) {
        if (e instanceof Parenthesis p) {
            return node(p.getExpression(), source, alias);
        }
        if (e instanceof ParenthesedExpressionList<?> list && list.size() == 1) {
            return node(list.get(0), source, alias);
        }
        if (e instanceof NullValue) {
            return new Node(Type.NULL, row -> null);
        }
        if (e instanceof LongValue l) {
            Long value = l.getValue();
            return new Node(Type.INTEGER, row -> value);
        }
        if (e instanceof StringValue s && (s.getPrefix() == null || s.getPrefix().isEmpty())) {
            String value = s.getNotExcapedValue();
            return new Node(Type.TEXT, row -> value);
        }
        if (e instanceof net.sf.jsqlparser.schema.Column column) {
            if (column.getTable() != null && column.getTable().getName() != null
                    && !key(column.getTable().getName()).equals(alias)) {
                throw new Unsupported("column of another relation: " + column);
            }
            Node node = source.get(key(column.getColumnName()));
            if (node == null) {
                throw new Unsupported("unknown column " + column);
            }
            return node;
        }
        if (e instanceof SignedExpression signed) {
            Node operand = numeric(node(signed.getExpression(), source, alias));
            if (signed.getSign() == '+') {
                return operand;
            }
            if (signed.getSign() != '-') {
                throw new Unsupported("sign " + signed.getSign());
            }
            return new Node(operand.type(), row -> {
                Object v = operand.value().of(row);
                return v == null ? null : v instanceof Long l ? (Object) Math.negateExact(l) : (Object) (-(Double) v);
            });
        }
        if (e instanceof Addition || e instanceof Subtraction || e instanceof Multiplication
                || e instanceof Division) {
            return arithmetic((BinaryExpression) e, source, alias);
        }
        if (e instanceof EqualsTo || e instanceof NotEqualsTo || e instanceof GreaterThan
                || e instanceof GreaterThanEquals || e instanceof MinorThan || e instanceof MinorThanEquals) {
            return comparison((BinaryExpression) e, source, alias);
        }
        if (e instanceof AndExpression || e instanceof OrExpression) {
            return logical((BinaryExpression) e, source, alias);
        }
        if (e instanceof NotExpression not) {
            Node operand = condition(node(not.getExpression(), source, alias));
            return new Node(Type.BOOLEAN, row -> {
                Object v = operand.value().of(row);
                return v == null ? null : !(Boolean) v;
            });
        }
        if (e instanceof IsNullExpression isNull && !isNull.isUseIsNull() && !isNull.isUseNotNull()) {
            Node operand = node(isNull.getLeftExpression(), source, alias);
            boolean not = isNull.isNot();
            return new Node(Type.BOOLEAN, row -> (operand.value().of(row) == null) != not);
        }
        if (e instanceof CaseExpression c) {
            return caseWhen(c, source, alias);
        }
        if (e instanceof CastExpression cast) {
            return cast(cast, source, alias);
        }
        if (e instanceof Function f) {
            return function(f, source, alias);
        }
        throw new Unsupported("expression " + e.getClass().getSimpleName() + ": " + e);
    }

    private static Node numeric(Node node) {
        if (node.type() != Type.INTEGER && node.type() != Type.DOUBLE && node.type() != Type.NULL) {
            throw new Unsupported("a number expected, got " + node.type());
        }
        return node;
    }

    private static Node condition(Node node) {
        if (node.type() != Type.BOOLEAN && node.type() != Type.NULL) {
            throw new Unsupported("a condition expected, got " + node.type());
        }
        return node;
    }

    /** DuckDB's arithmetic: integers stay integers (overflow is an error), except {@code /}, always a double. */
    private static Node arithmetic(BinaryExpression e, Map<String, Node> source, String alias) {
        Node left = numeric(node(e.getLeftExpression(), source, alias));
        Node right = numeric(node(e.getRightExpression(), source, alias));
        boolean integers = left.type() != Type.DOUBLE && right.type() != Type.DOUBLE && !(e instanceof Division);
        char op = e instanceof Addition ? '+' : e instanceof Subtraction ? '-' : e instanceof Multiplication ? '*'
                : '/';
        return new Node(integers ? Type.INTEGER : Type.DOUBLE, row -> {
            Object a = left.value().of(row);
            Object b = right.value().of(row);
            if (a == null || b == null) {
                return null;
            }
            if (integers) {
                long x = (Long) a;
                long y = (Long) b;
                return switch (op) {
                    case '+' -> Math.addExact(x, y);
                    case '-' -> Math.subtractExact(x, y);
                    default -> Math.multiplyExact(x, y);
                };
            }
            double x = ((Number) a).doubleValue();
            double y = ((Number) b).doubleValue();
            return switch (op) {
                case '+' -> x + y;
                case '-' -> x - y;
                case '*' -> x * y;
                // As DuckDB's: IEEE division, an infinity or NaN for a zero divisor (the files guard with NULLIF).
                default -> x / y;
            };
        });
    }

    private static Node comparison(BinaryExpression e, Map<String, Node> source, String alias) {
        Node left = node(e.getLeftExpression(), source, alias);
        Node right = node(e.getRightExpression(), source, alias);
        boolean text = left.type() == Type.TEXT || right.type() == Type.TEXT;
        if (text && (left.type() != Type.TEXT && left.type() != Type.NULL
                || right.type() != Type.TEXT && right.type() != Type.NULL)) {
            throw new Unsupported("text compared with a number: " + e);
        }
        if (!text) {
            numeric(left);
            numeric(right);
        }
        String op = e.getStringExpression();
        return new Node(Type.BOOLEAN, row -> {
            Object a = left.value().of(row);
            Object b = right.value().of(row);
            if (a == null || b == null) {
                return null;
            }
            int order = compare(a, b);
            return switch (op) {
                case "=" -> order == 0;
                case "<>", "!=" -> order != 0;
                case ">" -> order > 0;
                case ">=" -> order >= 0;
                case "<" -> order < 0;
                default -> order <= 0;
            };
        });
    }

    /** Two non-null values of one kind: texts by their characters (DuckDB's binary collation), numbers by value. */
    private static int compare(Object a, Object b) {
        if (a instanceof String s) {
            return s.compareTo((String) b);
        }
        if (a instanceof Long x && b instanceof Long y) {
            return Long.compare(x, y);
        }
        // DuckDB's order: -0.0 equal to 0.0 (Double.compare puts it first), NaN equal to itself and above every
        // other number (no input has NaN; a computation may make one).
        double x = ((Number) a).doubleValue();
        double y = ((Number) b).doubleValue();
        if (Double.isNaN(x) || Double.isNaN(y)) {
            return Boolean.compare(Double.isNaN(x), Double.isNaN(y));
        }
        return x < y ? -1 : x > y ? 1 : 0;
    }

    /** Three-valued AND and OR. */
    private static Node logical(BinaryExpression e, Map<String, Node> source, String alias) {
        Node left = condition(node(e.getLeftExpression(), source, alias));
        Node right = condition(node(e.getRightExpression(), source, alias));
        boolean and = e instanceof AndExpression;
        return new Node(Type.BOOLEAN, row -> {
            Object a = left.value().of(row);
            Object b = right.value().of(row);
            Boolean decisive = !and;
            if (decisive.equals(a) || decisive.equals(b)) {
                return decisive;
            }
            return a == null || b == null ? null : and;
        });
    }

    private static Node caseWhen(CaseExpression c, Map<String, Node> source, String alias) {
        if (c.getSwitchExpression() != null) {
            throw new Unsupported("CASE x WHEN");
        }
        List<Node> conditions = new ArrayList<>();
        List<Node> results = new ArrayList<>();
        for (WhenClause when : c.getWhenClauses()) {
            conditions.add(condition(node(when.getWhenExpression(), source, alias)));
            results.add(node(when.getThenExpression(), source, alias));
        }
        Node otherwise = c.getElseExpression() == null ? new Node(Type.NULL, row -> null)
                : node(c.getElseExpression(), source, alias);
        List<Node> all = new ArrayList<>(results);
        all.add(otherwise);
        Type type = common(all);
        Node[] test = conditions.toArray(Node[]::new);
        Node[] value = results.stream().map(n -> as(type, n)).toArray(Node[]::new);
        Node fallback = as(type, otherwise);
        return new Node(type, row -> {
            for (int i = 0; i < test.length; i++) {
                if (Boolean.TRUE.equals(test[i].value().of(row))) {
                    return value[i].value().of(row);
                }
            }
            return fallback.value().of(row);
        });
    }

    private static Node cast(CastExpression cast, Map<String, Node> source, String alias) {
        if (!cast.isUseCastKeyword() || !"CAST".equalsIgnoreCase(cast.keyword)) {
            throw new Unsupported("a cast other than CAST(x AS T)");
        }
        Node operand = numeric(node(cast.getLeftExpression(), source, alias));
        String target = cast.getColDataType().getDataType().toUpperCase(Locale.ROOT);
        return switch (target) {
            case "DOUBLE", "FLOAT8", "DOUBLE PRECISION" -> as(Type.DOUBLE, operand);
            case "BIGINT", "INT8", "LONG" -> {
                if (operand.type() == Type.DOUBLE) {
                    // DuckDB rounds half away from zero and fails out of range: not worth copying unused.
                    throw new Unsupported("a double cast to an integer");
                }
                yield new Node(Type.INTEGER, operand.value());
            }
            default -> throw new Unsupported("a cast to " + target);
        };
    }

    private static Node function(Function f, Map<String, Node> source, String alias) {
        if (f.isDistinct() || f.isUnique() || f.isAllColumns() || f.getKeep() != null || f.getOrderByElements() != null
                || f.getNamedParameters() != null || f.getAttribute() != null || f.getMultipartName().size() != 1) {
            throw new Unsupported("function form: " + f);
        }
        List<Node> args = new ArrayList<>();
        ExpressionList<?> parameters = f.getParameters();
        if (parameters != null) {
            for (Expression parameter : parameters) {
                args.add(node(parameter, source, alias));
            }
        }
        String name = f.getName().toUpperCase(Locale.ROOT);
        return switch (name) {
            case "COALESCE" -> coalesce(args);
            case "NULLIF" -> nullIf(args);
            case "LEAST", "GREATEST" -> extreme(args, name.equals("GREATEST"));
            case "SQRT" -> unary(args, name, Math::sqrt);
            case "ABS" -> {
                Node n = one(args, name);
                yield n.type() == Type.INTEGER ? new Node(Type.INTEGER, row -> {
                    Long v = (Long) n.value().of(row);
                    return v == null ? null : Math.absExact(v);
                }) : unary(args, name, Math::abs);
            }
            default -> throw new Unsupported("function " + name);
        };
    }

    private static Node one(List<Node> args, String name) {
        if (args.size() != 1) {
            throw new Unsupported(name + " with " + args.size() + " arguments");
        }
        return numeric(args.get(0));
    }

    private static Node unary(List<Node> args, String name, java.util.function.DoubleUnaryOperator f) {
        Node operand = as(Type.DOUBLE, one(args, name));
        return new Node(Type.DOUBLE, row -> {
            Double v = (Double) operand.value().of(row);
            return v == null ? null : f.applyAsDouble(v);
        });
    }

    private static Node coalesce(List<Node> args) {
        if (args.isEmpty()) {
            throw new Unsupported("COALESCE()");
        }
        Type type = common(args);
        Node[] values = args.stream().map(n -> as(type, n)).toArray(Node[]::new);
        return new Node(type, row -> {
            for (Node n : values) {
                Object v = n.value().of(row);
                if (v != null) {
                    return v;
                }
            }
            return null;
        });
    }

    private static Node nullIf(List<Node> args) {
        if (args.size() != 2) {
            throw new Unsupported("NULLIF with " + args.size() + " arguments");
        }
        Node value = args.get(0);
        Node other = args.get(1);
        // Two numbers or two texts (compare orders an integer against a double by value); the result has the first
        // argument's type, as DuckDB's NULLIF gives it.
        if (common(args) == Type.BOOLEAN) {
            throw new Unsupported("NULLIF of conditions");
        }
        return new Node(value.type(), row -> {
            Object x = value.value().of(row);
            Object y = other.value().of(row);
            return x != null && y != null && compare(x, y) == 0 ? null : x;
        });
    }

    /** LEAST or GREATEST over the values present, NULL when none is. */
    private static Node extreme(List<Node> args, boolean greatest) {
        if (args.isEmpty()) {
            throw new Unsupported("LEAST or GREATEST without arguments");
        }
        Type type = common(args);
        if (type == Type.BOOLEAN) {
            throw new Unsupported("LEAST or GREATEST of conditions");
        }
        Node[] values = args.stream().map(n -> as(type, n)).toArray(Node[]::new);
        return new Node(type, row -> {
            Object best = null;
            for (Node n : values) {
                Object v = n.value().of(row);
                if (v != null && (best == null || (greatest ? compare(v, best) > 0 : compare(v, best) < 0))) {
                    best = v;
                }
            }
            return best;
        });
    }

    /** The type DuckDB gives several values that must share one: integers with doubles become doubles. */
    private static Type common(List<Node> nodes) {
        Type type = Type.NULL;
        for (Node n : nodes) {
            Type t = n.type();
            if (t == Type.NULL || t == type) {
                continue;
            }
            if (type == Type.NULL) {
                type = t;
            } else if ((type == Type.INTEGER || type == Type.DOUBLE) && (t == Type.INTEGER || t == Type.DOUBLE)) {
                type = Type.DOUBLE;
            } else {
                throw new Unsupported("values of types " + type + " and " + t + " together");
            }
        }
        return type;
    }

    /** The node's values as {@code type} (an integer as a double; anything as the NULL type it already is). */
    private static Node as(Type type, Node node) {
        if (node.type() == type || node.type() == Type.NULL || type == Type.NULL) {
            return node.type() == Type.NULL ? new Node(type, node.value()) : node;
        }
        if (type == Type.DOUBLE && node.type() == Type.INTEGER) {
            Evaluation integer = node.value();
            return new Node(Type.DOUBLE, row -> {
                Object v = integer.of(row);
                return v == null ? null : (Object) ((Long) v).doubleValue();
            });
        }
        throw new Unsupported(node.type() + " as " + type);
    }

    private static Type typeOf(ColumnType type) {
        return switch (type) {
            case INTEGER -> Type.INTEGER;
            case DECIMAL -> Type.DOUBLE;
            case TEXT -> Type.TEXT;
        };
    }

    /**
     * A name as DuckDB matches it: quotes removed, case ignored (DuckDB's identifiers are case-insensitive, quoted
     * or not).
     */
    private static String key(String name) {
        String plain = name;
        if (plain.length() >= 2 && (plain.startsWith("\"") && plain.endsWith("\"")
                || plain.startsWith("`") && plain.endsWith("`"))) {
            char q = plain.charAt(0);
            plain = plain.substring(1, plain.length() - 1).replace(q + "" + q, String.valueOf(q));
        }
        return plain.toUpperCase(Locale.ROOT);
    }
}
