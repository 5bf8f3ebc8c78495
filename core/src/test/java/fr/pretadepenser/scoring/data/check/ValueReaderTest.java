package fr.pretadepenser.scoring.data.check;

import fr.pretadepenser.scoring.schema.ColumnType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ValueReaderTest {

    @Test
    void readsEveryNumberAsItsExactDecimalValueSays() {
        List<Object> values = new ArrayList<>(List.of(0, 1, -1, 7, Integer.MAX_VALUE, Integer.MIN_VALUE, 0L, 42L,
                -365243L, 1_000_000_000_000_000L, -1_000_000_000_000_000L, 1_000_000_000_000_001L,
                -1_000_000_000_000_001L, Long.MAX_VALUE, Long.MIN_VALUE, 0.0, -0.0, 2.0, -2.0, 2.5, -2.5, 0.1,
                1e15, -1e15, 1e15 + 0.125, Math.nextUp(1e15), Math.nextDown(-1e15), 999_999_999_999_999.9, 1e300,
                -1e-300, Double.MIN_VALUE, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                BigInteger.TEN.pow(20), new BigDecimal("12.50"), 3.0f, (short) 4, "12", true));
        for (int i = -3000; i <= 3000; i += 7) {
            values.add(i / 4.0);
            values.add((long) i * 333_333_333_333L);
        }
        int ok = 0;
        for (ColumnType type : ColumnType.values()) {
            for (Object raw : values) {
                ValueReader.Reading fast = ValueReader.read(type, raw);
                ValueReader.Reading exact = ValueReader.readExactly(type, raw);
                assertEquals(exact, fast, type + " " + raw + " (" + raw.getClass().getSimpleName() + ")");
                ok += fast.ok() ? 1 : 0;
            }
        }
        // Both accepted and refused values among them.
        assertTrue(ok > values.size() && ok < 3 * values.size(), ok + " accepted");
    }
}
