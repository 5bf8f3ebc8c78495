package fr.pretadepenser.scoring.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import fr.pretadepenser.scoring.features.FeatureManifest;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

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

    static final String MODEL = "model.ubj";
    static final String FEATURES = "features.json";
    static final String BUNDLE = "bundle.json";
    static final String OUT_OF_FOLD = "out-of-fold.csv";
    static final String CHECKSUMS = "checksums.sha256";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Writes a trained model as {@code models/<version>/} and points {@code models/current} at it. */
    public static Path write(TrainedModel model, Path models) throws IOException, XGBoostError {
        Files.createDirectories(models);
        Path target = models.resolve(model.manifest().version());
        Path temporary = models.resolve("." + model.manifest().version() + ".partial");
        deleteTree(temporary);
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
                sums.append(sha256(file.getValue())).append("  ").append(file.getKey()).append('\n');
            }
            Files.writeString(temporary.resolve(CHECKSUMS), sums);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            deleteTree(temporary);
        }
        Path link = models.resolve("." + CURRENT + ".partial");
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, target.getFileName());
        Files.move(link, models.resolve(CURRENT), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }

    /** Loads and checks a bundle (a bundle folder, or {@code models/current}). */
    public static ModelBundle load(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new BundleIntegrityException("no model bundle at " + directory + "; run 'scoring train' first");
        }
        try {
            Map<String, String> expected = new LinkedHashMap<>();
            Path sums = directory.resolve(CHECKSUMS);
            if (!Files.isRegularFile(sums)) {
                throw new BundleIntegrityException(sums + " is missing: not a complete model bundle");
            }
            for (String line : Files.readAllLines(sums)) {
                String[] parts = line.split("  ", 2);
                expected.put(parts[1], parts[0]);
            }
            for (String name : List.of(MODEL, FEATURES, BUNDLE, OUT_OF_FOLD)) {
                Path file = directory.resolve(name);
                if (!Files.isRegularFile(file)) {
                    throw new BundleIntegrityException(file + " is missing from the model bundle");
                }
                String actual = sha256(Files.readAllBytes(file));
                if (!actual.equals(expected.get(name))) {
                    throw new BundleIntegrityException(file + " is damaged: its SHA-256 is " + actual + ", the bundle"
                            + " recorded " + expected.get(name) + "; restore the bundle or train again");
                }
            }
            FeatureManifest features = FeatureManifest.fromJson(Files.readString(directory.resolve(FEATURES)));
            BundleManifest manifest = JSON.readValue(directory.resolve(BUNDLE).toFile(), BundleManifest.class);
            Booster booster = XGBoost.loadModel(Files.readAllBytes(directory.resolve(MODEL)));
            long modelFeatures = booster.getNumFeature();
            if (modelFeatures != features.features().size() || manifest.featureCount() != features.features().size()) {
                throw new BundleIntegrityException(String.format(Locale.ROOT, "%s: the model reads %d features, the"
                        + " feature manifest lists %d and the bundle manifest says %d; the files come from different"
                        + " trainings", directory, modelFeatures, features.features().size(), manifest.featureCount()));
            }
            return new ModelBundle(directory, booster, features, manifest);
        } catch (IOException | XGBoostError | IllegalArgumentException e) {
            throw new BundleIntegrityException("cannot read the model bundle at " + directory + ": " + e.getMessage(), e);
        }
    }

    /** The probability of default of each row of a row-major matrix in manifest order (NaN for missing). */
    public double[] predict(float[] values, int rows) throws XGBoostError {
        ml.dmlc.xgboost4j.java.DMatrix matrix = new ml.dmlc.xgboost4j.java.DMatrix(values, rows,
                features.features().size(), Float.NaN);
        try {
            float[][] p = booster.predict(matrix);
            double[] result = new double[rows];
            for (int i = 0; i < rows; i++) {
                result[i] = p[i][0];
            }
            return result;
        } finally {
            matrix.dispose();
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

    /** The hex SHA-256 of some bytes: file checksums and the data fingerprint. */
    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            List<Path> all = new ArrayList<>(paths.sorted(Comparator.reverseOrder()).toList());
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        }
    }
}
