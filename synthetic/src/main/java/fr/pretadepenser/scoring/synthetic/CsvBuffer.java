package fr.pretadepenser.scoring.synthetic;

import java.util.Arrays;

/**
 * A growable byte buffer holding CSV rows of one table for one chunk of clients.
 *
 * <p>Numbers are formatted by hand because this is the hot path (tens of millions of rows): no String.format, no
 * boxing. Decimals are written as pandas writes a float64 (Python's shortest repr): every value is first rounded to
 * a fixed number of decimals (at most 6), and for such a value with under 16 significant digits the shortest
 * representation is the decimal itself with trailing zeros removed, keeping at least {@code .0}.
 */
final class CsvBuffer {

    private static final long[] POW10 = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000};

    private byte[] bytes;
    private int size;
    private long rows;

    CsvBuffer(int initialCapacity) {
        bytes = new byte[Math.max(64, initialCapacity)];
    }

    int size() {
        return size;
    }

    long rows() {
        return rows;
    }

    byte[] array() {
        return bytes;
    }

    void comma() {
        ensure(1);
        bytes[size++] = ',';
    }

    void endRow() {
        ensure(1);
        bytes[size++] = '\n';
        rows++;
    }

    /** Header lines are not data rows. */
    void endHeader() {
        ensure(1);
        bytes[size++] = '\n';
    }

    void append(byte[] text) {
        ensure(text.length);
        System.arraycopy(text, 0, bytes, size, text.length);
        size += text.length;
    }

    void appendLong(long value) {
        ensure(20);
        if (value < 0) {
            if (value == Long.MIN_VALUE) {
                throw new IllegalArgumentException("value out of range");
            }
            bytes[size++] = '-';
            value = -value;
        }
        if (value < 10) {
            bytes[size++] = (byte) ('0' + value);
            return;
        }
        int start = size;
        while (value > 0) {
            bytes[size++] = (byte) ('0' + value % 10);
            value /= 10;
        }
        reverse(start, size - 1);
    }

    /** Writes {@code value} rounded to {@code decimals} places the way pandas writes a float64; NaN writes nothing. */
    void appendDecimal(double value, int decimals) {
        if (Double.isNaN(value)) {
            return;
        }
        long scale = POW10[decimals];
        long scaled = Math.round(value * scale);
        // Python writes magnitudes below 1e-4 in exponent form; the generator never needs them, so they become 0.
        if (Math.abs(scaled) * 10_000 < scale) {
            scaled = 0;
        }
        if (scaled < 0) {
            ensure(1);
            bytes[size++] = '-';
            scaled = -scaled;
        }
        appendLong(scaled / scale);
        long fraction = scaled % scale;
        ensure(decimals + 2);
        bytes[size++] = '.';
        if (fraction == 0) {
            bytes[size++] = '0';
            return;
        }
        int digits = decimals;
        while (fraction % 10 == 0) {
            fraction /= 10;
            digits--;
        }
        int end = size + digits - 1;
        for (int i = end; i >= size; i--) {
            bytes[i] = (byte) ('0' + fraction % 10);
            fraction /= 10;
        }
        size = end + 1;
    }

    private void reverse(int from, int to) {
        while (from < to) {
            byte t = bytes[from];
            bytes[from++] = bytes[to];
            bytes[to--] = t;
        }
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
