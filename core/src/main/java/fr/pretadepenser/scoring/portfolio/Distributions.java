package fr.pretadepenser.scoring.portfolio;

import fr.pretadepenser.scoring.data.InvalidFieldException;
import fr.pretadepenser.scoring.explain.Language;
import fr.pretadepenser.scoring.explain.VariableLabels;
import fr.pretadepenser.scoring.features.Dialect;
import fr.pretadepenser.scoring.features.DuckDbFeatureEngine;
import fr.pretadepenser.scoring.features.Feature;
import fr.pretadepenser.scoring.features.FeatureManifest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Histograms and scatter samples of the feature table, computed by DuckDB: a histogram once per feature and number
 * of bins (then kept), the client's place in it and a scatter sample on each call (scans of one or two columns).
 * A feature name is checked against the model's manifest before it is written into any SQL, so a caller's text
 * never reaches DuckDB as anything but a known column name.
 */
final class Distributions {

    static final int MAX_BINS = 100;
    static final int MAX_SAMPLE = 5_000;

    private static final String FEATURES = DuckDbFeatureEngine.FEATURE_TABLE;

    // Fibonacci hashing of the id (Knuth's multiplier; the id reduced first so that the product fits a BIGINT):
    // the same clients every call, spread evenly over the id range.
    private static final String SAMPLE_ORDER = "((SK_ID_CURR % 2147483648) * 2654435761) % 4294967296, SK_ID_CURR";

    // The feature table does not change while a directory is open, so a histogram stays true once computed; it
    // saves the percentile sort, most of a call's cost (about 50 ms at 356,000 clients, 8 ms once cached). Bounded:
    // features x bin counts asked for could otherwise grow without end.
    private static final int CACHED_HISTOGRAMS = 1_000;

    /** The part of a distribution that is the same for every client. */
    private record Histogram(List<Distribution.Bin> bins, long count, long missing, long trainCount) {
    }

    private final Map<String, Histogram> histograms = new ConcurrentHashMap<>();
    private final Map<String, Feature> features = new LinkedHashMap<>();
    private final VariableLabels labels;
    private final ClientScores scores;

    Distributions(FeatureManifest manifest, VariableLabels labels, ClientScores scores) {
        manifest.features().forEach(f -> features.put(f.name(), f));
        this.labels = labels;
        this.scores = scores;
    }

    /** The model's feature names, in manifest order. */
    List<String> names() {
        return List.copyOf(features.keySet());
    }

    /**
     * A feature's label; throws IllegalArgumentException naming {@code parameter} for a name that is not one of the
     * model's features.
     */
    FeatureLabel label(String name, String parameter) {
        Feature feature = name == null ? null : features.get(name);
        if (feature == null) {
            String text = name == null ? "" : name.toUpperCase(Locale.ROOT);
            List<String> like = features.keySet().stream()
                    .filter(f -> !text.isEmpty() && f.toUpperCase(Locale.ROOT).contains(text)).limit(5)
                    .toList();
            throw new InvalidFieldException(parameter, "no model feature named \"" + name + "\"; the "
                    + features.size() + " names are those of the model bundle's features.json (the feature table's"
                    + " columns), e.g. " + String.join(", ", like.isEmpty()
                    ? features.keySet().stream().limit(3).toList() : like));
        }
        return new FeatureLabel(feature.name(), feature.table(), feature.variable(),
                labels.unit(feature.table(), feature.variable()).name().toLowerCase(Locale.ROOT),
                labels.label(feature.table(), feature.variable(), Language.FR),
                labels.label(feature.table(), feature.variable(), Language.EN));
    }

    /** The histogram of a feature, with a client placed in it (see {@link Distribution}). */
    Distribution distribution(Connection connection, String name, OptionalLong clientId, int bins)
            throws SQLException {
        FeatureLabel label = label(name, "feature");
        if (bins < 1 || bins > MAX_BINS) {
            throw new InvalidFieldException("bins", "1 to " + MAX_BINS + " expected, got " + bins);
        }
        String x = Dialect.DUCKDB.identifier(label.feature());
        String key = label.feature() + "/" + bins;
        Histogram histogram = histograms.get(key);
        if (histogram == null) {
            histogram = histogram(connection, x, bins);
            if (histograms.size() < CACHED_HISTOGRAMS) {
                histograms.putIfAbsent(key, histogram);
            }
        }
        Distribution.ClientValue client = null;
        if (clientId.isPresent() && scores.indexOf(clientId.getAsLong()) >= 0) {
            Double value = values(connection, x, x, clientId.getAsLong())[0];
            client = new Distribution.ClientValue(clientId.getAsLong(), value,
                    value == null ? null : shareBelow(connection, x, value));
        }
        return new Distribution(label, histogram.bins(), histogram.count(), histogram.missing(),
                histogram.trainCount(), client);
    }

