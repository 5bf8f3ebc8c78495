package fr.pretadepenser.scoring.data.check;

import fr.pretadepenser.scoring.data.ClientRecords;
import fr.pretadepenser.scoring.schema.Column;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static fr.pretadepenser.scoring.data.check.Requests.CHECK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Random requests, mutated from valid ones with the junk a JSON parser or a careless caller can produce: whatever
 * comes in, the check gives records or problems, never another exception. The seed is fixed, so a failure names
 * a round that replays.
 */
class ApplicationCheckFuzzTest {

    private static final long SEED = 20_250_601L;
    private static final int ROUNDS = 20_000;
    private static final List<String> TABLES = List.of("bureau", "bureau_balance", "previous_application",
            "POS_CASH_balance", "installments_payments", "credit_card_balance");
    private static final List<String> COLUMNS = columns();

    @Test
    void anyInputGivesRecordsOrProblemsNeverAnotherException() {
        SplittableRandom random = new SplittableRandom(SEED);
        int valid = 0;
        int invalid = 0;
        for (int round = 0; round < ROUNDS; round++) {
            Object application = mutated(random.nextBoolean() ? Requests.application()
                    : Requests.application(100002), random);
            Object history = random.nextInt(4) == 0 ? null : mutatedHistory(random);
            List<FieldProblem> problems = List.of();
            try {
                problems = CHECK.problems(application, history, "");
                ClientRecords records = CHECK.records(application, history);
                assertTrue(problems.isEmpty(), "round " + round + ": records despite " + problems);
                assertTrue(records.application().clientId() >= 0);
                valid++;
            } catch (InvalidApplicationException e) {
                assertFalse(e.problems().isEmpty());
                assertTrue(e.problems().size() <= Problems.KEPT + 1);
                assertEquals(problems, e.problems(), "round " + round);
                invalid++;
            } catch (RuntimeException | StackOverflowError e) {
                fail("round " + round + " threw " + e, e);
            }
        }
        // Both outcomes are common: the mutations are neither all fatal nor all harmless.
        assertTrue(valid > ROUNDS / 20, "valid: " + valid);
        assertTrue(invalid > ROUNDS / 2, "invalid: " + invalid);
    }

    /** The object with 0 to 3 random changes, or sometimes replaced by junk altogether. */
    @SuppressWarnings("unchecked")
    private static Object mutated(Map<String, Object> object, SplittableRandom random) {
        if (random.nextInt(40) == 0) {
            return junk(random, 0);
        }
        Map<Object, Object> map = random.nextInt(30) == 0 ? new HashMap<>() : (Map<Object, Object>) (Map<?, ?>) object;
        map.putAll(object);
        int changes = random.nextInt(4);
        for (int i = 0; i < changes; i++) {
            List<Object> keys = new ArrayList<>(map.keySet());
            switch (random.nextInt(5)) {
                case 0 -> map.put(key(random), junk(random, 0));
                case 1 -> map.put(COLUMNS.get(random.nextInt(COLUMNS.size())), plausible(random));
                case 2 -> {
                    if (!keys.isEmpty()) {
                        map.remove(keys.get(random.nextInt(keys.size())));
                    }
                }
                case 3 -> {
                    if (!keys.isEmpty()) {
                        map.put(keys.get(random.nextInt(keys.size())), junk(random, 0));
                    }
                }
                default -> map.put(key(random), plausible(random));
            }
        }
        return map;
    }

