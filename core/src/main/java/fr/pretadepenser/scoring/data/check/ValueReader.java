package fr.pretadepenser.scoring.data.check;

import fr.pretadepenser.scoring.schema.ColumnType;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Reads one value of a request, as Jackson parsed it, as its column's type: a {@link Long} for an integer column,
 * a {@link Double} for a decimal one, a {@link String} for text, null for missing. Only the types a JSON parser
 * produces are read; a number sent as text ("12") is a wrong type, because guessing would hide a caller's bug.
 */
final class ValueReader {

    /** Largest size of a number: amounts beyond it are absurd, and they lose precision in float features. */
    private static final long LIMIT = 1_000_000_000_000_000L;
    static final BigDecimal MAX_SIZE = BigDecimal.valueOf(LIMIT);

    private ValueReader() {
    }

    /**
     * The value, or what is wrong with it.
     *
     * @param value   the value as its column stores it, or null when missing or wrong
     * @param problem null when the value is fine, else "expected ..., got ..."
     */
    record Reading(Object value, String problem) {

        static Reading of(Object value) {
            return new Reading(value, null);
        }

        static Reading wrong(String expected, Object raw) {
            return new Reading(null, "expected " + expected + ", got " + Shown.value(raw));
        }

        boolean ok() {
            return problem == null;
        }
    }

    /** Reads a raw value (null: missing) as {@code type}. */
    static Reading read(ColumnType type, Object raw) {
        // What a JSON parser gives most, read without the exact decimal of readExactly: the same answers, and a
        // tenth of a scoring request's checks (a history holds thousands of numbers). Missing values and text go
        // there too.
        if (type == ColumnType.TEXT) {
            return readExactly(type, raw);
        }
        if (raw instanceof Long || raw instanceof Integer) {
            long v = ((Number) raw).longValue();
            if (v >= -LIMIT && v <= LIMIT) {
                return Reading.of(type == ColumnType.DECIMAL ? (Object) (double) v : (Object) v);
            }
        }
        if (raw instanceof Double d && d >= -LIMIT && d <= LIMIT) {
            if (type == ColumnType.DECIMAL) {
                return Reading.of(d);
            }
            return d == Math.rint(d) ? Reading.of((long) (double) d) : Reading.wrong(type.expectation(), raw);
        }
        return readExactly(type, raw);
    }

    /** {@link #read} through the number's exact decimal value, for any number (and the fast paths' test). */
    static Reading readExactly(ColumnType type, Object raw) {
        if (raw == null) {
            return Reading.of(null);
        }
        if (type == ColumnType.TEXT) {
            return raw instanceof String ? Reading.of(raw) : Reading.wrong(type.expectation(), raw);
        }
        BigDecimal exact = exact(raw);
        if (exact == null) {
            boolean nonFinite = raw instanceof Double || raw instanceof Float;
            return Reading.wrong(nonFinite ? "a finite number" : type.expectation(), raw);
        }
        if (exact.abs().compareTo(MAX_SIZE) > 0) {
            return Reading.wrong("a number between -1e15 and 1e15", raw);
        }
        if (type == ColumnType.DECIMAL) {
            return Reading.of(raw instanceof Double d ? d : exact.doubleValue());
        }
        // A whole number may come with a decimal point (2.0), as the Kaggle files write integers with gaps.
        if (exact.signum() != 0 && exact.stripTrailingZeros().scale() > 0) {
            return Reading.wrong(type.expectation(), raw);
        }
        return Reading.of(exact.longValue());
    }

    /** The exact value of a JSON number; null for NaN, infinities and anything that is not a JSON number. */
    private static BigDecimal exact(Object raw) {
        if (raw instanceof Integer || raw instanceof Long || raw instanceof Short || raw instanceof Byte) {
            return BigDecimal.valueOf(((Number) raw).longValue());
        }
        if (raw instanceof Double || raw instanceof Float) {
            double d = ((Number) raw).doubleValue();
            return Double.isFinite(d) ? new BigDecimal(d) : null;
        }
        if (raw instanceof BigInteger n) {
            return new BigDecimal(n);
        }
        if (raw instanceof BigDecimal n) {
            return n;
        }
        return null;
    }
}
