package fr.pretadepenser.scoring.features;

import fr.pretadepenser.scoring.features.SqlExpressions.Node;
import fr.pretadepenser.scoring.features.SqlExpressions.Type;
import fr.pretadepenser.scoring.features.SqlExpressions.Unsupported;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * DuckDB's aggregates as {@link HistoryQuery} evaluates them, state by state, with DuckDB's arithmetic where the
 * bits depend on it: doubles summed in row order from 0.0, integers summed exactly, an integer average divided in
 * x87 extended precision, Welford's variance updated as DuckDB writes it, the first of equal values kept.
 */
final class Aggregates {

    /** One group's running aggregate. */
    interface Aggregate {
        void add(Object[] row);

        Object result();
    }

    /** The aggregate functions this class evaluates. */
    static final Set<String> NAMES = Set.of("COUNT", "MIN", "MAX", "SUM", "AVG", "VAR_SAMP", "MAX_BY");

    /** An aggregate's result type and a maker of its per-group state. */
    record Made(Type type, Supplier<Aggregate> state) {
    }

    private Aggregates() {
    }

    /**
     * The aggregate {@code name} over its compiled arguments.
     *
     * @param star     {@code COUNT(*)}
     * @param distinct {@code COUNT(DISTINCT x)}
     * @throws Unsupported for an aggregate or an argument type this class does not evaluate as DuckDB does
     */
    static Made of(String name, List<Node> args, boolean star, boolean distinct) {
        if (name.equals("COUNT") && star) {
            return new Made(Type.INTEGER, () -> new Aggregate() {
                private long count;

                public void add(Object[] row) {
                    count++;
                }

                public Object result() {
                    return count;
                }
            });
        }
        if (star || distinct && !name.equals("COUNT")) {
            throw new Unsupported(name + " of * or DISTINCT");
        }
        if (name.equals("MAX_BY")) {
            if (args.size() != 2 || args.get(1).type() == Type.BOOLEAN) {
                throw new Unsupported("MAX_BY(value, order) with an orderable order");
            }
            return maxBy(args.get(0), args.get(1));
        }
        if (args.size() != 1) {
            throw new Unsupported(name + " with " + args.size() + " arguments");
        }
        Node arg = args.get(0);
        return switch (name) {
            case "COUNT" -> distinct ? countDistinct(arg) : count(arg);
            case "MIN", "MAX" -> extreme(arg, name.equals("MAX"));
            case "SUM" -> sum(SqlExpressions.numeric(arg));
            case "AVG" -> average(SqlExpressions.numeric(arg));
            default -> variance(SqlExpressions.as(Type.DOUBLE, SqlExpressions.numeric(arg)));
        };
    }

    private static Made count(Node arg) {
        return new Made(Type.INTEGER, () -> new Aggregate() {
            private long count;

            public void add(Object[] row) {
                if (arg.value().of(row) != null) {
                    count++;
                }
            }

            public Object result() {
                return count;
            }
        });
    }

    private static Made countDistinct(Node arg) {
        if (arg.type() == Type.BOOLEAN) {
            throw new Unsupported("COUNT(DISTINCT condition)");
        }
        return new Made(Type.INTEGER, () -> new Aggregate() {
            private final Set<Object> seen = new HashSet<>();

            public void add(Object[] row) {
                Object v = arg.value().of(row);
                if (v != null) {
                    seen.add(groupKey(v));
                }
            }

            public Object result() {
                return (long) seen.size();
            }
        });
    }

    /** MIN or MAX: the first of equal values is kept, NaN above every number, as in DuckDB. */
    private static Made extreme(Node arg, boolean max) {
        if (arg.type() == Type.BOOLEAN) {
            throw new Unsupported("MIN or MAX of a condition");
        }
        return new Made(arg.type(), () -> new Aggregate() {
            private Object best;

            public void add(Object[] row) {
                Object v = arg.value().of(row);
                if (v != null && (best == null || (max ? SqlExpressions.compare(v, best) > 0
                        : SqlExpressions.compare(v, best) < 0))) {
                    best = v;
                }
            }

            public Object result() {
                return best;
            }
        });
    }

    /** SUM: doubles added in row order from 0.0; integers exactly (DuckDB's 128-bit sum). */
    private static Made sum(Node arg) {
        boolean integers = summable(arg, "SUM");
        return new Made(integers ? Type.INTEGER : Type.DOUBLE, () -> new RunningSum(arg, integers) {
            public Object result() {
                return count == 0 ? null : integers ? (Object) integer : (Object) sum;
            }
        });
    }

