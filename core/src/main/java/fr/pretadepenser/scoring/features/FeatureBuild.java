package fr.pretadepenser.scoring.features;

import java.util.List;

/**
 * The result of building the feature table: the manifest that describes it and what each stage did.
 *
 * @param manifest the feature manifest (vocabularies used, features in order)
 * @param rows     rows of the feature table (one per application, train and test)
 * @param stages   one entry per SQL file, in order, then the join and the lookup table
 */
public record FeatureBuild(FeatureManifest manifest, long rows, List<Stage> stages) {

    /** Copies the list so that a result cannot change. */
    public FeatureBuild {
        stages = List.copyOf(stages);
    }

    /**
     * One SQL file's run.
     *
     * @param file         the SQL file name (e.g. {@code bureau}), or {@code lookup} for the lookup table
     * @param features     features it contributes to the final table (0 for the join)
     * @param missingShare share of missing values among those features over all applications
     * @param seconds      wall time
     */
    public record Stage(String file, int features, double missingShare, double seconds) {
    }
}
