package fr.pretadepenser.scoring.features;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The features of a manifest grouped by original variable (table and variable), in the order the variables first
 * appear: what explanations and importances add up, so that a person sees one "income type", not a dozen one-hot
 * columns.
 */
public final class VariableGroups {

    private final int[] groupOf;
    private final List<String> tables = new ArrayList<>();
    private final List<String> variables = new ArrayList<>();

    /** The groups of a manifest's features. */
    public VariableGroups(FeatureManifest manifest) {
        List<Feature> features = manifest.features();
        this.groupOf = new int[features.size()];
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int f = 0; f < features.size(); f++) {
            Feature feature = features.get(f);
            groupOf[f] = index.computeIfAbsent(feature.table() + "\u0000" + feature.variable(), key -> {
                tables.add(feature.table());
                variables.add(feature.variable());
                return tables.size() - 1;
            });
        }
    }

    /** How many original variables. */
    public int size() {
        return tables.size();
    }

    /** The source table of group {@code g}, e.g. {@code application}. */
    public String table(int g) {
        return tables.get(g);
    }

    /** The original variable of group {@code g}, e.g. {@code NAME_INCOME_TYPE}. */
    public String variable(int g) {
        return variables.get(g);
    }

    /** The group of the feature at {@code feature} in manifest order. */
    public int groupOf(int feature) {
        return groupOf[feature];
    }

    /** Per-feature values (one per feature, in manifest order; more are ignored) summed per group. */
    public double[] sum(float[] perFeature) {
        double[] summed = new double[size()];
        for (int f = 0; f < groupOf.length; f++) {
            summed[groupOf[f]] += perFeature[f];
        }
        return summed;
    }
}
