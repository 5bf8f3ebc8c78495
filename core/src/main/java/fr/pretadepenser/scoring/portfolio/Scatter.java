package fr.pretadepenser.scoring.portfolio;

import java.util.List;

/**
 * Two features against each other for a sample of training clients, with one client placed among them.
 *
 * @param x      the horizontal feature and its label
 * @param y      the vertical feature and its label
 * @param points up to the sample size asked for of training clients with both values, always the same ones for the
 *               same features and size (chosen by a hash of the client id), in that hash order
 * @param client the client asked for, or null when none was asked for or the id is unknown
 */
public record Scatter(FeatureLabel x, FeatureLabel y, List<Point> points, ClientPoint client) {

    /** Copies the points so that a scatter cannot change. */
    public Scatter {
        points = List.copyOf(points);
    }

    /**
     * One training client.
     *
     * @param x       its value of the horizontal feature
     * @param y       its value of the vertical feature
     * @param outcome its TARGET (1: payment difficulties)
     */
    public record Point(double x, double y, int outcome) {
    }

    /**
     * The client asked for.
     *
     * @param clientId SK_ID_CURR
     * @param x        its value of the horizontal feature, null when missing
     * @param y        its value of the vertical feature, null when missing
     */
    public record ClientPoint(long clientId, Double x, Double y) {
    }
}
