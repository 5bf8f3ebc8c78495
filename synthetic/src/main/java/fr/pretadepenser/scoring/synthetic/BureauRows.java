package fr.pretadepenser.scoring.synthetic;

import fr.pretadepenser.scoring.schema.Table;
import org.hipparchus.distribution.continuous.NormalDistribution;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes a client's Credit Bureau credits (bureau) and their monthly statuses (bureau_balance).
 *
 * <p>Structural columns: the keys; CREDIT_ACTIVE, which places active credits among the recent DAYS_CREDIT and
 * decides whether DAYS_ENDDATE_FACT is set (closed credits only, between DAYS_CREDIT and today, usually early in
 * that span as in the real file); DAYS_CREDIT_ENDDATE, kept after DAYS_CREDIT (positive for many active credits);
 * DAYS_CREDIT_UPDATE, days after the closing of a closed credit and recent for an active one; AMT_CREDIT_SUM and
 * AMT_CREDIT_SUM_DEBT, zero debt on closed credits and at most the credit on active ones; CREDIT_DAY_OVERDUE,
 * AMT_CREDIT_SUM_OVERDUE and AMT_CREDIT_MAX_OVERDUE, overdue more often for risky clients; and bureau_balance, one row
 * per month from the opening month to month 0, "C" after a closed credit's end, late statuses 1-5 more often for
 * risky clients, otherwise "0" or "X" (unknown). Other columns follow their real marginals.
 */
final class BureauRows {

    /** The standard normal of the Gaussian copulas: a correlated normal becomes a uniform, then a column's value. */
    private static final NormalDistribution NORMAL = new NormalDistribution();

    private static final double DAYS_PER_MONTH = 30.4375;
    /** Share of bureau credits with monthly statuses (the real file covers about half of them). */
    private static final double WITH_BALANCE = 0.403;
    private static final double UNKNOWN_STATUS = 0.33;
    private static final double LATE_MONTH = 0.024;
    private static final double OVERDUE_ACTIVE = 0.012;
    private static final byte[][] LATE = {bytes("1"), bytes("2"), bytes("3"), bytes("4"), bytes("5")};
    private static final double[] LATE_CUMULATIVE = {0.72, 0.80, 0.83, 0.85, 1.0};
    private static final byte[] CLOSED_STATUS = bytes("C");
    private static final byte[] ON_TIME = bytes("0");
    private static final byte[] UNKNOWN = bytes("X");

    private final RowWriter bureau;
    private final RowWriter balance;
    /** Active credits (about 37%) take the most recent 60% of opening dates. */
    private static final double ACTIVE_SHARE = 0.37;
    /** In the real file, debt is zero for closed credits, which make up the lowest 55% of AMT_CREDIT_SUM_DEBT. */
    private static final double ZERO_DEBT_QUANTILE = 0.55;

    private final SkewedQuantile recentActive = new SkewedQuantile(ACTIVE_SHARE, 0.4, 1);
    private final int curr, id, active, daysCredit, endDate, endFact, update, dayOverdue, sumOverdue, maxOverdue;
    private final int creditSum, debt;
    private final int closedIndex, activeIndex;
    private final int balanceId, balanceMonth, balanceStatus, closedStatusIndex;

    BureauRows(Table bureauTable, Table balanceTable, MarginalProfile profile) {
        bureau = new RowWriter(bureauTable, profile, bureauTable.name());
        balance = new RowWriter(balanceTable, profile, balanceTable.name());
        curr = bureau.column("SK_ID_CURR");
        id = bureau.column("SK_ID_BUREAU");
        active = bureau.column("CREDIT_ACTIVE");
        daysCredit = bureau.column("DAYS_CREDIT");
        endDate = bureau.column("DAYS_CREDIT_ENDDATE");
        endFact = bureau.column("DAYS_ENDDATE_FACT");
        update = bureau.column("DAYS_CREDIT_UPDATE");
        dayOverdue = bureau.column("CREDIT_DAY_OVERDUE");
        sumOverdue = bureau.column("AMT_CREDIT_SUM_OVERDUE");
        maxOverdue = bureau.column("AMT_CREDIT_MAX_OVERDUE");
        creditSum = bureau.column("AMT_CREDIT_SUM");
        debt = bureau.column("AMT_CREDIT_SUM_DEBT");
        closedIndex = bureau.profile(active).categoryIndex("Closed");
        activeIndex = bureau.profile(active).categoryIndex("Active");
        balanceId = balance.column("SK_ID_BUREAU");
        balanceMonth = balance.column("MONTHS_BALANCE");
        balanceStatus = balance.column("STATUS");
        closedStatusIndex = balance.profile(balanceStatus).categoryIndex("C");
    }

    /** The writers of bureau and bureau_balance. */
    List<RowWriter> writers() {
        return List.of(bureau, balance);
    }

    void writeHeaders(CsvBuffer bureauOut, CsvBuffer balanceOut) {
        bureau.writeHeader(bureauOut);
        balance.writeHeader(balanceOut);
    }