    /** A fixed sample of training clients on two features, with a client placed among them. */
    Scatter scatter(Connection connection, String nameX, String nameY, OptionalLong clientId, int sample)
            throws SQLException {
        FeatureLabel labelX = label(nameX, "featureX");
        FeatureLabel labelY = label(nameY, "featureY");
        if (sample < 1 || sample > MAX_SAMPLE) {
            throw new InvalidFieldException("sample", "1 to " + MAX_SAMPLE + " expected, got " + sample);
        }
        String x = Dialect.DUCKDB.identifier(labelX.feature());
        String y = Dialect.DUCKDB.identifier(labelY.feature());
        List<Scatter.Point> points = new ArrayList<>();
        try (PreparedStatement q = connection.prepareStatement("SELECT " + x + ", " + y + ", TARGET FROM " + FEATURES
                + " WHERE TARGET IS NOT NULL AND " + x + " IS NOT NULL AND " + y + " IS NOT NULL ORDER BY "
                + SAMPLE_ORDER + " LIMIT ?")) {
            q.setInt(1, sample);
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    points.add(new Scatter.Point(r.getDouble(1), r.getDouble(2), r.getInt(3)));
                }
            }
        }
        Scatter.ClientPoint client = null;
        if (clientId.isPresent() && scores.indexOf(clientId.getAsLong()) >= 0) {
            Double[] xy = values(connection, x, y, clientId.getAsLong());
            client = new Scatter.ClientPoint(clientId.getAsLong(), xy[0], xy[1]);
        }
        return new Scatter(labelX, labelY, points, client);
    }

    /** What a distribution says whoever the client: one query for the range and counts, one for the bins. */
    private static Histogram histogram(Connection connection, String x, int bins) throws SQLException {
        double low;
        double high;
        long count;
        long all;
        long train;
        try (PreparedStatement q = connection.prepareStatement("SELECT percentile_cont(0.01) WITHIN GROUP (ORDER BY "
                + x + "), percentile_cont(0.99) WITHIN GROUP (ORDER BY " + x + "), count(" + x + "), count(*),"
                + " sum(CASE WHEN TARGET IS NOT NULL AND " + x + " IS NOT NULL THEN 1 ELSE 0 END) FROM " + FEATURES);
             ResultSet r = q.executeQuery()) {
            r.next();
            low = r.getDouble(1);
            high = r.getDouble(2);
            count = r.getLong(3);
            all = r.getLong(4);
            train = r.getLong(5);
        }
        return new Histogram(count == 0 ? List.of() : bins(connection, x, low, high, bins), count, all - count,
                train);
    }

    private static List<Distribution.Bin> bins(Connection connection, String x, double low, double high, int bins)
            throws SQLException {
        // A feature (nearly) constant between its percentiles has one bin.
        int n = high > low ? bins : 1;
        double width = (high - low) / n;
        long[][] counts = new long[n][3];
        try (PreparedStatement q = connection.prepareStatement("SELECT bin, count(*),"
                + " sum(CASE WHEN TARGET = 1 THEN 1 ELSE 0 END), sum(CASE WHEN TARGET = 0 THEN 1 ELSE 0 END)"
                + " FROM (SELECT CASE WHEN " + x + " <= ? THEN 0 WHEN " + x + " >= ? THEN ? ELSE CAST(floor(("
                + x + " - ?) / ?) AS INTEGER) END AS bin, TARGET FROM " + FEATURES + " WHERE " + x
                + " IS NOT NULL) b GROUP BY bin")) {
            q.setDouble(1, low);
            q.setDouble(2, high);
            q.setInt(3, n - 1);
            q.setDouble(4, low);
            q.setDouble(5, width > 0 ? width : 1);
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    // Rounding can put a value just under the upper percentile into bin n: it belongs to the last.
                    int bin = Math.max(0, Math.min(n - 1, r.getInt(1)));
                    counts[bin][0] += r.getLong(2);
                    counts[bin][1] += r.getLong(3);
                    counts[bin][2] += r.getLong(4);
                }
            }
        }
        List<Distribution.Bin> result = new ArrayList<>(n);
        for (int b = 0; b < n; b++) {
            result.add(new Distribution.Bin(low + b * width, b == n - 1 ? high : low + (b + 1) * width,
                    counts[b][0], counts[b][1], counts[b][2]));
        }
        return result;
    }

    /** The share of training clients with a value lower than {@code value}, among those with a value. */
    private static Double shareBelow(Connection connection, String x, double value) throws SQLException {
        try (PreparedStatement q = connection.prepareStatement("SELECT sum(CASE WHEN " + x + " < ? THEN 1 ELSE 0 END),"
                + " count(" + x + ") FROM " + FEATURES + " WHERE TARGET IS NOT NULL")) {
            q.setDouble(1, value);
            try (ResultSet r = q.executeQuery()) {
                r.next();
                long below = r.getLong(1);
                long count = r.getLong(2);
                return count == 0 ? null : (double) below / count;
            }
        }
    }

    /** A client's values of two columns (the same twice for one), null when missing. */
    private static Double[] values(Connection connection, String x, String y, long clientId) throws SQLException {
        try (PreparedStatement q = connection.prepareStatement("SELECT " + x + ", " + y + " FROM " + FEATURES
                + " WHERE SK_ID_CURR = ?")) {
            q.setLong(1, clientId);
            try (ResultSet r = q.executeQuery()) {
                if (!r.next()) {
                    return new Double[]{null, null};
                }
                double a = r.getDouble(1);
                Double first = r.wasNull() ? null : a;
                double b = r.getDouble(2);
                return new Double[]{first, r.wasNull() ? null : b};
            }
        }
    }
}
