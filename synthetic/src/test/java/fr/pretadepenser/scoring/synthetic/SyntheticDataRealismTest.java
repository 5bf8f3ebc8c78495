package fr.pretadepenser.scoring.synthetic;

import fr.pretadepenser.scoring.progress.Progress;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import org.hipparchus.stat.correlation.PearsonsCorrelation;
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
        Set<Long> late = new HashSet<>();
        lateAndAllInstallments().forEach((client, counts) -> {
            if (counts[0] > 0) {
                late.add(client);
            }
        });
        assertClearlyRiskier(late, "late installment");
    }

    /** Per client, the installments paid after their due day and all the client's installments. */
    private static Map<Long, int[]> lateAndAllInstallments() {
        String t = HomeCreditSchema.INSTALLMENTS_PAYMENTS;
        int due = col(t, "DAYS_INSTALMENT");
        int paid = col(t, "DAYS_ENTRY_PAYMENT");
        Map<Long, int[]> lateAndAll = new HashMap<>();
        CsvRows.forEach(file(t), r -> {
            int[] counts = lateAndAll.computeIfAbsent(Long.parseLong(r.get(1)), k -> new int[2]);
            counts[0] += Double.parseDouble(r.get(paid)) > Double.parseDouble(r.get(due)) ? 1 : 0;
            counts[1]++;
        });
        return lateAndAll;
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

    /**
     * The application variables drive risk the way they drive it in genuine Home Credit data (default rates there:
     * clients under 32 about 11% against 5% from 54 on, region rating 3 about 11% against 5% for 1, under two
     * years employed about 11% against 5% for eight or more, pensioners about 5% against 10% for the working).
     */
    @Test
    void applicationRiskRunsAsInGenuineData() {
        String t = HomeCreditSchema.APPLICATION_TRAIN;
        int birth = col(t, "DAYS_BIRTH");
        int employed = col(t, "DAYS_EMPLOYED");
        int region = col(t, "REGION_RATING_CLIENT");
        int registration = col(t, "DAYS_REGISTRATION");
        int incomeType = col(t, "NAME_INCOME_TYPE");
        Map<String, int[]> groups = new HashMap<>();
        CsvRows.forEach(file(t), r -> {
            int target = TARGETS.get(Long.parseLong(r.get(0)));
            double age = -Double.parseDouble(r.get(birth)) / 365.25;
            count(groups, age < 32 ? "young" : age >= 54 ? "old" : "", target);
            count(groups, "region " + r.get(region), target);
            long e = Long.parseLong(r.get(employed));
            count(groups, e == 365_243 ? "" : e > -2 * 365 ? "employed briefly" : e <= -8 * 365 ? "employed long" : "",
                    target);
            double registered = -Double.parseDouble(r.get(registration)) / 365.25;
            count(groups, registered < 5 ? "registered recently" : registered >= 20 ? "registered long ago" : "",
                    target);
            count(groups, r.get(incomeType), target);
        });
        assertRateRatioAbove(groups, "young", "old", 1.5);
        assertRateRatioAbove(groups, "region 3", "region 1", 1.5);
        assertRateRatioAbove(groups, "employed briefly", "employed long", 1.5);
        assertRateRatioAbove(groups, "registered recently", "registered long ago", 1.3);
        assertRateRatioAbove(groups, "Working", "Pensioner", 1.2);
    }

    /** As in genuine data, the external scores tell more about TARGET than the late installments of the history. */
    @Test
    void externalScoresOutweighTheLateInstallments() {
        String t = HomeCreditSchema.APPLICATION_TRAIN;
        int[] ext = {col(t, "EXT_SOURCE_1"), col(t, "EXT_SOURCE_2"), col(t, "EXT_SOURCE_3")};
        Map<Long, Double> externalScore = new HashMap<>();
        CsvRows.forEach(file(t), r -> {
            double sum = 0;
            int present = 0;
            for (int c : ext) {
                if (!r.get(c).isEmpty()) {
                    sum += Double.parseDouble(r.get(c));
                    present++;
                }
            }
            if (present > 0) {
                externalScore.put(Long.parseLong(r.get(0)), sum / present);
            }
        });
        Map<Long, Double> lateShare = new HashMap<>();
        lateAndAllInstallments().forEach((client, counts) -> lateShare.put(client, (double) counts[0] / counts[1]));
        double external = correlationWithTarget(externalScore);
        double late = correlationWithTarget(lateShare);
        assertTrue(external < -0.15, "external score against TARGET " + external);
        assertTrue(late > 0.05 && late < -external,
                "late-installment share against TARGET " + late + ", external score " + external);
    }

    private static void count(Map<String, int[]> groups, String group, int target) {
        if (!group.isEmpty()) {
            int[] g = groups.computeIfAbsent(group, k -> new int[2]);
            g[0] += target;
            g[1]++;
        }
    }

    private static void assertRateRatioAbove(Map<String, int[]> groups, String riskier, String safer, double ratio) {
        int[] r = groups.get(riskier);
        int[] s = groups.get(safer);
        assertTrue(r[1] >= 200 && s[1] >= 200, "both groups need clients: " + riskier + " " + r[1] + ", " + safer
                + " " + s[1]);
        double rateRiskier = (double) r[0] / r[1];
        double rateSafer = (double) s[0] / s[1];
        assertTrue(rateRiskier > ratio * rateSafer,
                "default rate " + riskier + " " + rateRiskier + " vs " + safer + " " + rateSafer);
    }

    /** Pearson correlation of a per-client value with TARGET, over the training clients that have the value. */
    private static double correlationWithTarget(Map<Long, Double> values) {
        List<double[]> pairs = new ArrayList<>();
        TARGETS.forEach((client, target) -> {
            Double x = values.get(client);
            if (x != null) {
                pairs.add(new double[] {x, target});
            }
        });
        return new PearsonsCorrelation().correlation(pairs.stream().mapToDouble(p -> p[0]).toArray(),
                pairs.stream().mapToDouble(p -> p[1]).toArray());
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