    /** Writes the client's credits, numbered from {@code firstId}, and counts what a lender would see. */
    void write(long skIdCurr, long firstId, ClientSkeleton skeleton, ClientHistory history, SplittableRandom random,
               CsvBuffer bureauOut, CsvBuffer balanceOut) {
        double z = skeleton.risk();
        double lateMonth = LATE_MONTH * Math.exp(1.0 * z - 0.5);
        double overdue = OVERDUE_ACTIVE * Math.exp(1.3 * z - 0.845);
        for (int k = 0; k < skeleton.bureauCredits(); k++) {
            long bureauId = firstId + k;
            bureau.setLong(curr, skIdCurr);
            bureau.setLong(id, bureauId);
            int state = bureau.pick(active, random.nextDouble());
            long closing;
            bureau.setText(active, bureau.profile(active).value(state));
            double openU = recentActive.draw(state == activeIndex, random);
            long opened = Math.round(bureau.profile(daysCredit).quantile(openU));
            bureau.setLong(daysCredit, opened);
            if (random.nextDouble() < bureau.profile(endDate).missingShare()) {
                bureau.setEmpty(endDate);
            } else {
                double laterZ = 0.7 * NORMAL.inverseCumulativeProbability(openU) + 0.714 * random.nextGaussian();
                double laterU = NORMAL.cumulativeProbability(laterZ);
                bureau.setDecimal(endDate, Math.max(opened,
                        Math.round(bureau.profile(endDate).quantile(laterU))), 1);
            }
            double size = random.nextDouble();
            double sum = bureau.profile(creditSum).quantile(size);
            bureau.drawAt(creditSum, size);
            long updated;
            if (state == closedIndex) {
                double fraction = random.nextDouble();
                long closedOn = Math.min(0, Math.round(opened - opened * fraction * fraction));
                bureau.setDecimal(endFact, closedOn, 1);
                updated = closedOn + (long) (-Math.log(1 - random.nextDouble()) * 60);
                closing = closedOn;
                if (random.nextDouble() >= bureau.profile(debt).missingShare()) {
                    bureau.setDecimal(debt, 0, 1);
                } else {
                    bureau.setEmpty(debt);
                }
            } else {
                bureau.setEmpty(endFact);
                updated = -Math.round(Math.exp(3.3 + 1.5 * random.nextGaussian()));
                closing = 1;
                if (state == activeIndex && random.nextDouble() >= bureau.profile(debt).missingShare()) {
                    double owed = bureau.profile(debt).quantile(ZERO_DEBT_QUANTILE + (1 - ZERO_DEBT_QUANTILE) * size);
                    bureau.setDecimal(debt, Math.min(owed, sum));
                }
            }
            bureau.setLong(update, Math.min(0, Math.max(opened, updated)));
            if (state == activeIndex && random.nextDouble() < overdue) {
                long days = 1 + (long) (-Math.log(1 - random.nextDouble()) * 30);
                double amount = ApplicationRows.round(Math.exp(8.5 + 1.2 * random.nextGaussian()), 2);
                bureau.setLong(dayOverdue, days);
                bureau.setDecimal(sumOverdue, amount, 2);
                bureau.setDecimal(maxOverdue, amount * (1 + random.nextDouble()), 2);
                history.overdueBureauCredits++;
            } else {
                bureau.setLong(dayOverdue, 0);
                bureau.setDecimal(sumOverdue, 0, 1);
            }
            bureau.emit(bureauOut, random);
            if (random.nextDouble() < WITH_BALANCE) {
                writeMonths(bureauId, opened, closing, lateMonth, history, random, balanceOut);
            }
        }
    }

    private void writeMonths(long bureauId, long opened, long closedOn, double lateMonth, ClientHistory history,
                             SplittableRandom random, CsvBuffer out) {
        long first = Math.max(-96, (long) Math.floor(opened / DAYS_PER_MONTH));
        long closedMonth = closedOn <= 0 ? (long) Math.floor(closedOn / DAYS_PER_MONTH) : 1;
        // Real files list the most recent month first.
        for (long month = 0; month >= first; month--) {
            balance.setLong(balanceId, bureauId);
            balance.setLong(balanceMonth, month);
            byte[] status;
            int due = balance.due(balanceStatus);
            if (due >= 0 && (due == closedStatusIndex) == (month > closedMonth)) {
                // A status the CategoryCoverage places: C only after the closing, the others before it.
                balance.placed(balanceStatus, due);
                status = balance.profile(balanceStatus).value(due);
                if (lateStatus(due)) {
                    history.lateBureauMonths++;
                }
            } else if (month > closedMonth) {
                status = CLOSED_STATUS;
            } else if (random.nextDouble() < lateMonth) {
                status = late(random.nextDouble());
                history.lateBureauMonths++;
            } else {
                status = random.nextDouble() < UNKNOWN_STATUS ? UNKNOWN : ON_TIME;
            }
            balance.setText(balanceStatus, status);
            balance.emit(out, random);
            history.bureauMonths++;
        }
    }

    /** Whether a bureau_balance status (a profile index) is 1 to 5 months late. */
    private boolean lateStatus(int status) {
        String text = balance.profile(balanceStatus).category(status);
        return text.length() == 1 && text.charAt(0) >= '1' && text.charAt(0) <= '5';
    }

    private static byte[] late(double u) {
        int i = 0;
        while (LATE_CUMULATIVE[i] < u) {
            i++;
        }
        return LATE[i];
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
