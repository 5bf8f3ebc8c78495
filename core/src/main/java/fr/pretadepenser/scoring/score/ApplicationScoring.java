package fr.pretadepenser.scoring.score;

import fr.pretadepenser.scoring.data.Application;
import fr.pretadepenser.scoring.data.ClientRecords;
import fr.pretadepenser.scoring.data.History;
import fr.pretadepenser.scoring.data.ScoringWarning;
import fr.pretadepenser.scoring.data.UnknownClientException;
import fr.pretadepenser.scoring.data.check.ApplicationCheck;
import fr.pretadepenser.scoring.data.check.FieldProblem;
import fr.pretadepenser.scoring.data.check.InvalidApplicationException;
import fr.pretadepenser.scoring.explain.Language;
import fr.pretadepenser.scoring.features.FeatureRows;
import fr.pretadepenser.scoring.features.OnlineFeatureBuilder;
import fr.pretadepenser.scoring.model.bundle.ModelBundle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Scores applications one request at a time, as the API receives them: a stored client as stored (its features
 * read, not computed), or a score request ({@code {"application": {...}, "history": {...}}}) checked field by field,
 * its features computed by the shared feature SQL, then scored by the {@link Scorer}. Safe for concurrent callers.
 */
public final class ApplicationScoring {

    /** Where a scored application's history came from. */
    public enum HistorySource {
        /** Sent with the request: every feature computed from it. */
        SENT,
        /** None sent for a stored client: its stored history features, with the application's recomputed. */
        STORED,
        /** None sent for a new applicant: no history at all. */
        NONE;

        /** {@code sent}, {@code stored} or {@code none}, as the API writes it. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A request checked and scored.
     *
     * @param score    the score
     * @param history  where its history came from
     * @param warnings what was scored anyway but is worth knowing (categories the model never saw or the Kaggle
     *                 files lack, history rows linked to nothing), in {@link ScoringWarning#ORDER}
     */
    public record Scored(Score score, HistorySource history, List<ScoringWarning> warnings) {

        /** Copies the warnings so that a scored request cannot change. */
        public Scored {
            warnings = List.copyOf(warnings);
        }
    }

    private static final String APPLICATION = "application";
    private static final String HISTORY = "history";
    private static final Set<String> KEYS = Set.of(APPLICATION, HISTORY);

    private final ApplicationCheck check;
    private final OnlineFeatureBuilder features;
    private final Scorer scorer;

    /**
     * @param check    the checks of raw application and history fields
     * @param features computes an application's features and reads a stored client's
     * @param scorer   scores the feature rows
     */
    public ApplicationScoring(ApplicationCheck check, OnlineFeatureBuilder features, Scorer scorer) {
        this.check = check;
        this.features = features;
        this.scorer = scorer;
    }

    /** The model it scores with (its version, features and selection). */
    public ModelBundle bundle() {
        return scorer.bundle();
    }

    /**
     * A stored client scored as the batch build left its features (one indexed read, no computation).
     *
     * @throws UnknownClientException when no client has that SK_ID_CURR
     */
    public Score storedClient(long clientId, Language language) {
        double[] stored = features.storedFeatures(clientId).orElseThrow(() -> new UnknownClientException(clientId));
        return scorer.score(FeatureRows.of(clientId, stored), language).get(0);
    }

    /**
     * Checks one score request and scores it.
     *
     * @param request the request as parsed from JSON
     * @throws InvalidApplicationException listing every problem, each named by its field ({@code application.X})
     */
    public Scored score(Object request, Language language) {
        return scoreAll(List.of(checked(request, "")), language).get(0);
    }

    /**
     * Checks every request of a batch and, only when all are valid, scores them in one model call, in order.
     *
     * @throws InvalidApplicationException listing every problem of every request, named
     *                                     {@code applications[i].application.X}
     */
    public List<Scored> scoreBatch(List<?> requests, Language language) {
        List<Checked> checked = new ArrayList<>(requests.size());
        List<FieldProblem> problems = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            try {
                checked.add(checked(requests.get(i), "applications[" + i + "]."));
            } catch (InvalidApplicationException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidApplicationException(problems);
        }
        return scoreAll(checked, language);
    }

