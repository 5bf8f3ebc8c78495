package fr.pretadepenser.scoring.model;

import fr.pretadepenser.scoring.features.FeatureManifest;
import fr.pretadepenser.scoring.model.bundle.FeatureSelection;
import fr.pretadepenser.scoring.model.training.TrainingSet;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the training recipe reads, whichever engine holds the rows: the labelled applications (outcomes and
 * fairness groups, a few values each), their folds, and the feature rows brought to this machine for what needs a
 * matrix here (the logistic baseline, the scorecard, the drift references, the SHAP importance): all of them on one
 * machine, evenly spaced ones when a cluster holds more than fits.
 *
 * @param features    the feature manifest (its order is the model's column order)
 * @param clients     SK_ID_CURR of every labelled application, ascending
 * @param outcomes    their TARGET
 * @param folds       their cross-validation fold
 * @param groups      fairness groups by name (CODE_GENDER, age band), one value per application, in report order
 * @param sample      the feature rows on this machine, in client order
 * @param sampleFolds the fold of each sample row
 * @param sourceFiles SHA-256 of the inputs, recorded in the bundle
 * @param libraries   versions of what trains, recorded in the bundle
 * @param selection   how {@code features} were selected, or null when they are every feature
 */
public record TrainingInput(FeatureManifest features, long[] clients, int[] outcomes, int[] folds,
                            Map<String, String[]> groups, TrainingSet sample, int[] sampleFolds,
                            Map<String, String> sourceFiles, Map<String, String> libraries,
                            FeatureSelection selection) {

    /** The input of a model that reads every feature. */
    public TrainingInput(FeatureManifest features, long[] clients, int[] outcomes, int[] folds,
                         Map<String, String[]> groups, TrainingSet sample, int[] sampleFolds,
                         Map<String, String> sourceFiles, Map<String, String> libraries) {
        this(features, clients, outcomes, folds, groups, sample, sampleFolds, sourceFiles, libraries, null);
    }

    /** Checks that the per-application arrays agree. */
    public TrainingInput {
        if (outcomes.length != clients.length || folds.length != clients.length
                || sampleFolds.length != sample.rows()) {
            throw new IllegalArgumentException("training input sizes disagree: " + clients.length + " clients, "
                    + outcomes.length + " outcomes, " + folds.length + " folds, " + sample.rows() + " sample rows, "
                    + sampleFolds.length + " sample folds");
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
