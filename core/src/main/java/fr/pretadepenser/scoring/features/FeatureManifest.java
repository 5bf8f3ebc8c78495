package fr.pretadepenser.scoring.features;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.pretadepenser.scoring.data.Vocabularies;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What makes the feature table reproducible: the vocabularies learned from the training data, the ordered list of
 * features with their original variables, and the hash of the SQL that computes them. Written once when features
 * are first built, frozen into the model bundle, and read by every later run.
 *
 * @param sqlSha256    {@link FeatureFiles#sha256()} of the SQL the manifest was made with
 * @param vocabularies categories per text column
 * @param features     the feature columns in table order (SK_ID_CURR and TARGET are not features)
 */
public record FeatureManifest(String sqlSha256, Vocabularies vocabularies, List<Feature> features) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Copies the list so that a published manifest cannot change. */
    public FeatureManifest {
        features = List.copyOf(features);
    }

    /** The feature names in order. */
    public List<String> featureNames() {
        return features.stream().map(Feature::name).toList();
    }

    /** The same manifest with only the features of one source table (e.g. {@code application}). */
    public FeatureManifest onlyTable(String table) {
        return new FeatureManifest(sqlSha256, vocabularies,
                features.stream().filter(f -> f.table().equals(table)).toList());
    }

    /**
     * The same manifest with only the features named, in this manifest's order.
     *
     * @throws IllegalArgumentException naming a feature it does not have
     */
    public FeatureManifest only(Collection<String> names) {
        Set<String> wanted = new HashSet<>(names);
        List<Feature> kept = features.stream().filter(f -> wanted.contains(f.name())).toList();
        if (kept.size() != wanted.size()) {
            wanted.removeAll(featureNames());
            throw new IllegalArgumentException("no such features in the manifest: " + wanted);
        }
        return new FeatureManifest(sqlSha256, vocabularies, kept);
    }

    /** Checks that this manifest was made by the SQL shipped now; throws saying what to do if not. */
    public void checkSqlUnchanged() {
        if (!sqlSha256.equals(FeatureFiles.sha256())) {
            throw new IllegalStateException("the feature manifest was made with other feature SQL (sha256 "
                    + sqlSha256 + ", now " + FeatureFiles.sha256() + "); rebuild features and retrain");
        }
    }

    /**
     * Whether features built (in their table's order) hold every feature of this manifest in this order: all of
     * them, for a model on every feature; a subsequence, for a model on selected features.
     */
    public boolean isAmong(List<String> built) {
        Set<String> mine = new HashSet<>(featureNames());
        return built.stream().filter(mine::contains).toList().equals(featureNames());
    }

    /**
     * Checks that features built for scoring with this manifest's vocabularies hold this manifest's, name by name
     * and in order ({@link #isAmong}).
     *
     * @throws IllegalStateException when they do not (the bundle was trained with other feature SQL)
     */
    public void requireBuiltIn(FeatureManifest built) {
        if (!isAmong(built.featureNames())) {
            throw new IllegalStateException("the features built for scoring (" + built.featureNames().size()
                    + ") do not hold the model's (" + featureNames().size() + ") in its order; the bundle was trained"
                    + " with other feature SQL: train again");
        }
    }

    /** The manifest as indented JSON. */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("sqlSha256", sqlSha256);
        ObjectNode vocab = root.putObject("vocabularies");
        vocabularies.byColumn().forEach((column, values) -> {
            ArrayNode list = vocab.putArray(column);
            values.forEach(list::add);
        });
        ArrayNode list = root.putArray("features");
        for (Feature f : features) {
            list.addObject().put("name", f.name()).put("table", f.table()).put("variable", f.variable());
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a manifest written by {@link #toJson()}; throws IllegalArgumentException for anything else. */
    public static FeatureManifest fromJson(String json) {
        try {
            JsonNode root = JSON.readTree(json);
            Map<String, List<String>> vocab = new LinkedHashMap<>();
            root.get("vocabularies").fields().forEachRemaining(e -> {
                List<String> values = new ArrayList<>();
                e.getValue().forEach(v -> values.add(v.asText()));
                vocab.put(e.getKey(), values);
            });
            List<Feature> features = new ArrayList<>();
            root.get("features").forEach(f -> features.add(
                    new Feature(f.get("name").asText(), f.get("table").asText(), f.get("variable").asText())));
            return new FeatureManifest(root.get("sqlSha256").asText(), new Vocabularies(vocab), features);
        } catch (IOException | NullPointerException e) {
            // A missing field shows up as a null node: the text is JSON but not a manifest.
            throw new IllegalArgumentException("not a feature manifest (expected the JSON written by"
                    + " 'scoring features': sqlSha256, vocabularies, features)", e);
        }
    }
}
