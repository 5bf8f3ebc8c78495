package fr.pretadepenser.scoring.synthetic;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CsvBufferTest {

    private static String decimal(double value, int decimals) {
        CsvBuffer buffer = new CsvBuffer(16);
        buffer.appendDecimal(value, decimals);
        return new String(buffer.array(), 0, buffer.size(), StandardCharsets.US_ASCII);
    }

    private static String integer(long value) {
        CsvBuffer buffer = new CsvBuffer(16);
        buffer.appendLong(value);
        return new String(buffer.array(), 0, buffer.size(), StandardCharsets.US_ASCII);
    }

    @Test
    void writesDecimalsAsPandasDoes() {
        assertEquals("202500.0", decimal(202500, 2));
        assertEquals("0.020246", decimal(0.020246, 6));
        assertEquals("-4165.0", decimal(-4165, 1));
        assertEquals("424.485", decimal(424.485, 3));
        assertEquals("0.5", decimal(0.5000001, 6));
        assertEquals("12345678.5", decimal(12345678.5, 1));
        assertEquals("365243.0", decimal(365243, 1));
        assertEquals("-0.25", decimal(-0.25, 2));
    }

    @Test
    void writesTinyMagnitudesAsZeroRatherThanInExponentForm() {
        assertEquals("0.0", decimal(0.00005, 6));
        assertEquals("0.0", decimal(-0.00001, 6));
    }

    @Test
    void writesIntegersPlainly() {
        assertEquals("0", integer(0));
        assertEquals("-16430", integer(-16430));
        assertEquals("456255", integer(456255));
    }

    @Test
    void writesNothingForMissingDecimal() {
        assertEquals("", decimal(Double.NaN, 2));
    }
}
