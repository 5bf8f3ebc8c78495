package fr.pretadepenser.scoring.portfolio;

import fr.pretadepenser.scoring.features.Feature;
import fr.pretadepenser.scoring.features.FeatureMatrixReader;
import fr.pretadepenser.scoring.model.bundle.ModelBundle;
import fr.pretadepenser.scoring.model.bundle.VariableImportance;
import ml.dmlc.xgboost4j.java.XGBoostError;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * Every client as a short vector of the model's most important variables, standardised, for finding the training
 * clients most like one client. Brute force over the training clients: {@value #VARIABLES} values each, 3 million
 * operations and 3 to 8 ms per call at Kaggle size (the vectors of 356,000 clients take 28 MB).
 *
 * <p>The variables are the {@value #VARIABLES} first of the bundle's mean |SHAP| importance. A variable stands for
 * several feature columns (the aggregates of a side table, the one-hot columns of a category); it is represented by
 * the column of the same name when there is one (the application's numeric variables, e.g. EXT_SOURCE_3), else by
 * its column with the most total gain in the model (what the trees use it through, e.g. BURO_DAYS_CREDIT_MAX for
 * bureau DAYS_CREDIT). A missing value is set to the training median, then each column is centred and divided by
 * its training standard deviation, so that every variable weighs alike whatever its unit.
 */
final class NeighborIndex {

    /** How many of the model's most important variables the distance uses. */
    static final int VARIABLES = 10;

    private final ClientScores scores;
    private final List<String> columns;
    private final double[] values;
    private final int[] training;
    private final double overallDefaultRate;

    private NeighborIndex(ClientScores scores, List<String> columns, double[] values) {
        this.scores = scores;
        this.columns = List.copyOf(columns);
        this.values = values;
        this.training = java.util.stream.IntStream.range(0, scores.size()).filter(scores::isTrain).toArray();
        this.overallDefaultRate = training.length == 0 ? Double.NaN
                : Arrays.stream(training).map(scores::outcome).sum() / (double) training.length;
    }

    /** Reads the chosen columns of every client of {@code scores} and standardises them on the training clients. */
    static NeighborIndex load(Connection connection, ModelBundle bundle, ClientScores scores) throws SQLException {
        List<String> columns = columns(bundle);
        int width = columns.size();
        double[] values = new double[scores.size() * width];
        Arrays.fill(values, Double.NaN);
        try (FeatureMatrixReader reader = FeatureMatrixReader.open(connection, columns, "", "")) {
            while (reader.nextRow()) {
                int i = scores.indexOf(reader.client());
                for (int c = 0; c < width && i >= 0; c++) {
                    values[i * width + c] = reader.value(c);
                }
            }
        }
        NeighborIndex index = new NeighborIndex(scores, columns, values);
        index.standardise();
        return index;
    }

    /** The feature columns the distance is measured on. */
    List<String> columns() {
        return columns;
    }

    /** The {@code k} training clients nearest to a client, without the client; empty for an unknown client. */
    Optional<Neighbors> nearest(long clientId, int k) {
        int self = scores.indexOf(clientId);
        if (self < 0) {
            return Optional.empty();
        }
        int width = columns.size();
        // The k nearest so far, farthest on top (ties: the larger id on top, so that the smaller ids stay).
        Comparator<double[]> nearestFirst = Comparator.<double[]>comparingDouble(n -> n[0])
                .thenComparingLong(n -> scores.id((int) n[1]));
        PriorityQueue<double[]> kept = new PriorityQueue<>(k + 1, nearestFirst.reversed());
        for (int j : training) {
            if (j == self) {
                continue;
            }
            double sum = 0;
            for (int c = 0; c < width; c++) {
                double d = values[self * width + c] - values[j * width + c];
                sum += d * d;
            }
            if (kept.size() < k) {
                kept.add(new double[]{sum, j});
            } else {
                double[] farthest = kept.peek();
                if (sum < farthest[0] || sum == farthest[0] && scores.id(j) < scores.id((int) farthest[1])) {
                    kept.poll();
                    kept.add(new double[]{sum, j});
                }
            }
        }
        List<double[]> sorted = new ArrayList<>(kept);
        sorted.sort(nearestFirst);
        List<Neighbors.Neighbor> neighbors = new ArrayList<>(sorted.size());
        int defaults = 0;
        for (double[] n : sorted) {
            int j = (int) n[1];
            defaults += scores.outcome(j);
            neighbors.add(new Neighbors.Neighbor(scores.id(j), Math.sqrt(n[0]), scores.probability(j),
                    scores.outcome(j)));
        }
        double rate = neighbors.isEmpty() ? Double.NaN : (double) defaults / neighbors.size();
        return Optional.of(new Neighbors(clientId, columns, neighbors, rate, overallDefaultRate));
    }

    /** The feature column standing for each of the most important variables, most important first. */
    static List<String> columns(ModelBundle bundle) {
        List<String> names = bundle.features().featureNames();
        Map<String, Double> gain;
        try {
            gain = bundle.booster().getScore(names.toArray(String[]::new), "total_gain");
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost cannot give the gain of the model's features: "
                    + e.getMessage(), e);
        }
        List<String> chosen = new ArrayList<>();
        List<VariableImportance> importance = new ArrayList<>(bundle.manifest().shapImportance());
        importance.sort(Comparator.comparingDouble((VariableImportance c) -> -Math.abs(c.value())));
        for (VariableImportance variable : importance) {
            List<Feature> candidates = bundle.features().features().stream()
                    .filter(f -> f.table().equals(variable.table()) && f.variable().equals(variable.variable()))
                    .toList();
            Optional<String> column = candidates.stream().map(Feature::name)
                    .filter(n -> n.equals(variable.variable())).findFirst()
                    .or(() -> candidates.stream().map(Feature::name)
                            .max(Comparator.comparingDouble(n -> gain.getOrDefault(n, 0.0))));
            column.filter(c -> !chosen.contains(c)).ifPresent(chosen::add);
            if (chosen.size() == VARIABLES) {
                break;
            }
        }
        return chosen;
    }

    /** Imputes the training median and scales each column to mean 0, standard deviation 1 over training clients. */
    private void standardise() {
        int width = columns.size();
        for (int c = 0; c < width; c++) {
            final int column = c;
            double[] present = Arrays.stream(training).mapToDouble(i -> values[i * width + column])
                    .filter(v -> !Double.isNaN(v)).sorted().toArray();
            double median = present.length == 0 ? 0 : present.length % 2 == 1 ? present[present.length / 2]
                    : (present[present.length / 2 - 1] + present[present.length / 2]) / 2;
            for (int i = 0; i < scores.size(); i++) {
                if (Double.isNaN(values[i * width + c])) {
                    values[i * width + c] = median;
                }
            }
            double mean = Arrays.stream(training).mapToDouble(i -> values[i * width + column]).average().orElse(0);
            double variance = Arrays.stream(training).mapToDouble(i -> values[i * width + column] - mean)
                    .map(d -> d * d).average().orElse(0);
            // A constant column carries no distance: dividing by 1 keeps it at zero rather than dividing by zero.
            double sd = variance > 0 ? Math.sqrt(variance) : 1;
            for (int i = 0; i < scores.size(); i++) {
                values[i * width + c] = (values[i * width + c] - mean) / sd;
            }
        }
    }
}
