package fr.pretadepenser.scoring.portfolio;

import java.util.List;

/**
 * The training clients most similar to one client on the model's most important variables, and how often they
 * defaulted.
 *
 * @param clientId            the client compared
 * @param features            the feature columns the distance is measured on (standardised, missing values set to
 *                            the training median)
 * @param neighbors           the nearest training clients, nearest first (ties by id), never the client itself
 * @param neighborDefaultRate the share of them with TARGET = 1
 * @param overallDefaultRate  the share of all training clients with TARGET = 1
 */
public record Neighbors(long clientId, List<String> features, List<Neighbor> neighbors, double neighborDefaultRate,
                        double overallDefaultRate) {

    /** Copies the lists so that the result cannot change. */
    public Neighbors {
        features = List.copyOf(features);
        neighbors = List.copyOf(neighbors);
    }

    /**
     * One similar training client.
     *
     * @param clientId    its SK_ID_CURR
     * @param distance    the Euclidean distance in standard deviations
     * @param probability its probability of default from the stored features
     * @param outcome     its TARGET (1: payment difficulties)
     */
    public record Neighbor(long clientId, double distance, double probability, int outcome) {
    }
}
