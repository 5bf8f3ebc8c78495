package fr.pretadepenser.scoring.synthetic;

import fr.pretadepenser.scoring.schema.Table;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Writes a client's previous Home Credit applications, and hands the approved ones to {@link RepaymentRows}.
 *
 * <p>Structural columns: the keys; NAME_CONTRACT_STATUS, refused more often for risky clients, with
 * CODE_REJECT_REASON = XAP unless refused (a rare reason the {@link CategoryCoverage} places waits for a refusal);
 * NAME_CONTRACT_TYPE, since revolving loans become credit cards; DAYS_DECISION
 * and CNT_PAYMENT, which date the repayment rows; DAYS_FIRST_DRAWING, DAYS_FIRST_DUE, DAYS_LAST_DUE_1ST_VERSION,
 * DAYS_LAST_DUE and DAYS_TERMINATION, empty unless approved and using Kaggle's 365243 for "not yet" as the real file
 * does; and the four amounts, drawn at one quantile so that a large application has a large credit and annuity.
 */
final class PreviousApplicationRows {

    private static final double REFUSED = 0.174;
    private static final double APPROVED_SHARE = 0.62;
    /** Approved applications take the oldest 85% of decision dates. */
    private static final double APPROVED_RANGE = 0.85;
    private static final double FIRST_DRAWING_UNKNOWN = 0.95;
    private static final byte[] XAP = "XAP".getBytes(StandardCharsets.UTF_8);
    private static final byte[] REFUSED_TEXT = "Refused".getBytes(StandardCharsets.UTF_8);

    private final SkewedQuantile approvedDecisions = new SkewedQuantile(APPROVED_SHARE, 0, APPROVED_RANGE);
    private final RowWriter row;
    private final RepaymentRows repayments;
    private final int prev, curr, type, status, reject, decision, payments, firstDrawing, firstDue, lastDueFirst,
            lastDue, termination;
    private final int[] amounts;
    private final int revolvingIndex, refusedIndex, approvedIndex, canceledIndex, xapIndex, zeroPayments;

    PreviousApplicationRows(Table table, MarginalProfile profile, RepaymentRows repayments) {
        row = new RowWriter(table, profile, table.name());
        this.repayments = repayments;
        prev = row.column("SK_ID_PREV");
        curr = row.column("SK_ID_CURR");
        type = row.column("NAME_CONTRACT_TYPE");
        status = row.column("NAME_CONTRACT_STATUS");
        reject = row.column("CODE_REJECT_REASON");
        decision = row.column("DAYS_DECISION");
        payments = row.column("CNT_PAYMENT");
        firstDrawing = row.column("DAYS_FIRST_DRAWING");
        firstDue = row.column("DAYS_FIRST_DUE");
        lastDueFirst = row.column("DAYS_LAST_DUE_1ST_VERSION");
        lastDue = row.column("DAYS_LAST_DUE");
        termination = row.column("DAYS_TERMINATION");
        amounts = new int[] {row.column("AMT_ANNUITY"), row.column("AMT_APPLICATION"), row.column("AMT_CREDIT"),
                row.column("AMT_GOODS_PRICE")};
        revolvingIndex = row.profile(type).categoryIndex("Revolving loans");
        refusedIndex = row.profile(status).categoryIndex("Refused");
        approvedIndex = row.profile(status).categoryIndex("Approved");
        canceledIndex = row.profile(status).categoryIndex("Canceled");
        xapIndex = row.profile(reject).categoryIndex("XAP");
        zeroPayments = row.profile(payments).categoryIndex("0.0");
    }

    /** The writer of previous_application. */
    RowWriter writer() {
        return row;
    }

    void writeHeader(CsvBuffer out) {
        row.writeHeader(out);
    }

    /** Writes the client's applications, numbered from {@code firstId}, and their repayment rows. */
    void write(long skIdCurr, long firstId, ClientSkeleton skeleton, ClientHistory history, SplittableRandom random,
               ChunkOutput out) {
        double refused = Math.min(0.95, REFUSED * Math.exp(0.7 * skeleton.risk() - 0.245));
        for (int k = 0; k < skeleton.previousApplications(); k++) {
            long prevId = firstId + k;
            row.setLong(prev, prevId);
            row.setLong(curr, skIdCurr);
            int contract = row.pick(type, random.nextDouble());
            row.setText(type, row.profile(type).value(contract));
            boolean revolving = contract == revolvingIndex;
            int state = row.takeDue(status);
            if (state < 0) {
                state = random.nextDouble() < refused ? refusedIndex
                        : row.profile(status).drawOtherThan(refusedIndex, random.nextDouble());
            }
            row.setText(status, state == refusedIndex ? REFUSED_TEXT : row.profile(status).value(state));
            row.setText(reject, state == refusedIndex
                    ? row.profile(reject).value(row.pickOtherThan(reject, xapIndex, random.nextDouble()))
                    : XAP);
            // Approved applications are older than refused or canceled ones: their credits have had time to run.
            long decided = Math.round(row.profile(decision).quantile(
                    approvedDecisions.draw(state == approvedIndex, random)));
            row.setLong(decision, decided);
            // One quantile for the four amounts, so that a large application has a large credit and annuity, and
            // its installments are large too.
            double size = random.nextDouble();
            for (int amount : amounts) {
                row.drawAt(amount, size);
            }
            history.previousApplications++;
            if (state == refusedIndex) {
                history.refusedApplications++;
            }
            if (state != approvedIndex) {
                if (state == canceledIndex) {
                    row.setEmpty(payments);
                }
                for (int c : new int[] {firstDrawing, firstDue, lastDueFirst, lastDue, termination}) {
                    row.setEmpty(c);
                }
                row.emit(out.previous(), random);
                continue;
            }
            int term = revolving ? 0 : (int) Double.parseDouble(new String(row.profile(payments).value(
                    row.profile(payments).drawOtherThan(zeroPayments, random.nextDouble())), StandardCharsets.UTF_8));
            row.setDecimal(payments, term, 1);
            long drawn = decided + 5 + random.nextInt(30);
            row.setDecimal(firstDrawing, random.nextDouble() < FIRST_DRAWING_UNKNOWN ? ColumnProfile.NO_DATE : drawn, 1);
            long due = decided + 20 + random.nextInt(30);
            if (revolving) {
                row.setDecimal(firstDue, random.nextDouble() < 0.5 ? ColumnProfile.NO_DATE : due, 1);
                row.setDecimal(lastDueFirst, ColumnProfile.NO_DATE, 1);
                row.setDecimal(lastDue, ColumnProfile.NO_DATE, 1);
                row.setDecimal(termination, ColumnProfile.NO_DATE, 1);
                row.emit(out.previous(), random);
                repayments.writeCard(prevId, skIdCurr, decided, skeleton, random, out);
                continue;
            }
            long plannedEnd = due + 30L * (term - 1);
            boolean finished = plannedEnd < 0;
            row.setDecimal(firstDue, due, 1);
            row.setDecimal(lastDueFirst, plannedEnd, 1);
            row.setDecimal(lastDue, finished ? plannedEnd : ColumnProfile.NO_DATE, 1);
            // A few days' delay after the last due date, but never after the application: the real files have no
            // termination in the future other than 365243.
            row.setDecimal(termination, finished ? Math.min(plannedEnd + random.nextInt(8), -1) : ColumnProfile.NO_DATE,
                    1);
            row.emit(out.previous(), random);
            repayments.writeInstalmentCredit(prevId, skIdCurr, due, term, size, skeleton, history, random,
                    out);
        }
    }
}
