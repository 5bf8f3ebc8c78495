package fr.pretadepenser.scoring.portfolio;

import java.util.List;
import java.util.Map;

/**
 * The stored clients as a whole, under the served model: how their probabilities of default spread, how many the
 * threshold grants, how often the training clients defaulted, and both rates by segment.
 *
 * @param clients             clients scored (training and test)
 * @param threshold           the model's refusal threshold
 * @param bins                the probabilities in equal-width bins over [0, 1], each split by outcome
 * @param approvalRate        the share of all clients below the threshold
 * @param trainingClients     clients with a known outcome
 * @param defaultRate         the share of training clients with TARGET = 1
 * @param grantedDefaultRate  the share of granted training clients with TARGET = 1 (null when none is granted)
 * @param segments            by segment name ({@code incomeType}, {@code education}, {@code ageBand}): the groups,
 *                            largest first (age bands in age order)
 */
public record Portfolio(long clients, double threshold, List<Bin> bins, double approvalRate, long trainingClients,
                        double defaultRate, Double grantedDefaultRate, Map<String, List<Segment>> segments) {

    /** Copies the collections so that a portfolio cannot change. */
    public Portfolio {
        bins = List.copyOf(bins);
        segments = Map.copyOf(segments);
    }

    /**
     * One bin of probabilities, {@code [from, to)} (the last one closed).
     *
     * @param from          lower edge, in [0, 1]
     * @param to            upper edge
     * @param all           clients in it, training and test
     * @param defaulters    training clients in it with TARGET = 1
     * @param nonDefaulters training clients in it with TARGET = 0
     */
    public record Bin(double from, double to, long all, long defaulters, long nonDefaulters) {
    }

    /**
     * One group of clients sharing a value.
     *
     * @param value           the stored value (e.g. {@code Working}) or the age band (e.g. {@code 30-39}); {@code null}
     *                        groups clients whose value is missing
     * @param label           the value in the requested language (e.g. {@code Salarié}; an age band as itself), null
     *                        with the value
     * @param clients         clients in the group
     * @param approvalRate    the share of them below the threshold
     * @param trainingClients those with a known outcome
     * @param defaultRate     the share of those with TARGET = 1, null without training clients
     */
    public record Segment(String value, String label, long clients, double approvalRate, long trainingClients,
                          Double defaultRate) {
    }
}