    private static Object mutatedHistory(SplittableRandom random) {
        Map<String, Object> history = Requests.history();
        if (random.nextInt(3000) == 0) {
            List<Object> many = new ArrayList<>();
            for (int i = 0; i < HistoryCheck.MAX_ROWS; i++) {
                many.add(Requests.row("SK_ID_BUREAU", 5714462, "MONTHS_BALANCE", -i % 97));
            }
            history.put("bureau_balance", many);
        }
        int changes = random.nextInt(4);
        for (int i = 0; i < changes; i++) {
            String table = TABLES.get(random.nextInt(TABLES.size()));
            if (!(history.get(table) instanceof List<?> list) || list.isEmpty() || random.nextInt(6) == 0) {
                history.put(random.nextBoolean() ? table : String.valueOf(key(random)), junk(random, 0));
                continue;
            }
            List<Object> rows = new ArrayList<>(list);
            history.put(table, rows);
            switch (random.nextInt(5)) {
                case 0 -> rows.add(junk(random, 0));
                case 1 -> rows.add(mutated(Requests.row("SK_ID_CURR", plausible(random)), random));
                case 2 -> rows.add(rows.get(random.nextInt(rows.size())));
                default -> {
                    if (rows.get(0) instanceof Map<?, ?> row) {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) row);
                        rows.set(0, mutated(copy, random));
                    }
                }
            }
        }
        return random.nextInt(50) == 0 ? new TreeMap<>(history) : history;
    }

    /** A key: a real column, a near miss, a strange string, or no string at all. */
    private static Object key(SplittableRandom random) {
        String column = COLUMNS.get(random.nextInt(COLUMNS.size()));
        return switch (random.nextInt(8)) {
            case 0 -> column.toLowerCase();
            case 1 -> column.substring(1);
            case 2 -> "TARGET";
            case 3 -> "";
            case 4 -> "K".repeat(random.nextInt(100_000));
            case 5 -> random.nextInt(100);
            case 6 -> null;
            default -> column;
        };
    }

    /** A value that might well be right for some column. */
    private static Object plausible(SplittableRandom random) {
        return switch (random.nextInt(7)) {
            case 0 -> random.nextInt(-30_000, 30_000);
            case 1 -> random.nextDouble(-1e6, 1e6);
            case 2 -> (double) random.nextInt(-5, 5);
            case 3 -> List.of("Y", "N", "F", "M", "Cash loans", "Working", "C", "Active", "0").get(random.nextInt(9));
            case 4 -> 365243;
            case 5 -> random.nextLong(1, 1_000_000_000L);
            default -> null;
        };
    }

    /** Anything a parser or a careless caller might hand over. */
    private static Object junk(SplittableRandom random, int depth) {
        return switch (random.nextInt(depth > 3 ? 22 : 26)) {
            case 0 -> null;
            case 1 -> random.nextInt();
            case 2 -> random.nextLong();
            case 3 -> random.nextDouble() * Math.pow(10, random.nextInt(-30, 30));
            case 4 -> List.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0,
                    Double.MIN_VALUE, Double.MAX_VALUE).get(random.nextInt(6));
            case 5 -> (float) random.nextDouble();
            case 6 -> (short) random.nextInt();
            case 7 -> (byte) random.nextInt();
            case 8 -> new BigInteger(random.nextInt(1, 5000), new java.util.Random(random.nextLong()));
            case 9 -> new BigDecimal(BigInteger.valueOf(random.nextLong()), random.nextInt());
            case 10 -> new BigDecimal("1E-" + random.nextInt(1, 400));
            case 11 -> random.nextBoolean();
            case 12 -> Long.toString(random.nextLong());
            case 13 -> "NaN";
            case 14 -> "";
            case 15 -> "x".repeat(random.nextInt(200_000));
            case 16 -> new String(Character.toChars(random.nextInt(0x10FFFF)));
            case 17 -> 'c';
            case 18 -> new Object();
            case 19 -> Long.MIN_VALUE;
            case 20 -> nested(random.nextInt(5_000));
            case 21 -> cyclic();
            case 22 -> Arrays.asList(junk(random, depth + 1), junk(random, depth + 1));
            case 23 -> {
                Map<Object, Object> map = new HashMap<>();
                map.put(key(random), junk(random, depth + 1));
                yield map;
            }
            case 24 -> new ArrayList<>(List.of(Requests.row("SK_ID_PREV", junk(random, depth + 1))));
            default -> Requests.row(COLUMNS.get(random.nextInt(COLUMNS.size())), junk(random, depth + 1));
        };
    }

    /** Objects nested that deep, as a parser allowing deep JSON would give them. */
    private static Object nested(int depth) {
        Object value = "deep";
        for (int i = 0; i < depth; i++) {
            value = i % 2 == 0 ? List.of(value) : Map.of("bureau", value);
        }
        return value;
    }

    /** A map that holds itself: no JSON parser makes one, but a caller might. */
    private static Object cyclic() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("AMT_CREDIT", map);
        return map;
    }

    private static List<String> columns() {
        List<String> names = new ArrayList<>();
        for (var table : HomeCreditSchema.load().tables()) {
            table.columns().stream().map(Column::name).filter(n -> !names.contains(n)).forEach(names::add);
        }
        return List.copyOf(names);
    }
}