    /** Scores applications whose values fit the schema, their features computed together where they can be. */
    public List<Score> score(List<ClientRecords> applications, Language language) {
        int rows = applications.size();
        int width = scorer.bundle().features().features().size();
        float[] values = new float[rows * width];
        long[] clients = new long[rows];
        // One application alone joins the concurrent callers' runs; a batch request's applications share runs.
        List<double[]> computed = rows == 1 ? List.of(features.forClient(applications.get(0)))
                : features.forClients(applications);
        for (int r = 0; r < rows; r++) {
            double[] row = computed.get(r);
            for (int c = 0; c < width; c++) {
                values[r * width + c] = (float) row[c];
            }
            clients[r] = applications.get(r).application().clientId();
        }
        return scorer.score(FeatureRows.unlabelled(clients, values, width), language);
    }

    private List<Scored> scoreAll(List<Checked> checked, Language language) {
        List<Score> scores = score(checked.stream().map(Checked::records).toList(), language);
        List<Scored> scored = new ArrayList<>(scores.size());
        for (int i = 0; i < scores.size(); i++) {
            scored.add(new Scored(scores.get(i), checked.get(i).history(), checked.get(i).warnings()));
        }
        return scored;
    }

    /** A request found valid: what the feature builder reads, where its history comes from, its warnings. */
    private record Checked(ClientRecords records, HistorySource history, List<ScoringWarning> warnings) {
    }

    /**
     * The request a caller would send for these records: the application's fields (without TARGET, which a request
     * may not hold) and, when the records have one, the history's tables; plain maps, to write as JSON.
     */
    public static Map<String, Object> request(ClientRecords client) {
        Map<String, Object> application = new LinkedHashMap<>(client.application().values());
        application.remove("TARGET");
        Map<String, Object> request = new LinkedHashMap<>();
        request.put(APPLICATION, application);
        client.history().ifPresent(history -> request.put(HISTORY, history.byTable()));
        return request;
    }

    /**
     * Checks a request and converts it: the history sent, else the stored one of a known client, else none.
     *
     * @param prefix prefix of the field names in problems ({@code applications[3].} in a batch)
     */
    private Checked checked(Object request, String prefix) {
        if (!(request instanceof Map<?, ?> map)) {
            throw new InvalidApplicationException(List.of(new FieldProblem(prefix.isEmpty() ? "body"
                    : prefix.substring(0, prefix.length() - 1), "expected an object {\"application\": {...}}")));
        }
        List<FieldProblem> problems = new ArrayList<>();
        for (Object key : map.keySet()) {
            if (!KEYS.contains(key)) {
                problems.add(new FieldProblem(prefix + key, "unknown field; expected 'application' and optionally"
                        + " 'history'"));
            }
        }
        Object application = map.get(APPLICATION);
        Object history = map.get(HISTORY);
        if (application == null) {
            problems.add(new FieldProblem(prefix + "application", "required: the application's fields"));
            if (history != null) {
                problems.addAll(check.historyProblems(history, prefix + "history"));
            }
            throw new InvalidApplicationException(problems);
        }
        ApplicationCheck.Checked valid;
        try {
            valid = check.check(application, history, prefix);
        } catch (InvalidApplicationException e) {
            problems.addAll(e.problems());
            throw new InvalidApplicationException(problems);
        }
        if (!problems.isEmpty()) {
            throw new InvalidApplicationException(problems);
        }
        Application app = valid.application();
        if (valid.history() != null) {
            return new Checked(ClientRecords.withHistory(app, valid.history()), HistorySource.SENT,
                    valid.warnings());
        }
        if (app.clientId() > 0 && features.isStored(app.clientId())) {
            return new Checked(ClientRecords.edited(app), HistorySource.STORED, valid.warnings());
        }
        return new Checked(ClientRecords.withHistory(app, History.NONE), HistorySource.NONE, valid.warnings());
    }
}
