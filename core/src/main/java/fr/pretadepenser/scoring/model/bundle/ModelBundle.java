package fr.pretadepenser.scoring.model.bundle;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import fr.pretadepenser.scoring.features.FeatureManifest;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.apache.commons.codec.digest.DigestUtils;
import org.apache.commons.io.FileUtils;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A versioned model bundle on disk, {@code models/<version>/}: the XGBoost model, the feature manifest, the bundle
 * manifest (threshold, costs, metrics, curves, search log, drift references, fingerprint), the out-of-fold
 * predictions, and the SHA-256 of each of them. {@code models/current} links to the bundle in use.
 *
 * <p>Written into a temporary folder and renamed, so a bundle is either whole or absent; loading checks every
 * checksum and that the model, the feature manifest and the bundle manifest agree on the feature count.
 *
 * @param directory the bundle's folder
 * @param booster   the model
 * @param features  its feature manifest
 * @param manifest  its bundle manifest
 */
public record ModelBundle(Path directory, Booster booster, FeatureManifest features, BundleManifest manifest) {

    /** The link to the bundle in use, beside the bundles. */
    public static final String CURRENT = "current";

    /** The XGBoost model, in XGBoost's universal binary JSON. */
    public static final String MODEL = "model.ubj";
    /** The feature manifest. */
    public static final String FEATURES = "features.json";
    /** The bundle manifest. */
    public static final String BUNDLE = "bundle.json";
    /** The out-of-fold probability of every training application. */
    public static final String OUT_OF_FOLD = "out-of-fold.csv";
    /** The SHA-256 of each of the files above. */
    public static final String CHECKSUMS = "checksums.sha256";

