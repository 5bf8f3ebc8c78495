package fr.pretadepenser.scoring.portfolio;

import java.util.List;

/**
 * A feature's distribution among clients, as a histogram split by outcome, with one client placed in it.
 *
 * @param feature    the feature and its label
 * @param bins       equal-width bins from the 1st to the 99th percentile of all non-missing values; values below
 *                   or above fall in the first or last bin; empty when every value is missing
 * @param count      clients with a value (training and test)
 * @param missing    clients without one
 * @param trainCount training clients with a value ({@code sum(defaulters + nonDefaulters)})
 * @param client     the client asked for, or null when none was asked for or the id is unknown
 */
public record Distribution(FeatureLabel feature, List<Bin> bins, long count, long missing, long trainCount,
                           ClientValue client) {

    /** Copies the bins so that a distribution cannot change. */
    public Distribution {
        bins = List.copyOf(bins);
    }

    /**
     * One bin, {@code [from, to)} (the last one closed).
     *
     * @param from          its lower edge
     * @param to            its upper edge
     * @param all           clients in it, training and test
     * @param defaulters    training clients in it with TARGET = 1
     * @param nonDefaulters training clients in it with TARGET = 0
     */
    public record Bin(double from, double to, long all, long defaulters, long nonDefaulters) {
    }

    /**
     * Where one client stands.
     *
     * @param clientId   SK_ID_CURR
     * @param value      the client's value, null when missing
     * @param percentile the share of training clients with a value lower than the client's, in [0, 1]; null when
     *                   the client's value is missing
     */
    public record ClientValue(long clientId, Double value, Double percentile) {
    }
}
