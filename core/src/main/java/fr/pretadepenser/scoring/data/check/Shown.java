package fr.pretadepenser.scoring.data.check;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * How a value or a name from a request appears in a problem message: short, and never the whole of a huge input
 * (a request may hold megabyte strings or thousand-digit numbers, and the message goes back to the caller and into
 * logs).
 */
final class Shown {

    /** Longest text quoted in a message; longer text is cut and its length given. */
    static final int MAX_TEXT = 60;

    private Shown() {
    }

    /** A request value as the caller recognises it: {@code 120}, {@code 1.5}, {@code text "12"}, {@code a list}. */
    static String value(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String s) {
            return "text \"" + cut(s) + "\"";
        }
        if (value instanceof Boolean b) {
            return "a boolean (" + b + ")";
        }
        if (value instanceof Map<?, ?>) {
            return "an object";
        }
        if (value instanceof List<?>) {
            return "a list";
        }
        if (value instanceof BigInteger n && n.bitLength() > 200) {
            // toString of a huge number costs more than the request deserves.
            return "a whole number of about " + (int) (n.bitLength() * Math.log10(2)) + " digits";
        }
        if (value instanceof BigDecimal n && n.precision() > 40) {
            return "a number of " + n.precision() + " digits";
        }
        if (value instanceof Number) {
            return cut(value.toString());
        }
        return "a " + value.getClass().getSimpleName();
    }

    /** A key of the request as it appears in a field path, cut if very long. */
    static String name(String name) {
        return cut(name);
    }

    /** A number of the rules as people write it: {@code 0}, {@code 1}, {@code -43830}, {@code 0.5}. */
    static String number(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : Double.toString(x);
    }

    private static String cut(String s) {
        return s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT) + "... (" + s.length() + " characters)";
    }
}
