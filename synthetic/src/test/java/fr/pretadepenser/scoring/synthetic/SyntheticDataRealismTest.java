package fr.pretadepenser.scoring.synthetic;

import fr.pretadepenser.scoring.progress.Progress;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Invariants of the generated values, and the signal the side tables carry about TARGET. */
class SyntheticDataRealismTest {

    private static final HomeCreditSchema SCHEMA = HomeCreditSchema.load();

    @TempDir
    static Path dir;
    /** TARGET per training client. */
    static final Map<Long, Integer> TARGETS = new HashMap<>();

    @BeforeAll
    static void generate() throws IOException {
        new SyntheticDataGenerator(new GeneratorSettings(5_000, 11)).generate(dir, Progress.SILENT);
        CsvRows.forEach(file(HomeCreditSchema.APPLICATION_TRAIN),
                r -> TARGETS.put(Long.parseLong(r.get(0)), Integer.parseInt(r.get(1))));
    }

    private static Path file(String table) {
        return dir.resolve(SCHEMA.table(table).file());
    }

    private static int col(String table, String column) {
        return SCHEMA.table(table).header().indexOf(column);
    }

    @Test
    void defaultRateIsAboutEightPercent() {
        double rate = TARGETS.values().stream().mapToInt(Integer::intValue).average().orElseThrow();
        assertTrue(rate >= 0.07 && rate <= 0.09, "default rate " + rate);
    }

    @Test
    void applicationValuesKeepRealInvariants() {
        String t = HomeCreditSchema.APPLICATION_TRAIN;
        int credit = col(t, "AMT_CREDIT");
        int annuity = col(t, "AMT_ANNUITY");
        int goods = col(t, "AMT_GOODS_PRICE");
        int birth = col(t, "DAYS_BIRTH");
        int employed = col(t, "DAYS_EMPLOYED");
        int organization = col(t, "ORGANIZATION_TYPE");
        int car = col(t, "FLAG_OWN_CAR");
        int carAge = col(t, "OWN_CAR_AGE");
        int ext1 = col(t, "EXT_SOURCE_1");
        int[] missingExt1 = {0};
        int[] pensioners = {0};
        CsvRows.forEach(file(t), r -> {
            double c = Double.parseDouble(r.get(credit));
            assertTrue(Double.parseDouble(r.get(annuity)) < c, "AMT_ANNUITY < AMT_CREDIT");
            assertTrue(Double.parseDouble(r.get(goods)) <= c, "AMT_GOODS_PRICE <= AMT_CREDIT");
            long b = Long.parseLong(r.get(birth));
            assertTrue(b >= -25_229 && b <= -7_489, "DAYS_BIRTH " + b);
            long e = Long.parseLong(r.get(employed));
            assertTrue(e < 0 || e == 365_243, "DAYS_EMPLOYED " + e);
            assertEquals(e == 365_243, r.get(organization).equals("XNA"), "ORGANIZATION_TYPE XNA iff not employed");
            assertEquals(r.get(car).equals("N"), r.get(carAge).isEmpty(), "OWN_CAR_AGE empty iff no car");
            if (r.get(ext1).isEmpty()) {
                missingExt1[0]++;
            }
            if (e == 365_243) {
                pensioners[0]++;
            }
        });
        double missing = missingExt1[0] / 5_000.0;
        assertTrue(missing >= 0.45 && missing <= 0.65, "EXT_SOURCE_1 missing share " + missing);
        double notEmployed = pensioners[0] / 5_000.0;
        assertTrue(notEmployed >= 0.14 && notEmployed <= 0.23, "DAYS_EMPLOYED 365243 share " + notEmployed);
    }

