package fr.pretadepenser.scoring.model.bundle;

/**
 * How much one original variable matters to the model over the training data.
 *
 * @param table    the source table, e.g. {@code application} or {@code bureau}
 * @param variable the original variable, e.g. {@code EXT_SOURCE_3}
 * @param value    its importance: mean |SHAP| in log-odds, or total gain, by list
 */
public record VariableImportance(String table, String variable, double value) {
}
