package fr.pretadepenser.scoring.drift;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How far a batch of applications has drifted from a model bundle's training data; written as {@code drift.json}.
 *
 * @param modelVersion  the bundle compared with
 * @param createdAt     ISO-8601 UTC time of the comparison
 * @param current       the batch compared: the application file's name
 * @param rows          applications in the batch
 * @param withHistory   whether the batch came with credit history files (without them every history feature is
 *                      missing, which shows up as drift)
 * @param scorePsi      PSI of the batch's probabilities of default against the out-of-fold ones of training
 * @param scoreStatus   what that PSI says
 * @param scoreBins     the score's bins, training against batch
 * @param status        the worse of the score's status and those of the {@code importantTop} most important
 *                      variables: {@link DriftStatus#DRIFTED} is what a scheduler alerts on
 * @param importantTop  how many variables, by the model's importance, count as important
 * @param epsilon       the smallest share a bin counts with in PSI (empty bins)
 * @param variables     every original variable, most drifted weighted by importance first
 * @param categories    per text column, the batch's values that training never saw or the Kaggle files lack
 *                      (scored as none of the column's categories), most rows first
 */
public record DriftReport(String modelVersion, String createdAt, String current, int rows, boolean withHistory,
                          double scorePsi, DriftStatus scoreStatus, List<Bin> scoreBins, DriftStatus status,
                          int importantTop, double epsilon, List<VariableDrift> variables,
                          List<CategoryCount> categories) {

    /** Copies the lists so that a report cannot change. */
    public DriftReport {
        scoreBins = List.copyOf(scoreBins);
        variables = List.copyOf(variables);
        categories = categories == null ? List.of() : List.copyOf(categories);
    }

    /**
     * The values of one text column of the batch that the model scores as none of its categories.
     *
     * @param table   the column's table ({@code application} or a side table)
     * @param column  the column
     * @param unseen  rows whose value is a category of the Kaggle files that training never saw
     * @param unknown rows whose value is not a category of the Kaggle files
     * @param values  those values, each with its rows, most rows first
     */
    public record CategoryCount(String table, String column, long unseen, long unknown, Map<String, Long> values) {

        /** Copies the values, keeping their order. */
        public CategoryCount {
            values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }
    }

    /**
     * One bin of a distribution: its share of the training data and of the batch.
     *
     * @param label     {@code missing}, {@code <= 3.2}, {@code (3.2, 7.5]} or {@code > 7.5}
     * @param reference share of the training values
     * @param current   share of the batch's values
     */
    public record Bin(String label, double reference, double current) {
    }

    /**
     * The drift of one original variable, read on the feature of it that moved most.
     *
     * @param table         source table ({@code application}, {@code bureau}, ...)
     * @param variable      the original variable (or a derived quantity's name, such as {@code INCOME_CREDIT_PERC})
     * @param feature       its feature with the largest PSI, on which the test and the bins are read
     * @param features      how many features the model reads from it
     * @param psi           the largest PSI of its features (so that one category of a one-hot variable moving
     *                      is enough to flag the variable)
     * @param test          {@code ks} for a numeric variable, {@code chi-square} for a categorical one
     * @param statistic     the test's statistic on the feature's bins
     * @param pValue        its asymptotic p-value
     * @param importance    the variable's share of the model's mean |SHAP| (0 when the model does not use it)
     * @param important     whether it is among the report's most important variables
     * @param weightedDrift {@code psi x importance}: the sort key
     * @param status        what the PSI says
     * @param bins          the feature's bins (missing first), training against batch
     */
    public record VariableDrift(String table, String variable, String feature, int features, double psi,
                                String test, double statistic, double pValue, double importance, boolean important,
                                double weightedDrift, DriftStatus status, List<Bin> bins) {

        /** Copies the bins. */
        public VariableDrift {
            bins = List.copyOf(bins);
        }
    }
}
