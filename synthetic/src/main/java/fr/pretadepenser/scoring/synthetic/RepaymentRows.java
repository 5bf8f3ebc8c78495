package fr.pretadepenser.scoring.synthetic;

import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import fr.pretadepenser.scoring.synthetic.ContractStatuses.Place;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Writes the monthly and payment history of an approved previous credit: POS_CASH_balance and
 * installments_payments for cash and consumer loans, credit_card_balance for revolving loans. Every row carries the
 * SK_ID_PREV and SK_ID_CURR of its previous application, and months and days follow that credit's first due date.
 *
 * <p>Structural columns: keys, MONTHS_BALANCE, CNT_INSTALMENT and CNT_INSTALMENT_FUTURE (the remaining term),
 * NUM_INSTALMENT_NUMBER, DAYS_INSTALMENT (monthly from the first due date), and the risk-driven ones: SK_DPD /
 * SK_DPD_DEF (days past due), DAYS_ENTRY_PAYMENT after DAYS_INSTALMENT for late payments, AMT_PAYMENT below
 * AMT_INSTALMENT for underpayments. NAME_CONTRACT_STATUS: a POS month is Active, or Completed once nothing is left; a
 * card month is Active or Completed by their real shares; every other status is an event of the credit placed by
 * {@link ContractStatuses} (Signed or Approved on the first month, Canceled or Returned to the store ending the
 * credit on its first month, Demand or Amortized debt on the last month of risky clients' credits), with no days past
 * due before the credit starts. A POS credit ended that way keeps its installments. AMT_INSTALMENT and
 * AMT_CREDIT_LIMIT_ACTUAL are drawn once per credit from their real marginals; other card amounts follow their
 * marginals month by month.
 */
final class RepaymentRows {

    private static final double DAYS_PER_MONTH = 30.4375;
    private static final double LATE_INSTALMENT = 0.07;
    private static final double UNDERPAID_INSTALMENT = 0.04;
    private static final double POS_PAST_DUE = 0.02;
    /** Share of cash and consumer credits with monthly POS snapshots (not all have them in the real files). */
    private static final double WITH_POS = 0.725;
    /** Share of approved revolving loans with monthly card balances (some cards are never activated). */
    private static final double WITH_CARD_MONTHS = 0.91;
    /** Share of installments paid in two parts, which the real file lists as two rows. */
    private static final double SPLIT_PAYMENT = 0.06;
    private static final byte[] ACTIVE = "Active".getBytes(StandardCharsets.UTF_8);
    private static final byte[] COMPLETED = "Completed".getBytes(StandardCharsets.UTF_8);

    private static final Set<String> BASE_STATUS = Set.of("Active", "Completed");
    private static final Map<String, Place> POS_EVENTS = Map.of("Signed", Place.FIRST, "Approved", Place.FIRST,
            "Canceled", Place.ONLY, "Returned to the store", Place.ONLY, "Demand", Place.LAST,
            "Amortized debt", Place.LAST);
    private static final Map<String, Place> CARD_EVENTS = Map.of("Signed", Place.FIRST, "Approved", Place.FIRST,
            "Sent proposal", Place.FIRST, "Refused", Place.FIRST, "Demand", Place.LAST);

    private final RowWriter pos;
    private final RowWriter instalments;
    private final RowWriter cards;
    private final int posPrev, posCurr, posMonth, posTerm, posFuture, posStatus, posDpd, posDpdDef;
    private final int inPrev, inCurr, inNumber, inDay, inEntry, inAmount, inPayment;
    private final int cardPrev, cardCurr, cardMonth, cardLimit, cardStatus, cardDpd, cardDpdDef;
    private final ContractStatuses posStatuses;
    private final ContractStatuses cardStatuses;

    RepaymentRows(HomeCreditSchema schema, MarginalProfile profile) {
        pos = new RowWriter(schema.table(HomeCreditSchema.POS_CASH_BALANCE), profile, HomeCreditSchema.POS_CASH_BALANCE);
        instalments = new RowWriter(schema.table(HomeCreditSchema.INSTALLMENTS_PAYMENTS), profile,
                HomeCreditSchema.INSTALLMENTS_PAYMENTS);
        cards = new RowWriter(schema.table(HomeCreditSchema.CREDIT_CARD_BALANCE), profile,
                HomeCreditSchema.CREDIT_CARD_BALANCE);
        posPrev = pos.column("SK_ID_PREV");
        posCurr = pos.column("SK_ID_CURR");
        posMonth = pos.column("MONTHS_BALANCE");
        posTerm = pos.column("CNT_INSTALMENT");
        posFuture = pos.column("CNT_INSTALMENT_FUTURE");
        posStatus = pos.column("NAME_CONTRACT_STATUS");
        posDpd = pos.column("SK_DPD");
        posDpdDef = pos.column("SK_DPD_DEF");
        inPrev = instalments.column("SK_ID_PREV");
        inCurr = instalments.column("SK_ID_CURR");
        inNumber = instalments.column("NUM_INSTALMENT_NUMBER");
        inDay = instalments.column("DAYS_INSTALMENT");
        inEntry = instalments.column("DAYS_ENTRY_PAYMENT");
        inAmount = instalments.column("AMT_INSTALMENT");
        inPayment = instalments.column("AMT_PAYMENT");
        cardPrev = cards.column("SK_ID_PREV");
        cardCurr = cards.column("SK_ID_CURR");
        cardMonth = cards.column("MONTHS_BALANCE");
        cardLimit = cards.column("AMT_CREDIT_LIMIT_ACTUAL");
        cardStatus = cards.column("NAME_CONTRACT_STATUS");
        cardDpd = cards.column("SK_DPD");
        cardDpdDef = cards.column("SK_DPD_DEF");
        posStatuses = new ContractStatuses(pos.profile(posStatus), BASE_STATUS, POS_EVENTS);
        cardStatuses = new ContractStatuses(cards.profile(cardStatus), BASE_STATUS, CARD_EVENTS);
    }

    /** The writers of POS_CASH_balance, installments_payments and credit_card_balance. */
    List<RowWriter> writers() {
        return List.of(pos, instalments, cards);
    }

    void writeHeaders(ChunkOutput out) {
        pos.writeHeader(out.pos());
        instalments.writeHeader(out.installments());
        cards.writeHeader(out.cards());
    }

    /**
     * POS months and installments of a cash or consumer loan whose first installment was due on {@code firstDue};
     * {@code size} is the quantile at which the credit's amounts were drawn, reused for AMT_INSTALMENT.
     */
    void writeInstalmentCredit(long prevId, long skIdCurr, long firstDue, int term, double size,
                               ClientSkeleton skeleton, ClientHistory history, SplittableRandom random,
                               ChunkOutput out) {
        double risk = riskFactor(skeleton.risk());
        if (random.nextDouble() < WITH_POS) {
            writePosMonths(prevId, skIdCurr, firstDue, term, risk, history, random, out.pos());
        }
        double late = Math.min(0.9, LATE_INSTALMENT * risk);
        double underpaid = Math.min(0.9, UNDERPAID_INSTALMENT * risk);
        double amount = ApplicationRows.round(instalments.profile(inAmount).quantile(size), 3);
        for (int number = 1; number <= term; number++) {
            long due = firstDue + 30L * (number - 1);
            if (due > -1) {
                break;
            }
            long paid;
            if (random.nextDouble() < late) {
                paid = due + 1 + exponential(random, 10);
                history.lateInstallments++;
            } else {
                paid = due - exponential(random, 7);
            }
            paid = Math.min(paid, -1);
            double remaining = amount;
            if (random.nextDouble() < SPLIT_PAYMENT) {
                // A first part paid a few days early; the remainder follows as its own row.
                double part = ApplicationRows.round(amount * (0.2 + 0.6 * random.nextDouble()), 3);
                writePayment(prevId, skIdCurr, number, due, paid - 1 - random.nextInt(10), amount, part, random, out);
                remaining = ApplicationRows.round(amount - part, 3);
            }
            if (random.nextDouble() < underpaid) {
                remaining = ApplicationRows.round(remaining * (0.05 + 0.9 * random.nextDouble()), 3);
                history.underpaidInstallments++;
            }
            writePayment(prevId, skIdCurr, number, due, paid, amount, remaining, random, out);
            history.installments++;
        }
    }

    /** Monthly POS snapshots from the month before the first due date until the term ends or last month. */
    private void writePosMonths(long prevId, long skIdCurr, long firstDue, int term, double risk,
                                ClientHistory history, SplittableRandom random, CsvBuffer out) {
        double pastDue = Math.min(0.9, POS_PAST_DUE * risk);
        long firstMonth = Math.max(-96, (long) Math.floor(firstDue / DAYS_PER_MONTH) - 1);
        long lastMonth = Math.min(-1, firstMonth + term);
        int planned = (int) Math.max(0, lastMonth - firstMonth + 1);
        if (planned == 0) {
            return;
        }
        posStatuses.drawFor(planned, risk, pos.takeDue(posStatus), random);
        int months = posStatuses.months(planned);
        for (int m = 0; m < months; m++) {
            long left = Math.max(0, term - m);
            pos.setLong(posPrev, prevId);
            pos.setLong(posCurr, skIdCurr);
            pos.setLong(posMonth, firstMonth + m);
            pos.setDecimal(posTerm, term, 1);
            pos.setDecimal(posFuture, left, 1);
            int event = posStatuses.at(m, months);
            pos.setText(posStatus, event >= 0 ? posStatuses.value(event) : left == 0 ? COMPLETED : ACTIVE);
            long dpd = event >= 0 && posStatuses.beforeStart(event) ? 0
                    : random.nextDouble() < pastDue ? 1 + exponential(random, 12) : 0;
            pos.setLong(posDpd, dpd);
            pos.setLong(posDpdDef, dpd > 5 ? dpd : 0);
            pos.emit(out, random);
            if (dpd > 0) {
                history.posMonthsPastDue++;
            }
        }
    }

    private void writePayment(long prevId, long skIdCurr, int number, long due, long paid, double amount,
                              double payment, SplittableRandom random, ChunkOutput out) {
        instalments.setLong(inPrev, prevId);
        instalments.setLong(inCurr, skIdCurr);
        instalments.setLong(inNumber, number);
        instalments.setDecimal(inDay, due, 1);
        instalments.setDecimal(inEntry, paid, 1);
        instalments.setDecimal(inAmount, amount, 3);
        instalments.setDecimal(inPayment, payment, 3);
        instalments.emit(out.installments(), random);
    }

    /**
     * How much more often than average a client with hidden risk {@code z} pays late: exp(1.2 z - 0.72), whose
     * mean over a standard-normal population is 1, so base rates stay the population's rates.
     */
    private static double riskFactor(double z) {
        return Math.exp(1.2 * z - 0.72);
    }

    /** Whole days from an exponential distribution of the given mean. */
    private static long exponential(SplittableRandom random, double mean) {
        return (long) (-Math.log(1 - random.nextDouble()) * mean);
    }

    /** Monthly balances of a credit card granted on {@code decided}, up to last month. */
    void writeCard(long prevId, long skIdCurr, long decided, ClientSkeleton skeleton,
                   SplittableRandom random, ChunkOutput out) {
        double risk = riskFactor(skeleton.risk());
        double pastDue = Math.min(0.9, POS_PAST_DUE * risk);
        double limit = cards.profile(cardLimit).quantile(random.nextDouble());
        long firstMonth = random.nextDouble() < WITH_CARD_MONTHS
                ? Math.max(-96, (long) Math.floor(decided / DAYS_PER_MONTH)) : 0;
        int planned = (int) Math.max(0, -firstMonth);
        if (planned == 0) {
            return;
        }
        cardStatuses.drawFor(planned, risk, cards.takeDue(cardStatus), random);
        int months = cardStatuses.months(planned);
        // Real files list the most recent month first.
        for (long month = firstMonth + months - 1; month >= firstMonth; month--) {
            cards.setLong(cardPrev, prevId);
            cards.setLong(cardCurr, skIdCurr);
            cards.setLong(cardMonth, month);
            cards.setLong(cardLimit, Math.round(limit));
            int event = cardStatuses.at((int) (month - firstMonth), months);
            int status = event >= 0 ? event : cardStatuses.drawBase(random.nextDouble());
            cards.setText(cardStatus, cardStatuses.value(status));
            long dpd = event >= 0 && cardStatuses.beforeStart(event) ? 0
                    : random.nextDouble() < pastDue ? 1 + exponential(random, 12) : 0;
            cards.setLong(cardDpd, dpd);
            cards.setLong(cardDpdDef, dpd > 5 ? dpd : 0);
            cards.emit(out.cards(), random);
        }
    }
}
