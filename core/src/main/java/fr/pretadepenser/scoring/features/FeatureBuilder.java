package fr.pretadepenser.scoring.features;

import fr.pretadepenser.scoring.data.ClientRecords;

/** Computes the feature vector of one application, in the order of the feature manifest. */
@FunctionalInterface
public interface FeatureBuilder {

    /**
     * The features of this client's application, in manifest order, {@link Double#NaN} where missing.
     *
     * @throws fr.pretadepenser.scoring.data.InvalidFieldException naming the field and the expected type for a raw value that does not fit
     *                                  the schema, or when the stored features are asked for an unknown client
     */
    double[] forClient(ClientRecords records);
}
