package fr.pretadepenser.scoring.model;

import fr.pretadepenser.scoring.features.FeatureManifest;
import fr.pretadepenser.scoring.model.bundle.FeatureSelection;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the training recipe reads besides the feature rows, whichever engine holds those ({@code FoldTrainer}): the
 * labelled applications (outcomes and fairness groups, a few values each), their folds, and what the bundle records.
 *
 * @param features    the feature manifest (its order is the model's column order)
 * @param clients     SK_ID_CURR of every labelled application, ascending
 * @param outcomes    their TARGET
 * @param folds       their cross-validation fold
 * @param groups      fairness groups by name (CODE_GENDER, age band), one value per application, in report order
 * @param sourceFiles SHA-256 of the inputs, recorded in the bundle
 * @param libraries   versions of what trains, recorded in the bundle
 * @param selection   how {@code features} were selected, or null when they are every feature
 */
public record TrainingInput(FeatureManifest features, long[] clients, int[] outcomes, int[] folds,
                            Map<String, String[]> groups, Map<String, String> sourceFiles,
                            Map<String, String> libraries, FeatureSelection selection) {

    /** The input of a model that reads every feature. */
    public TrainingInput(FeatureManifest features, long[] clients, int[] outcomes, int[] folds,
                         Map<String, String[]> groups, Map<String, String> sourceFiles,
                         Map<String, String> libraries) {
        this(features, clients, outcomes, folds, groups, sourceFiles, libraries, null);
    }

    /** Checks that the per-application arrays agree. */
    public TrainingInput {
        if (outcomes.length != clients.length || folds.length != clients.length) {
            throw new IllegalArgumentException("training input sizes disagree: " + clients.length + " clients, "
                    + outcomes.length + " outcomes, " + folds.length + " folds");
        }
        for (Map.Entry<String, String[]> group : groups.entrySet()) {
            if (group.getValue().length != clients.length) {
                throw new IllegalArgumentException(group.getKey() + ": " + group.getValue().length + " values for "
                        + clients.length + " clients");
            }
        }
        // Copies that keep the caller's order: the bundle lists them so, and its fingerprint hashes them so.
        groups = Collections.unmodifiableMap(new LinkedHashMap<>(groups));
        sourceFiles = Collections.unmodifiableMap(new LinkedHashMap<>(sourceFiles));
        libraries = Collections.unmodifiableMap(new LinkedHashMap<>(libraries));
    }

    /** Share of defaults. */
    public double defaultRate() {
        long defaults = 0;
        for (int o : outcomes) {
            defaults += o;
        }
        return (double) defaults / outcomes.length;
    }
}
