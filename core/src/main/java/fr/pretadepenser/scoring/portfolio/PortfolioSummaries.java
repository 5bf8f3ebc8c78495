package fr.pretadepenser.scoring.portfolio;

import fr.pretadepenser.scoring.explain.Language;
import fr.pretadepenser.scoring.explain.VariableLabels;
import fr.pretadepenser.scoring.model.evaluation.Fairness;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Computes {@link Portfolio}s from the in-memory scores and three segment columns read once from both application
 * tables (income type, education, age band: about 1 MB at Kaggle size). A portfolio is a scan of arrays, so it is
 * computed per call rather than cached: a different number of bins costs nothing more.
 */
final class PortfolioSummaries {

    static final String INCOME = "incomeType";
    static final String EDUCATION = "education";
    static final String AGE = "ageBand";

    // The application column behind each segment whose values are categories (age bands are computed, not stored).
    private static final Map<String, String> COLUMNS = Map.of(INCOME, "NAME_INCOME_TYPE", EDUCATION,
            "NAME_EDUCATION_TYPE");

    private final ClientScores scores;
    private final double threshold;
    private final Map<String, Segments> segments = new LinkedHashMap<>();

    private PortfolioSummaries(ClientScores scores, double threshold) {
        this.scores = scores;
        this.threshold = threshold;
        for (String name : List.of(INCOME, EDUCATION, AGE)) {
            segments.put(name, new Segments(scores.size()));
        }
    }

    /** Reads the segment columns for the clients of {@code scores}. */
    static PortfolioSummaries load(Connection connection, ClientScores scores, double threshold) throws SQLException {
        PortfolioSummaries summaries = new PortfolioSummaries(scores, threshold);
        scores.forEachApplication(connection, "NAME_INCOME_TYPE, NAME_EDUCATION_TYPE, DAYS_BIRTH", (i, r) -> {
            summaries.segments.get(INCOME).set(i, r.getString(2));
            summaries.segments.get(EDUCATION).set(i, r.getString(3));
            long days = r.getLong(4);
            summaries.segments.get(AGE).set(i, r.wasNull() ? null : Fairness.ageBand(days));
        });
        return summaries;
    }

    /** The portfolio with the probabilities in {@code binCount} equal-width bins, segments labelled in a language. */
    Portfolio portfolio(int binCount, Language language, VariableLabels labels) {
        int n = scores.size();
        long[][] bins = new long[binCount][3];
        long granted = 0;
        long train = 0;
        long defaults = 0;
        long grantedTrain = 0;
        long grantedDefaults = 0;
        for (int i = 0; i < n; i++) {
            double p = scores.probability(i);
            int b = Math.min(binCount - 1, (int) (p * binCount));
            bins[b][0]++;
            boolean ok = p < threshold;
            granted += ok ? 1 : 0;
            if (scores.isTrain(i)) {
                int outcome = scores.outcome(i);
                bins[b][outcome == 1 ? 1 : 2]++;
                train++;
                defaults += outcome;
                if (ok) {
                    grantedTrain++;
                    grantedDefaults += outcome;
                }
            }
        }
        List<Portfolio.Bin> binList = new ArrayList<>(binCount);
        for (int b = 0; b < binCount; b++) {
            binList.add(new Portfolio.Bin((double) b / binCount, (double) (b + 1) / binCount, bins[b][0], bins[b][1],
                    bins[b][2]));
        }
        Map<String, List<Portfolio.Segment>> groups = new HashMap<>();
        segments.forEach((name, s) -> groups.put(name, s.groups(name.equals(AGE), value -> value == null
                || !COLUMNS.containsKey(name) ? value
                : labels.category("application", COLUMNS.get(name), value, language))));
        return new Portfolio(n, threshold, binList, n == 0 ? 0 : (double) granted / n, train,
                train == 0 ? 0 : (double) defaults / train,
                grantedTrain == 0 ? null : (double) grantedDefaults / grantedTrain, groups);
    }

    /** One segment column, as codes into its values. */
    private final class Segments {

        private final List<String> values = new ArrayList<>();
        private final Map<String, Short> codes = new HashMap<>();
        private final short[] code;

        Segments(int n) {
            code = new short[n];
            java.util.Arrays.fill(code, (short) -1);
        }

        void set(int i, String value) {
            if (value != null) {
                code[i] = codes.computeIfAbsent(value, v -> {
                    values.add(v);
                    return (short) (values.size() - 1);
                });
            }
        }

        List<Portfolio.Segment> groups(boolean inValueOrder, UnaryOperator<String> label) {
            int g = values.size() + 1;
            long[][] counts = new long[g][4];
            for (int i = 0; i < code.length; i++) {
                int c = code[i] < 0 ? values.size() : code[i];
                counts[c][0]++;
                counts[c][1] += scores.probability(i) < threshold ? 1 : 0;
                if (scores.isTrain(i)) {
                    counts[c][2]++;
                    counts[c][3] += scores.outcome(i);
                }
            }
            List<Portfolio.Segment> result = new ArrayList<>();
            for (int c = 0; c < g; c++) {
                long[] k = counts[c];
                if (k[0] > 0) {
                    String value = c < values.size() ? values.get(c) : null;
                    result.add(new Portfolio.Segment(value, label.apply(value), k[0],
                            (double) k[1] / k[0], k[2], k[2] == 0 ? null : (double) k[3] / k[2]));
                }
            }
            // Age bands read best young to old ("<30" first, "60+" last); categories by size.
            Comparator<Portfolio.Segment> order = inValueOrder
                    ? Comparator.comparing((Portfolio.Segment s) -> s.value() == null ? "~" : s.value().replace("<", "0"))
                    : Comparator.comparingLong(Portfolio.Segment::clients).reversed();
            result.sort(order);
            return result;
        }
    }
}
