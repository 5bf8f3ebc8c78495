package fr.pretadepenser.scoring.portfolio;

/**
 * What a feature column means, for chart titles and axes.
 *
 * @param feature  the feature column, e.g. {@code BURO_DAYS_CREDIT_MEAN}
 * @param table    its source table, e.g. {@code bureau}
 * @param variable its original variable, e.g. {@code DAYS_CREDIT}
 * @param unit     how the original variable reads ({@code days}, {@code amount}, {@code share}, {@code score},
 *                 {@code count}, {@code category} or {@code number}); an aggregate keeps its variable's unit
 * @param fr       the variable's label in French
 * @param en       the variable's label in English
 */
public record FeatureLabel(String feature, String table, String variable, String unit, String fr, String en) {
}