    /** AVG: a double sum over the count; an integer sum divided as DuckDB's {@code long double}. */
    private static Made average(Node arg) {
        boolean integers = summable(arg, "AVG");
        return new Made(Type.DOUBLE, () -> new RunningSum(arg, integers) {
            public Object result() {
                return count == 0 ? null : integers ? (Object) extendedQuotient(integer, count)
                        : (Object) (sum / count);
            }
        });
    }

    /** Whether SUM or AVG adds integers (else doubles); a decimal is refused. */
    private static boolean summable(Node arg, String name) {
        if (arg.type() == Type.DECIMAL) {
            throw new Unsupported(name + " of a decimal");
        }
        return arg.type() != Type.DOUBLE;
    }

    /** The state SUM and AVG share: the values present, added as integers exactly or as doubles in row order. */
    private abstract static class RunningSum implements Aggregate {
        private final Node arg;
        private final boolean integers;
        long integer;
        double sum;
        long count;

        RunningSum(Node arg, boolean integers) {
            this.arg = arg;
            this.integers = integers;
        }

        @Override
        public void add(Object[] row) {
            Object v = arg.value().of(row);
            if (v != null) {
                count++;
                if (integers) {
                    integer = Math.addExact(integer, (Long) v);
                } else {
                    sum += (Double) v;
                }
            }
        }
    }

    /**
     * VAR_SAMP by Welford's updates, written as DuckDB writes them; NULL for fewer than two values; an infinite
     * or NaN result throws, as DuckDB fails it.
     */
    private static Made variance(Node arg) {
        return new Made(Type.DOUBLE, () -> new Aggregate() {
            private long count;
            private double mean;
            private double squares;

            public void add(Object[] row) {
                Double v = (Double) arg.value().of(row);
                if (v != null) {
                    double x = v;
                    count++;
                    double step = (x - mean) / count;
                    double next = mean + step;
                    squares = squares + (x - next) * (x - mean);
                    mean = next;
                }
            }

            public Object result() {
                if (count <= 1) {
                    return null;
                }
                double variance = squares / (count - 1);
                if (!Double.isFinite(variance)) {
                    // DuckDB fails the query: "VARSAMP is out of range!".
                    throw new ArithmeticException("VAR_SAMP out of range");
                }
                return variance;
            }
        });
    }

    /** MAX_BY: the value on the row of the greatest order, the first such row; rows with either NULL skipped. */
    private static Made maxBy(Node value, Node order) {
        return new Made(value.type(), () -> new Aggregate() {
            private Object best;
            private Object at;

            public void add(Object[] row) {
                Object v = value.value().of(row);
                Object o = order.value().of(row);
                if (v != null && o != null && (at == null || SqlExpressions.compare(o, at) > 0)) {
                    best = v;
                    at = o;
                }
            }

            public Object result() {
                return best;
            }
        });
    }

    /**
     * {@code sum / count} as x87 extended precision divides (the quotient rounded to 64 significant bits, to
     * nearest even) and then rounded to a double: DuckDB's integer average on x86-64, which a plain double
     * division misses by one unit in the last place when the first rounding lands on a tie of the second.
     */
    static double extendedQuotient(long sum, long count) {
        if (sum == 0) {
            return 0.0;
        }
        BigInteger numerator = BigInteger.valueOf(Math.abs(sum));
        BigInteger denominator = BigInteger.valueOf(count);
        // Enough bits that the integer quotient has at least 66: 64 kept, then the rounding bits.
        int shift = Math.max(0, 66 - numerator.bitLength() + denominator.bitLength());
        BigInteger[] division = numerator.shiftLeft(shift).divideAndRemainder(denominator);
        BigInteger quotient = division[0];
        boolean inexact = division[1].signum() != 0;
        int extra = quotient.bitLength() - 64;
        BigInteger kept = quotient.shiftRight(extra);
        BigInteger rest = quotient.subtract(kept.shiftLeft(extra));
        BigInteger half = BigInteger.ONE.shiftLeft(extra - 1);
        int c = rest.compareTo(half);
        if (c > 0 || c == 0 && (inexact || kept.testBit(0))) {
            kept = kept.add(BigInteger.ONE);
        }
        // BigInteger.doubleValue rounds to nearest even: the second rounding, to 53 bits.
        double value = Math.scalb(kept.doubleValue(), extra - shift);
        return sum < 0 ? -value : value;
    }

    /** A value as a group or partition key: DuckDB groups -0.0 with 0.0, and 2.0 with 2.00. */
    static Object groupKey(Object value) {
        if (value instanceof BigDecimal d) {
            return d.stripTrailingZeros();
        }
        return value instanceof Double d && d == 0.0 ? (Object) 0.0 : value;
    }
}
