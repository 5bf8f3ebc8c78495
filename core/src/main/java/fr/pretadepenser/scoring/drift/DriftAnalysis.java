package fr.pretadepenser.scoring.drift;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import fr.pretadepenser.scoring.data.ScoringWarning;
import fr.pretadepenser.scoring.features.Feature;
import fr.pretadepenser.scoring.features.FeatureFiles;
import fr.pretadepenser.scoring.model.bundle.BundleManifest;
import fr.pretadepenser.scoring.model.bundle.FeatureReference;
import fr.pretadepenser.scoring.model.bundle.ModelBundle;
import fr.pretadepenser.scoring.model.bundle.VariableImportance;
import fr.pretadepenser.scoring.progress.Progress;
import fr.pretadepenser.scoring.schema.ColumnType;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import fr.pretadepenser.scoring.score.BatchScoring;
import fr.pretadepenser.scoring.score.Scorer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compares a batch of new applications with the training data a model bundle remembers, feature by feature and on
 * the score, and writes the result as {@value #JSON} and {@value #HTML}.
 *
 * <p>Per feature: the population stability index on the training decile bins stored in the bundle, the missing
 * values being a bin of their own. Per original variable: the largest PSI of its features, and on that feature a
 * Kolmogorov-Smirnov test (numeric variables) or a chi-square test (categorical ones, TEXT in the schema) computed
 * on the same bins, since the bundle keeps no raw training values. Variables are weighted by their share of the
 * model's mean |SHAP|; the report's status is the worse of the score's and of the {@value #IMPORTANT_TOP} most
 * important variables'.
 */
public final class DriftAnalysis {

    /** The file name of the JSON result. */
    public static final String JSON = "drift.json";

    /** The file name of the HTML report. */
    public static final String HTML = "drift.html";

    /** How many variables, by the model's importance, decide the report's status. */
    public static final int IMPORTANT_TOP = 20;

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Scorer scorer;
    private final ModelBundle bundle;
    private final HomeCreditSchema schema;

    /** An analysis against the scorer's bundle; the schema says which variables are categorical. */
    public DriftAnalysis(Scorer scorer, HomeCreditSchema schema) {
        this.scorer = scorer;
        this.bundle = scorer.bundle();
        this.schema = schema;
    }

    /**
     * Builds the batch's features and compares them with the bundle's references.
     *
     * @param applications an application_test-like file (.csv or .csv.gz)
     * @param history      a folder with the batch's history files, or null for none
     * @throws fr.pretadepenser.scoring.data.InvalidDataException when a file does not match the schema
     */
    public DriftReport analyse(Path applications, Path history, Progress progress)
            throws IOException, SQLException {
        BatchScoring.FeatureBatch batch = new BatchScoring(scorer, schema).features(applications, history, progress);
        return compare(batch, applications.getFileName().toString(), history != null);
    }

    /** Compares built features with the bundle's references. */
    public DriftReport compare(BatchScoring.FeatureBatch batch, String current, boolean withHistory) {
        BundleManifest m = bundle.manifest();
        Map<String, FeatureReference> references = new HashMap<>();
        m.featureReference().forEach(r -> references.put(r.name(), r));
        Map<String, Double> importance = importanceShares(m.shapImportance());
        List<String> top = m.shapImportance().stream()
                .sorted(Comparator.comparingDouble((VariableImportance c) -> -c.value())).limit(IMPORTANT_TOP)
                .map(c -> key(c.table(), c.variable())).toList();

        Map<String, List<Integer>> byVariable = new LinkedHashMap<>();
        List<Feature> features = bundle.features().features();
        for (int i = 0; i < features.size(); i++) {
            byVariable.computeIfAbsent(key(features.get(i).table(), features.get(i).variable()), k -> new ArrayList<>())
                    .add(i);
        }
        List<DriftReport.VariableDrift> variables = new ArrayList<>();
        DriftStatus status = DriftStatus.STABLE;
        for (List<Integer> columns : byVariable.values()) {
            Feature first = features.get(columns.get(0));
            BinnedShares worst = null;
            double worstPsi = -1;
            for (int c : columns) {
                FeatureReference reference = references.get(features.get(c).name());
                if (reference == null) {
                    continue;
                }
                BinnedShares shares = BinnedShares.of(reference, batch.column(c));
                double psi = shares.psi();
                if (psi > worstPsi) {
                    worst = shares;
                    worstPsi = psi;
                }
            }
            if (worst == null) {
                continue;
            }
            String key = key(first.table(), first.variable());
            boolean categorical = categorical(first);
            double statistic;
            double pValue;
            if (categorical) {
                ChiSquare.Result chi = ChiSquare.test(worst.reference(), worst.current(), batch.size());
                statistic = chi.statistic();
                pValue = chi.pValue();
            } else {
                double[][] present = worst.presentShares();
                statistic = KolmogorovSmirnov.statistic(present[0], present[1]);
                pValue = KolmogorovSmirnov.pValue(statistic, m.trainingRows() * (1 - worst.reference()[0]),
                        worst.presentCurrent());
            }
            double share = importance.getOrDefault(key, 0.0);
            boolean important = top.contains(key);
            DriftStatus variableStatus = Psi.status(worstPsi);
            if (important) {
                status = status.worst(variableStatus);
            }
            variables.add(new DriftReport.VariableDrift(first.table(), first.variable(), worst.bins().name(),
                    columns.size(), worstPsi, categorical ? "chi-square" : "ks", statistic, pValue, share, important,
                    worstPsi * share, variableStatus, worst.toBins()));
        }
        variables.sort(Comparator.comparingDouble((DriftReport.VariableDrift v) -> -v.weightedDrift())
                .thenComparingDouble(v -> -v.psi()));
        BinnedShares score = BinnedShares.of(m.scoreReference(), batch.probabilities());
        double scorePsi = score.psi();
        DriftStatus scoreStatus = Psi.status(scorePsi);
        String created = ZonedDateTime.now(ZoneOffset.UTC).withNano(0).format(DateTimeFormatter.ISO_INSTANT);
        return new DriftReport(m.version(), created, current, batch.size(), withHistory, scorePsi, scoreStatus,
                score.toBins(), status.worst(scoreStatus), IMPORTANT_TOP, Psi.EPSILON, variables,
                categories(batch.warnings()));
    }

    /** The category warnings of every client of the batch, counted per column: the columns most rows first. */
    static List<DriftReport.CategoryCount> categories(List<ScoringWarning> warnings) {
        Map<String, Map<String, Long>> values = new TreeMap<>();
        Map<String, long[]> kinds = new TreeMap<>();
        for (ScoringWarning w : warnings) {
            if (w.kind() == ScoringWarning.Kind.UNLINKED_ROWS) {
                continue;
            }
            String key = w.table() + "\u0000" + w.column();
            values.computeIfAbsent(key, k -> new TreeMap<>()).merge(w.value(), w.rows(), Long::sum);
            kinds.computeIfAbsent(key, k -> new long[2])[w.kind() == ScoringWarning.Kind.UNSEEN_CATEGORY ? 0 : 1]
                    += w.rows();
        }
        List<DriftReport.CategoryCount> counts = new ArrayList<>();
        values.forEach((key, byValue) -> {
            String[] parts = key.split("\u0000");
            Map<String, Long> sorted = new LinkedHashMap<>();
            byValue.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(e -> sorted.put(e.getKey(), e.getValue()));
            counts.add(new DriftReport.CategoryCount(parts[0], parts[1], kinds.get(key)[0], kinds.get(key)[1],
                    sorted));
        });
        counts.sort(Comparator.comparingLong((DriftReport.CategoryCount c) -> -(c.unseen() + c.unknown())));
        return counts;
    }

    /**
     * Writes {@value #JSON} and {@value #HTML} into {@code folder} (created if needed), each through a temporary
     * file renamed at the end, so that a reader (the API) never sees half a report.
     *
     * @return the JSON file
     */
    public static Path write(DriftReport report, Path folder) throws IOException {
        Files.createDirectories(folder);
        Path json = folder.resolve(JSON);
        writeAtomically(folder.resolve(HTML), DriftReportHtml.xhtml(report).getBytes(StandardCharsets.UTF_8));
        writeAtomically(json, MAPPER.writeValueAsBytes(report));
        return json;
    }

    /** Reads a {@value #JSON} written by {@link #write}. */
    public static DriftReport read(Path json) throws IOException {
        return MAPPER.readValue(json.toFile(), DriftReport.class);
    }

    private static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path temporary = target.resolveSibling("." + target.getFileName() + ".partial");
        try {
            Files.write(temporary, bytes);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Whether the variable is a category label in its source file (a derived quantity never is). */
    private boolean categorical(Feature feature) {
        String tableName = feature.table().equals(FeatureFiles.APPLICATION) ? HomeCreditSchema.APPLICATION_TEST
                : feature.table();
        return schema.findTable(tableName).flatMap(t -> t.findColumn(feature.variable()))
                .map(c -> c.type() == ColumnType.TEXT).orElse(false);
    }

    private static Map<String, Double> importanceShares(List<VariableImportance> importance) {
        double total = importance.stream().mapToDouble(c -> Math.abs(c.value())).sum();
        Map<String, Double> shares = new HashMap<>();
        for (VariableImportance c : importance) {
            shares.merge(key(c.table(), c.variable()), total == 0 ? 0 : Math.abs(c.value()) / total, Double::sum);
        }
        return shares;
    }

    private static String key(String table, String variable) {
        return table + "." + variable;
    }
}