    private static final Pattern CHECKSUM_LINE = Pattern.compile("([0-9a-f]{64})  (\\S.*)");

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Writes a trained model as {@code models/<version>/} and points {@code models/current} at it. */
    public static Path write(TrainedModel model, Path models) throws IOException, XGBoostError {
        Files.createDirectories(models);
        Path target = models.resolve(model.manifest().version());
        Path temporary = models.resolve("." + model.manifest().version() + ".partial");
        FileUtils.deleteDirectory(temporary.toFile());
        Files.createDirectories(temporary);
        try {
            Map<String, byte[]> files = new LinkedHashMap<>();
            files.put(MODEL, model.booster().toByteArray("ubj"));
            files.put(FEATURES, model.features().toJson().getBytes(StandardCharsets.UTF_8));
            files.put(BUNDLE, JSON.writeValueAsBytes(model.manifest()));
            files.put(OUT_OF_FOLD, outOfFold(model).getBytes(StandardCharsets.UTF_8));
            StringBuilder sums = new StringBuilder();
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                Files.write(temporary.resolve(file.getKey()), file.getValue());
                sums.append(DigestUtils.sha256Hex(file.getValue())).append("  ").append(file.getKey()).append('\n');
            }
            Files.writeString(temporary.resolve(CHECKSUMS), sums);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            FileUtils.deleteDirectory(temporary.toFile());
        }
        pointCurrentAt(models, model.manifest().version());
        return target;
    }

    /**
     * Points {@code models/current} at the bundle {@code models/<version>}, in one rename: a reader sees the old
     * link or the new one, never none. Servers started on {@code models/current} follow it.
     */
    public static void pointCurrentAt(Path models, String version) throws IOException {
        // A name of this process and thread: two servers switching at once must not take each other's link.
        Path link = models.resolve("." + CURRENT + "." + ProcessHandle.current().pid() + "-"
                + Thread.currentThread().getId() + ".partial");
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, Path.of(version));
        Files.move(link, models.resolve(CURRENT), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Loads and checks a bundle (a bundle folder, or {@code models/current}). */
    public static ModelBundle load(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new BundleIntegrityException("no model bundle at " + directory + "; run 'scoring train' first");
        }
        try {
            Path sums = directory.resolve(CHECKSUMS);
            if (!Files.isRegularFile(sums)) {
                throw new BundleIntegrityException(sums + " is missing: not a complete model bundle");
            }
            Map<String, String> expected = checksums(sums);
            for (String name : List.of(MODEL, FEATURES, BUNDLE, OUT_OF_FOLD)) {
                Path file = directory.resolve(name);
                if (!Files.isRegularFile(file)) {
                    throw new BundleIntegrityException(file + " is missing from the model bundle");
                }
                if (!expected.containsKey(name)) {
                    throw new BundleIntegrityException(sums + " has no line for " + name + " (expected one line per"
                            + " file of the bundle: " + String.join(", ", List.of(MODEL, FEATURES, BUNDLE, OUT_OF_FOLD))
                            + "); the file is truncated or not a bundle's: restore the bundle or train again");
                }
                String actual = DigestUtils.sha256Hex(Files.readAllBytes(file));
                if (!actual.equals(expected.get(name))) {
                    throw new BundleIntegrityException(file + " is damaged: its SHA-256 is " + actual + ", the bundle"
                            + " recorded " + expected.get(name) + "; restore the bundle or train again");
                }
            }
            return of(directory, Files.readAllBytes(directory.resolve(MODEL)),
                    Files.readAllBytes(directory.resolve(FEATURES)), Files.readAllBytes(directory.resolve(BUNDLE)));
        } catch (IOException e) {
            throw new BundleIntegrityException("cannot read the model bundle at " + directory + ": " + e.getMessage(), e);
        }
    }

    /** The checksum file's lines, "SHA-256 (64 hex digits), two spaces, file name", by file name. */
    private static Map<String, String> checksums(Path sums) throws IOException {
        Map<String, String> expected = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(sums, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            Matcher line = CHECKSUM_LINE.matcher(lines.get(i));
            if (!line.matches()) {
                String found = lines.get(i).length() > 80 ? lines.get(i).substring(0, 80) + "..." : lines.get(i);
                throw new BundleIntegrityException(sums + ", line " + (i + 1) + ": expected a SHA-256 (64 lower-case"
                        + " hex digits), two spaces and a file name, found '" + found + "'; restore the bundle or"
                        + " train again");
            }
            expected.put(line.group(2), line.group(1));
        }
        return expected;
    }

    /**
     * A bundle from the contents of its files, already checked against their checksums (by {@link #load}, or on a
     * Spark executor given the bytes of a loaded bundle); checks that the files agree on the features: the model's
     * count, and the names and order of the feature manifest against those the training described in bundle.json.
     *
     * @param directory where the files came from, for messages (null when they were not read from a folder)
     */
    public static ModelBundle of(Path directory, byte[] model, byte[] features, byte[] manifest) {
        try {
            FeatureManifest featureManifest = FeatureManifest.fromJson(new String(features, StandardCharsets.UTF_8));
            BundleManifest bundleManifest = JSON.readValue(manifest, BundleManifest.class);
            Booster booster = XGBoost.loadModel(model);
            long modelFeatures = booster.getNumFeature();
            int listed = featureManifest.features().size();
            if (modelFeatures != listed || bundleManifest.featureCount() != listed) {
                throw new BundleIntegrityException(String.format(Locale.ROOT, "%s: the model reads %d features, the"
                        + " feature manifest lists %d and the bundle manifest says %d; the files come from different"
                        + " trainings", directory, modelFeatures, listed, bundleManifest.featureCount()));
            }
            checkFeatureNames(directory, featureManifest, bundleManifest);
            return new ModelBundle(directory, booster, featureManifest, bundleManifest);
        } catch (IOException | XGBoostError | IllegalArgumentException e) {
            throw new BundleIntegrityException("cannot read the model bundle at " + directory + ": " + e.getMessage(), e);
        }
    }

    /**
     * bundle.json keeps each feature's training distribution under its name, in the model's column order: a
     * feature renamed or moved in features.json (whose checksum line was rewritten too) no longer matches it.
     */
    private static void checkFeatureNames(Path directory, FeatureManifest features, BundleManifest manifest) {
        if (manifest.featureReference() == null) {
            throw new BundleIntegrityException(directory + "/" + BUNDLE + " has no featureReference: a bundle of an"
                    + " older format, which cannot be checked against its features; train again with this version");
        }
        List<String> named = features.featureNames();
        List<String> trained = manifest.featureReference().stream().map(FeatureReference::name).toList();
        for (int i = 0; i < Math.max(named.size(), trained.size()); i++) {
            String a = i < named.size() ? named.get(i) : "(none)";
            String b = i < trained.size() ? trained.get(i) : "(none)";
            if (!a.equals(b)) {
                throw new BundleIntegrityException(String.format(Locale.ROOT, "%s: feature %d is '%s' in %s but '%s'"
                        + " in %s (the model's column order); the files come from different trainings or were"
                        + " edited: restore the bundle or train again", directory, i + 1, a, FEATURES, b, BUNDLE));
            }
        }
    }

    /** The bundle's files (model, feature manifest, bundle manifest) as written, to rebuild it elsewhere. */
    public byte[][] files() {
        try {
            return new byte[][]{booster.toByteArray("ubj"), features.toJson().getBytes(StandardCharsets.UTF_8),
                    JSON.writeValueAsBytes(manifest)};
        } catch (IOException | XGBoostError e) {
            throw new IllegalStateException("cannot serialise the model bundle: " + e.getMessage(), e);
        }
    }

    private static String outOfFold(TrainedModel model) {
        StringBuilder csv = new StringBuilder("SK_ID_CURR,TARGET,probability\n");
        for (int i = 0; i < model.clients().length; i++) {
            csv.append(model.clients()[i]).append(',').append(model.outcomes()[i]).append(',')
                    .append(model.outOfFold()[i]).append('\n');
        }
        return csv.toString();
    }

}