    @Test
    void contractStatusesSitWhereTheyHappenInACreditsMonths() {
        String t = HomeCreditSchema.POS_CASH_BALANCE;
        Map<Long, List<List<String>>> credits = monthsByCredit(t);
        int month = col(t, "MONTHS_BALANCE");
        int term = col(t, "CNT_INSTALMENT");
        int future = col(t, "CNT_INSTALMENT_FUTURE");
        int status = col(t, "NAME_CONTRACT_STATUS");
        int dpd = col(t, "SK_DPD");
        Set<String> seen = new HashSet<>();
        credits.values().forEach(months -> {
            months.sort(Comparator.comparingLong(r -> Long.parseLong(r.get(month))));
            for (int m = 0; m < months.size(); m++) {
                List<String> r = months.get(m);
                String s = r.get(status);
                seen.add(s);
                switch (s) {
                    case "Signed", "Approved" -> {
                        assertEquals(0, m, s + " on a credit's first month");
                        assertEquals(r.get(term), r.get(future), s + " before any installment is due");
                        assertEquals("0", r.get(dpd), s + " with nothing past due");
                    }
                    case "Canceled", "Returned to the store" -> assertEquals(1, months.size(), s + " ends the credit");
                    case "Demand", "Amortized debt" -> assertEquals(months.size() - 1, m, s + " on the last month");
                    case "Completed" -> assertEquals(0.0, Double.parseDouble(r.get(future)), "Completed: nothing left");
                    default -> { }
                }
            }
        });
        assertEquals(new TreeSet<>(SCHEMA.table(t).findColumn("NAME_CONTRACT_STATUS").orElseThrow().categories()),
                new TreeSet<>(seen));

        String c = HomeCreditSchema.CREDIT_CARD_BALANCE;
        int cardMonth = col(c, "MONTHS_BALANCE");
        int cardStatus = col(c, "NAME_CONTRACT_STATUS");
        int cardDpd = col(c, "SK_DPD");
        monthsByCredit(c).values().forEach(months -> {
            months.sort(Comparator.comparingLong(r -> Long.parseLong(r.get(cardMonth))));
            for (int m = 0; m < months.size(); m++) {
                String s = months.get(m).get(cardStatus);
                if (Set.of("Signed", "Approved", "Sent proposal", "Refused").contains(s)) {
                    assertEquals(0, m, s + " on a card's first month");
                    assertEquals("0", months.get(m).get(cardDpd), s + " with nothing past due");
                } else if (s.equals("Demand")) {
                    assertEquals(months.size() - 1, m, "Demand on a card's last month");
                }
            }
        });
    }

    private static Map<Long, List<List<String>>> monthsByCredit(String table) {
        Map<Long, List<List<String>>> credits = new HashMap<>();
        CsvRows.forEach(file(table),
                r -> credits.computeIfAbsent(Long.parseLong(r.get(0)), k -> new ArrayList<>()).add(r));
        return credits;
    }

    @Test
    void clientsWithLateInstallmentsDefaultMoreOften() {
        String t = HomeCreditSchema.INSTALLMENTS_PAYMENTS;
        int due = col(t, "DAYS_INSTALMENT");
        int paid = col(t, "DAYS_ENTRY_PAYMENT");
        Set<Long> late = new HashSet<>();
        CsvRows.forEach(file(t), r -> {
            if (Double.parseDouble(r.get(paid)) > Double.parseDouble(r.get(due))) {
                late.add(Long.parseLong(r.get(1)));
            }
        });
        assertClearlyRiskier(late, "late installment");
    }

    @Test
    void clientsWithRefusedApplicationsDefaultMoreOften() {
        String t = HomeCreditSchema.PREVIOUS_APPLICATION;
        int status = col(t, "NAME_CONTRACT_STATUS");
        Set<Long> refused = new HashSet<>();
        CsvRows.forEach(file(t), r -> {
            if (r.get(status).equals("Refused")) {
                refused.add(Long.parseLong(r.get(1)));
            }
        });
        assertClearlyRiskier(refused, "refused previous application");
    }

    @Test
    void clientsWithOverdueBureauCreditsDefaultMoreOften() {
        String t = HomeCreditSchema.BUREAU;
        int overdue = col(t, "AMT_CREDIT_SUM_OVERDUE");
        Set<Long> clients = new HashSet<>();
        CsvRows.forEach(file(t), r -> {
            if (!r.get(overdue).isEmpty() && Double.parseDouble(r.get(overdue)) > 0) {
                clients.add(Long.parseLong(r.get(0)));
            }
        });
        assertClearlyRiskier(clients, "bureau overdue");
    }

    private static void assertClearlyRiskier(Set<Long> flagged, String what) {
        int[] with = new int[2];
        int[] without = new int[2];
        TARGETS.forEach((client, target) -> {
            int[] group = flagged.contains(client) ? with : without;
            group[0] += target;
            group[1]++;
        });
        assertTrue(with[1] >= 30 && without[1] >= 30, "both groups need clients: " + List.of(with[1], without[1]));
        double rateWith = (double) with[0] / with[1];
        double rateWithout = (double) without[0] / without[1];
        assertTrue(rateWith > 1.5 * rateWithout,
                "default rate with " + what + " " + rateWith + " vs without " + rateWithout);
    }
}
