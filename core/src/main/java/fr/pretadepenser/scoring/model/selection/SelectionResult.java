package fr.pretadepenser.scoring.model.selection;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import fr.pretadepenser.scoring.data.InvalidDataException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a selection run found, written as {@code selection.json} beside its report and read by
 * {@code scoring train --selection}: the vote on every labelled row, each feature's stability across the outer
 * folds, and the out-of-fold AUC of "select, then train" at each size.
 *
 * @param methods        the methods run, by short name
 * @param voteTop        features each method voted for
 * @param sampleRows     most rows the model-based methods saw
 * @param nullShuffles   shuffled targets of null importance (0 when not run)
 * @param rows           labelled applications
 * @param folds          outer folds
 * @param candidates     features before selection
 * @param sizes          the out-of-fold evaluation at each size, the last with every feature
 * @param recommended    the smallest size within {@link #AUC_TOLERANCE} of the best out-of-fold AUC
 * @param features       every feature, best first by the vote on every labelled row
 * @param foldTop        each outer fold's top {@code voteTop} features, best first (the vote on its training rows)
 * @param methodSeconds  each method's time on every labelled row (the last vote)
 * @param nullAgreement  share of the recommended features that null importance passes (NaN without it)
 * @param seconds        the whole run's time
 */
public record SelectionResult(List<String> methods, int voteTop, int sampleRows, int nullShuffles, int rows,
                              int folds, int candidates, List<SizeResult> sizes, int recommended,
                              List<FeatureVerdict> features, List<List<String>> foldTop,
                              Map<String, Double> methodSeconds,
                              double nullAgreement, double seconds) {

    /** AUC a smaller feature set may lose against the best and still be recommended. */
    public static final double AUC_TOLERANCE = 0.002;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Copies the lists and maps, keeping their order. */
    public SelectionResult {
        methods = List.copyOf(methods);
        sizes = List.copyOf(sizes);
        features = List.copyOf(features);
        foldTop = foldTop.stream().map(List::copyOf).toList();
        methodSeconds = ordered(methodSeconds);
    }

    /**
     * "Select, then train" at one size, out of fold.
     *
     * @param size          features kept in each fold (the fold's own vote)
     * @param auc           out-of-fold ROC AUC over every row
     * @param foldAuc       each fold's validation AUC
     * @param spread        standard deviation of the fold AUCs
     * @param rounds        mean rounds kept by early stopping
     * @param trainSeconds  mean time to fit one fold
     * @param oneRowMillis  median time to score and explain one application (probability and exact TreeSHAP, one
     *                      thread) with a model of this size
     */
    public record SizeResult(int size, double auc, List<Double> foldAuc, double spread, int rounds,
                             double trainSeconds, double oneRowMillis) {

        /** Copies the list. */
        public SizeResult {
            foldAuc = List.copyOf(foldAuc);
        }
    }

    /**
     * One feature's vote.
     *
     * @param name      the feature
     * @param table     its source table
     * @param variable  the original variable it comes from
     * @param rank      its place in the vote on every row (1 is best)
     * @param votes     methods that voted for it
     * @param verdicts  each method's verdict, by short name (null importance: passes its test)
     * @param scores    each method's score, by short name
     * @param stability share of the outer folds whose vote put it in its top {@code voteTop}
     */
    public record FeatureVerdict(String name, String table, String variable, int rank, int votes,
                                 Map<String, Boolean> verdicts, Map<String, Double> scores, double stability) {

        /** Copies the maps, keeping their order. */
        public FeatureVerdict {
            verdicts = ordered(verdicts);
            scores = ordered(scores);
        }
    }

    /** An unmodifiable copy in the same order (Map.copyOf's order changes from one run to the next). */
    private static <V> Map<String, V> ordered(Map<String, V> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    /** The first {@code k} features of the vote, by name. */
    public List<String> top(int k) {
        return features.stream().limit(k).map(FeatureVerdict::name).toList();
    }

    /** Writes the result as JSON at {@code file}, through a temporary file renamed at the end. */
    public void write(Path file) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path temporary = Files.createTempFile(folder, "." + file.getFileName(), ".partial");
        try {
            JSON.writeValue(temporary.toFile(), this);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * Reads a result written by {@link #write}.
     *
     * @throws InvalidDataException naming the file and what is wrong when it is missing or not one
     */
    public static SelectionResult read(Path file) {
        SelectionResult result;
        try {
            result = JSON.readValue(file.toFile(), SelectionResult.class);
        } catch (IOException e) {
            throw InvalidDataException.forFile(file.toString(), "expected a selection.json written by 'scoring"
                    + " select' (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        if (result.features().isEmpty()) {
            throw InvalidDataException.forFile(file.toString(), "expected a selection.json written by 'scoring"
                    + " select', with its ranked features and sizes");
        }
        return result;
    }
}
