package fr.pretadepenser.scoring.features;

import fr.pretadepenser.scoring.schema.ColumnType;
import net.sf.jsqlparser.expression.BinaryExpression;
import net.sf.jsqlparser.expression.CaseExpression;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.DoubleValue;
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
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * SQL expressions compiled to Java evaluations that give, value for value, what DuckDB gives: the shared part of
 * {@link RowProjection} (one row's projection) and {@link HistoryQuery} (a side table's grouped file). It accepts only
 * what it evaluates exactly as DuckDB does: integer, decimal and string literals, columns, {@code + - * /}
 * ({@code /} in floating point, as DuckDB's), comparisons (NaN above every number, as in DuckDB),
 * {@code AND OR NOT}, {@code IS [NOT] NULL}, {@code CASE}, {@code COALESCE NULLIF LEAST GREATEST} (the last two skip
 * NULLs, as DuckDB's and Spark's do), {@code SQRT ABS} and casts to DOUBLE or BIGINT (a double rounded half to even,
 * as DuckDB rounds it). Types are checked when the file is compiled (integer, double, exact decimal, text, boolean),
 * so no row fails on a type. A decimal (DuckDB reads {@code 10000000.0} as an exact DECIMAL, {@code 1e300} as a
 * double) is computed exactly with integers and decimals and compared; mixed with a double or converted to one, it
 * is refused (DuckDB's conversion is not copied). Anything else ({@code POWER}, which DuckDB leaves to the C
 * library's {@code pow}, a unit in the last place off Java's now and then; an unknown function) throws
 * {@link Unsupported}, and the caller keeps DuckDB. Where DuckDB fails a row: a 64-bit integer overflow throws
 * {@link ArithmeticException} here too (integer literals, 32-bit in DuckDB, are added here in 64 bits without
 * failing); the square root of a negative number gives NaN.
 */
final class SqlExpressions {

    /** A value's SQL type, known when the file is compiled. NULL is the type of the NULL literal alone. */
    enum Type { INTEGER, DOUBLE, DECIMAL, TEXT, BOOLEAN, NULL }

    /** One compiled expression: its type, and its value for a row (Long, Double, BigDecimal, String, Boolean, null). */
    record Node(Type type, Evaluation value) {
    }

    /** An expression's value for one row. */
    @FunctionalInterface
    interface Evaluation {
        Object of(Object[] row);
    }

    /** Where an expression's names resolve: the columns of the rows it reads, and the functions the scope owns. */
    interface Scope {

        /**
         * The node reading a column.
         *
         * @throws Unsupported for an unknown or ambiguous column
         */
        Node column(net.sf.jsqlparser.schema.Column column);

        /** A function this scope evaluates itself (an aggregate over a group), or null for a scalar function. */
        default Node function(Function f) {
            return null;
        }
    }

    /** Thrown while compiling a file this class does not evaluate exactly; the caller keeps DuckDB. */
    static final class Unsupported extends RuntimeException {
        Unsupported(String what) {
            super(what, null, false, false);
        }
    }

    private SqlExpressions() {
    }

    static Node node(Expression e, Scope scope) {
        if (e instanceof Parenthesis p) {
            return node(p.getExpression(), scope);
        }
        if (e instanceof ParenthesedExpressionList<?> list && list.size() == 1) {
            return node(list.get(0), scope);
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
            return scope.column(column);
        }
        if (e instanceof DoubleValue d) {
            // DuckDB reads 10000000.0 as an exact DECIMAL, 1e300 as a DOUBLE.
            String text = d.toString();
            if (text.contains("e") || text.contains("E")) {
                Double value = Double.parseDouble(text);
                return new Node(Type.DOUBLE, row -> value);
            }
            BigDecimal value = new BigDecimal(text);
            return new Node(Type.DECIMAL, row -> value);
        }
        if (e instanceof SignedExpression signed) {
            Node operand = numeric(node(signed.getExpression(), scope));
            if (signed.getSign() == '+') {
                return operand;
            }
            if (signed.getSign() != '-') {
                throw new Unsupported("sign " + signed.getSign());
            }
            return new Node(operand.type(), row -> {
                Object v = operand.value().of(row);
                return v == null ? null : v instanceof Long l ? (Object) Math.negateExact(l)
                        : v instanceof BigDecimal d ? (Object) d.negate() : (Object) (-(Double) v);
            });
        }
        if (e instanceof Addition || e instanceof Subtraction || e instanceof Multiplication
                || e instanceof Division) {
            return arithmetic((BinaryExpression) e, scope);
        }
        if (e instanceof EqualsTo || e instanceof NotEqualsTo || e instanceof GreaterThan
                || e instanceof GreaterThanEquals || e instanceof MinorThan || e instanceof MinorThanEquals) {
            return comparison((BinaryExpression) e, scope);
        }
        if (e instanceof AndExpression || e instanceof OrExpression) {
            return logical((BinaryExpression) e, scope);
        }
        if (e instanceof NotExpression not) {
            Node operand = condition(node(not.getExpression(), scope));
            return new Node(Type.BOOLEAN, row -> {
                Object v = operand.value().of(row);
                return v == null ? null : !(Boolean) v;
            });
        }
        if (e instanceof IsNullExpression isNull && !isNull.isUseIsNull() && !isNull.isUseNotNull()) {
            Node operand = node(isNull.getLeftExpression(), scope);
            boolean not = isNull.isNot();
            return new Node(Type.BOOLEAN, row -> (operand.value().of(row) == null) != not);
        }
        if (e instanceof CaseExpression c) {
            return caseWhen(c, scope);
        }
        if (e instanceof CastExpression cast) {
            return cast(cast, scope);
        }
        if (e instanceof Function f) {
            return function(f, scope);
        }
        throw new Unsupported("expression " + e.getClass().getSimpleName() + ": " + e);
    }

    static Node numeric(Node node) {
        if (node.type() != Type.INTEGER && node.type() != Type.DOUBLE && node.type() != Type.DECIMAL
                && node.type() != Type.NULL) {
            throw new Unsupported("a number expected, got " + node.type());
        }
        return node;
    }

    static Node condition(Node node) {
        if (node.type() != Type.BOOLEAN && node.type() != Type.NULL) {
            throw new Unsupported("a condition expected, got " + node.type());
        }
        return node;
    }

    /** DuckDB's arithmetic: integers stay integers (overflow is an error), except {@code /}, always a double. */
    private static Node arithmetic(BinaryExpression e, Scope scope) {
        Node left = numeric(node(e.getLeftExpression(), scope));
        Node right = numeric(node(e.getRightExpression(), scope));
        boolean integers = left.type() != Type.DOUBLE && right.type() != Type.DOUBLE && !(e instanceof Division);
        char op = e instanceof Addition ? '+' : e instanceof Subtraction ? '-' : e instanceof Multiplication ? '*'
                : '/';
        if (left.type() == Type.DECIMAL || right.type() == Type.DECIMAL) {
            return decimal(left, right, op);
        }
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

    /** Exact decimal arithmetic with integers and decimals, as DuckDB's; with a double, or divided, refused. */
    private static Node decimal(Node left, Node right, char op) {
        if (op == '/' || left.type() == Type.DOUBLE || right.type() == Type.DOUBLE) {
            throw new Unsupported("a decimal divided or mixed with a double");
        }
        Node x = as(Type.DECIMAL, left);
        Node y = as(Type.DECIMAL, right);
        return new Node(Type.DECIMAL, row -> {
            BigDecimal a = (BigDecimal) x.value().of(row);
            BigDecimal b = (BigDecimal) y.value().of(row);
            if (a == null || b == null) {
                return null;
            }
            BigDecimal result = op == '+' ? a.add(b) : op == '-' ? a.subtract(b) : a.multiply(b);
            if (result.precision() > 38) {
                // DuckDB's widest decimal: it fails the row.
                throw new ArithmeticException("decimal out of range");
            }
            return result;
        });
    }

    private static Node comparison(BinaryExpression e, Scope scope) {
        Node left = node(e.getLeftExpression(), scope);
        Node right = node(e.getRightExpression(), scope);
        boolean text = left.type() == Type.TEXT || right.type() == Type.TEXT;
        if (text && (left.type() != Type.TEXT && left.type() != Type.NULL
                || right.type() != Type.TEXT && right.type() != Type.NULL)) {
            throw new Unsupported("text compared with a number: " + e);
        }
        if (!text) {
            numeric(left);
            numeric(right);
            if (left.type() == Type.DECIMAL && right.type() == Type.DOUBLE
                    || left.type() == Type.DOUBLE && right.type() == Type.DECIMAL) {
                throw new Unsupported("a decimal compared with a double: " + e);
            }
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
    static int compare(Object a, Object b) {
        if (a instanceof String s) {
            return s.compareTo((String) b);
        }
        if (a instanceof Long x && b instanceof Long y) {
            return Long.compare(x, y);
        }
        if (a instanceof BigDecimal || b instanceof BigDecimal) {
            return decimalOf(a).compareTo(decimalOf(b));
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

    private static BigDecimal decimalOf(Object value) {
        return value instanceof BigDecimal d ? d : BigDecimal.valueOf((Long) value);
    }

    /** Three-valued AND and OR. */
    private static Node logical(BinaryExpression e, Scope scope) {
        Node left = condition(node(e.getLeftExpression(), scope));
        Node right = condition(node(e.getRightExpression(), scope));
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

    private static Node caseWhen(CaseExpression c, Scope scope) {
        if (c.getSwitchExpression() != null) {
            throw new Unsupported("CASE x WHEN");
        }
        List<Node> conditions = new ArrayList<>();
        List<Node> results = new ArrayList<>();
        for (WhenClause when : c.getWhenClauses()) {
            conditions.add(condition(node(when.getWhenExpression(), scope)));
            results.add(node(when.getThenExpression(), scope));
        }
        Node otherwise = c.getElseExpression() == null ? new Node(Type.NULL, row -> null)
                : node(c.getElseExpression(), scope);
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

    private static Node cast(CastExpression cast, Scope scope) {
        if (!cast.isUseCastKeyword() || !"CAST".equalsIgnoreCase(cast.keyword)) {
            throw new Unsupported("a cast other than CAST(x AS T)");
        }
        Node operand = numeric(node(cast.getLeftExpression(), scope));
        String target = cast.getColDataType().getDataType().toUpperCase(Locale.ROOT);
        return switch (target) {
            case "DOUBLE", "FLOAT8", "DOUBLE PRECISION" -> as(Type.DOUBLE, operand);
            case "BIGINT", "INT8", "LONG" -> {
                if (operand.type() == Type.DECIMAL) {
                    throw new Unsupported("a decimal cast to an integer");
                }
                if (operand.type() == Type.DOUBLE) {
                    Evaluation real = operand.value();
                    yield new Node(Type.INTEGER, row -> {
                        Double v = (Double) real.of(row);
                        return v == null ? null : (Object) roundToLong(v);
                    });
                }
                yield new Node(Type.INTEGER, operand.value());
            }
            default -> throw new Unsupported("a cast to " + target);
        };
    }

    /** A SELECT, its parentheses removed; a WITH inside it or a set operation is refused. */
    static PlainSelect plain(Select select) {
        Select inner = select;
        while (inner instanceof ParenthesedSelect parenthesed) {
            inner = parenthesed.getSelect();
        }
        if (!(inner instanceof PlainSelect plain) || plain.getWithItemsList() != null) {
            throw new Unsupported("not a plain SELECT");
        }
        return plain;
    }

    /**
     * A double cast to BIGINT as DuckDB casts it: to the nearest integer, halves to the even one.
     *
     * @throws ArithmeticException for NaN, an infinity or a value out of range, which DuckDB fails
     */
    static long roundToLong(double v) {
        double rounded = Math.rint(v);
        if (!(rounded >= -0x1p63 && rounded < 0x1p63)) {
            throw new ArithmeticException("a double out of BIGINT's range");
        }
        return (long) rounded;
    }

    private static Node function(Function f, Scope scope) {
        Node owned = scope.function(f);
        if (owned != null) {
            return owned;
        }
        if (f.isDistinct() || f.isUnique() || f.isAllColumns() || f.getKeep() != null || f.getOrderByElements() != null
                || f.getNamedParameters() != null || f.getAttribute() != null || f.getMultipartName().size() != 1) {
            throw new Unsupported("function form: " + f);
        }
        List<Node> args = new ArrayList<>();
        ExpressionList<?> parameters = f.getParameters();
        if (parameters != null) {
            for (Expression parameter : parameters) {
                args.add(node(parameter, scope));
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
    static Type common(List<Node> nodes) {
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
            } else if ((type == Type.INTEGER || type == Type.DECIMAL) && (t == Type.INTEGER || t == Type.DECIMAL)) {
                type = Type.DECIMAL;
            } else {
                throw new Unsupported("values of types " + type + " and " + t + " together");
            }
        }
        return type;
    }

    /** The node's values as {@code type} (an integer as a double; anything as the NULL type it already is). */
    static Node as(Type type, Node node) {
        if (node.type() == type || node.type() == Type.NULL || type == Type.NULL) {
            return node.type() == Type.NULL ? new Node(type, node.value()) : node;
        }
        if (type == Type.DOUBLE && node.type() == Type.INTEGER) {
            Evaluation integer = node.value();
            return new Node(Type.DOUBLE, row -> {
                Object v = integer.of(row);
                return v == null ? null : (Object) toDouble((Long) v);
            });
        }
        if (type == Type.DECIMAL && node.type() == Type.INTEGER) {
            Evaluation integer = node.value();
            return new Node(Type.DECIMAL, row -> {
                Object v = integer.of(row);
                return v == null ? null : (Object) BigDecimal.valueOf((Long) v);
            });
        }
        throw new Unsupported(node.type() + " as " + type);
    }

    /**
     * An integer as a double, exactly: an integer past 2^53 may be one of DuckDB's 128-bit sums, whose conversion
     * (the low 64 bits rounded, then the sign's correction) is not copied.
     *
     * @throws ArithmeticException past 2^53 (the caller lets DuckDB compute it)
     */
    static double toDouble(long v) {
        if (Math.abs(v) > 1L << 53) {
            throw new ArithmeticException("an integer past 2^53 converted to a double");
        }
        return v;
    }

    static Type typeOf(ColumnType type) {
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
    static String key(String name) {
        String plain = name;
        if (plain.length() >= 2 && (plain.startsWith("\"") && plain.endsWith("\"")
                || plain.startsWith("`") && plain.endsWith("`"))) {
            char q = plain.charAt(0);
            plain = plain.substring(1, plain.length() - 1).replace(q + "" + q, String.valueOf(q));
        }
        return plain.toUpperCase(Locale.ROOT);
    }
}
