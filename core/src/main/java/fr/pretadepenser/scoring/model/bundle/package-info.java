/**
 * The model bundle, {@code models/<version>/}: the model, its feature manifest, everything the training measured
 * ({@link fr.pretadepenser.scoring.model.bundle.BundleManifest}), the out-of-fold predictions and their checksums,
 * written atomically and checked when loaded.
 */
package fr.pretadepenser.scoring.model.bundle;
