package fr.pretadepenser.scoring.explain;

import fr.pretadepenser.scoring.data.Vocabularies;
import fr.pretadepenser.scoring.features.FeatureManifest;
import fr.pretadepenser.scoring.model.bundle.FeatureReference;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns an explanation into sentences: the variables pushing toward default and those in the client's favour,
 * each with the client's value and where it stands among clients, e.g. "External score 3 is low (0.21; 85% of
 * clients are higher)". The percentile comes from the training distribution stored in the model bundle.
 */
public final class ReasonCodes {

    private final Map<String, Integer> position = new HashMap<>();
    private final Vocabularies vocabularies;
    private final Map<String, FeatureReference> percentiles = new HashMap<>();
    private final VariableLabels labels;

    /**
     * @param manifest   the model's features
     * @param references per feature name, its training distribution (from the bundle)
     * @param labels     the variables' human labels
     */
    public ReasonCodes(FeatureManifest manifest, Map<String, FeatureReference> references, VariableLabels labels) {
        this.vocabularies = manifest.vocabularies();
        List<String> names = manifest.featureNames();
        for (int i = 0; i < names.size(); i++) {
            position.put(names.get(i), i);
        }
        this.percentiles.putAll(references);
        this.labels = labels;
    }

    /** The top {@code count} factors toward default (positive contributions), largest first. */
    public List<ReasonCode> against(Explanation explanation, float[] row, Language language, int count) {
        return reasons(explanation, row, language, count, true);
    }

    /** The top {@code count} factors in the client's favour (negative contributions), largest first. */
    public List<ReasonCode> inFavour(Explanation explanation, float[] row, Language language, int count) {
        return reasons(explanation, row, language, count, false);
    }

    private List<ReasonCode> reasons(Explanation e, float[] row, Language language, int count, boolean toward) {
        List<ReasonCode> reasons = new ArrayList<>();
        for (int i : toward ? e.against(count) : e.inFavour(count)) {
            Contribution c = e.contributions().get(i);
            String driver = e.drivers().get(i);
            double value = row[position.get(driver)];
            reasons.add(new ReasonCode(c.table(), c.variable(), c.value(), sentence(c, driver, value, language)));
        }
        return reasons;
    }

    private String sentence(Contribution c, String driver, double value, Language language) {
        String label = labels.label(c.table(), c.variable(), language);
        boolean en = language == Language.EN;
        String code = category(c, driver);
        if (code != null && !Double.isNaN(value)) {
            String category = labels.category(c.table(), c.variable(), code, language);
            // A one-hot column: the sentence names the category rather than a 0/1 value.
            boolean is = value >= 0.5;
            if (c.table().equals("application")) {
                return en ? label + (is ? " is " : " is not ") + category
                        : label + (is ? " : " : " : autre que ") + category;
            }
            if (driver.endsWith("_MEAN")) {
                // The mean of a one-hot column over the client's rows: the share of that category.
                return en ? label + ": share of " + category + " " + percent(value, language)
                        : label + " : part « " + category + " » " + percent(value, language);
            }
        }
        if (Double.isNaN(value)) {
            return en ? label + " is not known" : label + " : non renseigné";
        }
        VariableLabels.Unit unit = labels.unit(c.table(), c.variable());
        String shown = format(value, unit, language);
        FeatureReference p = percentiles.get(driver);
        if (p == null) {
            return label + (en ? ": " : " : ") + shown;
        }
        // Days are negative counts before the application and are shown as durations: a larger (less negative)
        // value is a shorter duration, so "high" reads the other way round.
        double below = unit == VariableLabels.Unit.DAYS ? 1 - p.shareBelow(value) : p.shareBelow(value);
        boolean high = below >= 0.5;
        int others = (int) Math.round(100 * (high ? below : 1 - below));
        if (en) {
            return label + " is " + (high ? "high" : "low") + " (" + shown + "; " + others + "% of clients are "
                    + (high ? "lower" : "higher") + ")";
        }
        return label + " : valeur " + (high ? "élevée" : "faible") + " (" + shown + " ; " + others
                + " % des clients ont une valeur plus " + (high ? "basse" : "élevée") + ")";
    }

    /**
     * The category a one-hot driver stands for, or null: the application's columns are named
     * {@code VARIABLE_category}, the side tables' aggregates {@code PREFIX_VARIABLE_category_AGGREGATE}; the longest
     * matching category wins ("Cash" must not take "Cash X-Sell").
     */
    private String category(Contribution c, String driver) {
        List<String> categories = vocabularies.byColumn().get(c.table() + "." + c.variable());
        if (categories == null) {
            return null;
        }
        String best = null;
        for (String category : categories) {
            String tag = c.variable() + "_" + category;
            if ((driver.endsWith(tag) || driver.contains(tag + "_")) && (best == null
                    || category.length() > best.length())) {
                best = category;
            }
        }
        return best;
    }

    /** A value written with its unit: days as years, amounts with grouping, shares as percentages. */
    static String format(double value, VariableLabels.Unit unit, Language language) {
        return switch (unit) {
            case DAYS -> NumberText.format(Math.abs(value) / 365.25, "0.0", language)
                    + (language == Language.EN ? " years" : " ans");
            case AMOUNT -> NumberText.format(value, "#,##0", language);
            case SHARE -> percent(value, language);
            case COUNT -> NumberText.format(value, "#,##0.#", language);
            default -> NumberText.format(value, "0.00", language);
        };
    }

    private static String percent(double share, Language language) {
        return NumberText.format(100 * share, "0.0", language) + (language == Language.EN ? "%" : " %");
    }
}
