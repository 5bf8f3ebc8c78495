package fr.pretadepenser.scoring.synthetic;

import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The monthly NAME_CONTRACT_STATUS of one POS or credit card credit. Most months hold a base status (Active, or
 * Completed), decided by {@link RepaymentRows}. Every other status the column's profile lists is an event of the
 * credit, drawn once per credit so that the file's share of months in that status stays the profile's (a credit of m
 * months has it with probability share x m), and written where it happens:
 * <ul>
 *   <li>{@link Place#FIRST}: on the first month, before any payment is due (Signed, Approved; a card's Sent
 *       proposal or Refused);</li>
 *   <li>{@link Place#ONLY}: on the first month, which is then the credit's only month (Canceled, Returned to the
 *       store: the contract ends there);</li>
 *   <li>{@link Place#LAST}: on the last month, more often for risky clients (Demand, Amortized debt);</li>
 *   <li>{@link Place#ANY}: on one month in between (XNA, and any status the places do not name).</li>
 * </ul>
 * A credit carries at most one event of each kind (start, end, in between). Mutable: {@link #drawFor} sets the
 * events of the credit being written; one instance per thread.
 */
final class ContractStatuses {

    /** Where a status other than the base ones appears in a credit's months. */
    enum Place { FIRST, ONLY, LAST, ANY }

    private final ColumnProfile profile;
    private final Place[] place;
    private final boolean[] base;
    private final double[] share;
    private final int[] start;
    private final int[] end;
    private final int[] between;
    private final double baseShare;
    private int first = -1;
    private int last = -1;
    private int middle = -1;
    private int middleMonth = -1;

    /**
     * Statuses of a column whose base statuses the caller writes and whose other statuses go where {@code places}
     * says.
     *
     * @param profile    the column's profile: its categories and their shares of months
     * @param baseStatus the statuses the caller writes on the other months
     * @param places     where each event status goes; a status not named is {@link Place#ANY}
     */
    ContractStatuses(ColumnProfile profile, Set<String> baseStatus, Map<String, Place> places) {
        this.profile = profile;
        int n = profile.categoryCount();
        place = new Place[n];
        base = new boolean[n];
        share = new double[n];
        double bases = 0;
        for (int k = 0; k < n; k++) {
            String status = profile.category(k);
            base[k] = baseStatus.contains(status);
            place[k] = places.getOrDefault(status, Place.ANY);
            share[k] = profile.categoryShare(k);
            bases += base[k] ? share[k] : 0;
        }
        baseShare = bases;
        start = events(Place.FIRST, Place.ONLY);
        end = events(Place.LAST, Place.LAST);
        between = events(Place.ANY, Place.ANY);
    }

    private int[] events(Place one, Place other) {
        return IntStream.range(0, place.length)
                .filter(k -> !base[k] && (place[k] == one || place[k] == other)).toArray();
    }

    /** Index of a status in the profile, or -1. */
    int index(String status) {
        return profile.categoryIndex(status);
    }

    /** A base status drawn at {@code u}, by the base statuses' relative shares. */
    int drawBase(double u) {
        double target = u * baseShare;
        double sum = 0;
        int chosen = -1;
        for (int k = 0; k < base.length; k++) {
            if (base[k]) {
                chosen = k;
                sum += share[k];
                if (target < sum) {
                    break;
                }
            }
        }
        return chosen;
    }

    /**
     * Draws the events of a credit of {@code months} months whose client pays late {@code risk} times as often as
     * average; a {@code forced} status (a profile index, or -1) is then the credit's only event.
     */
    void drawFor(int months, double risk, int forced, SplittableRandom random) {
        first = -1;
        last = -1;
        middle = -1;
        if (forced >= 0) {
            switch (base[forced] ? Place.ANY : place[forced]) {
                case FIRST, ONLY -> first = forced;
                case LAST -> last = forced;
                case ANY -> middle = forced;
            }
        } else {
            first = draw(start, months, 1, random.nextDouble());
            last = draw(end, months, risk, random.nextDouble());
            middle = draw(between, months, 1, random.nextDouble());
        }
        middleMonth = middle >= 0 ? random.nextInt(months) : -1;
    }

    /** One of {@code events} with probability share x months x scale each (scaled down if they add up past 1). */
    private int draw(int[] events, int months, double scale, double u) {
        double total = 0;
        for (int k : events) {
            total += share[k] * months * scale;
        }
        double target = u * Math.max(1, total);
        double sum = 0;
        for (int k : events) {
            sum += share[k] * months * scale;
            if (target < sum) {
                return k;
            }
        }
        return -1;
    }

    /** The credit's months: 1 when its start event ends it, else {@code planned}. */
    int months(int planned) {
        return first >= 0 && place[first] == Place.ONLY ? 1 : planned;
    }

    /** The event status of month {@code month} (0 = the first) of a credit of {@code months} months, or -1. */
    int at(int month, int months) {
        if (month == 0 && first >= 0) {
            return first;
        }
        if (month == months - 1 && last >= 0) {
            return last;
        }
        return month == middleMonth ? middle : -1;
    }

    /** Whether status {@code k} is written before the credit starts (so that nothing can be past due yet). */
    boolean beforeStart(int k) {
        return !base[k] && (place[k] == Place.FIRST || place[k] == Place.ONLY);
    }

    /** The CSV bytes of status {@code k}. */
    byte[] value(int k) {
        return profile.value(k);
    }
}
