package fr.pretadepenser.scoring.explain;

/**
 * How much one original variable moved an application's score, in log-odds (positive: toward default).
 *
 * @param table    the source table, e.g. {@code application} or {@code bureau}
 * @param variable the original variable, e.g. {@code EXT_SOURCE_3} or {@code NAME_INCOME_TYPE}
 * @param value    the summed SHAP contribution of all its features
 */
public record Contribution(String table, String variable, double value) {
}
