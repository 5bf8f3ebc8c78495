package fr.pretadepenser.scoring.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import fr.pretadepenser.scoring.data.ScoringWarning;
import fr.pretadepenser.scoring.explain.BinText;
import fr.pretadepenser.scoring.explain.Contribution;
import fr.pretadepenser.scoring.explain.Explanation;
import fr.pretadepenser.scoring.explain.Language;
import fr.pretadepenser.scoring.explain.ReasonCode;
import fr.pretadepenser.scoring.explain.VariableLabels;
import fr.pretadepenser.scoring.model.bundle.FeatureSelection;
import fr.pretadepenser.scoring.model.bundle.ModelBundle;
import fr.pretadepenser.scoring.model.scorecard.ScorecardPoints;
import fr.pretadepenser.scoring.score.ApplicationScoring;
import fr.pretadepenser.scoring.score.Score;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A score as the API answers it: the decision and its explanation, with human labels.
 *
 * @param clientId      SK_ID_CURR (0 for a new applicant sent without one)
 * @param probability   probability of default in [0, 1]
 * @param decision      {@code granted} or {@code refused}, at the model's threshold
 * @param band          {@code LOW}, {@code REVIEW} (granted, close to the threshold) or {@code HIGH} (refused)
 * @param threshold     the model's refusal threshold (refused at or above)
 * @param modelVersion  the model bundle that scored
 * @param history       where the history features came from: {@code stored}, {@code sent} or {@code none}
 * @param language      the language of the sentences ({@code FR} or {@code EN})
 * @param baseValue     the model's average output (log-odds); base plus contributions gives the client's output
 * @param margin        the client's model output (log-odds)
 * @param contributions contributions per original variable (log-odds, positive toward default), largest first:
 *                      every variable the model uses with {@code ?detail=full}; by default the
 *                      {@value #TOP_PER_DIRECTION} largest toward default and the {@value #TOP_PER_DIRECTION}
 *                      largest in the client's favour (the head of the full list, per direction)
 * @param omitted       the contributions left out of a default answer, as their count and sum (so that base value
 *                      plus contributions plus omitted gives the margin); absent with {@code ?detail=full}
 * @param against       the main factors toward default, as sentences
 * @param inFavour      the main factors in the client's favour, as sentences
 * @param scorecard     the scorecard challenger's total and probability, only when the bundle has a scorecard (else
 *                      absent); its points per variable with {@code ?detail=full} only
 * @param warnings      what was scored anyway but is worth knowing (categories the model never saw or the Kaggle
 *                      files lack, history rows linked to nothing); absent when there is none
 * @param features      how many features the model computed and explained for this answer, and how many it was
 *                      selected from when it reads selected features only
 */
public record ScoreView(long clientId, double probability, String decision, String band, double threshold,
                        String modelVersion, String history, String language, double baseValue, double margin,
                        List<ContributionView> contributions,
                        @JsonInclude(JsonInclude.Include.NON_NULL) OmittedView omitted,
                        List<ReasonView> against, List<ReasonView> inFavour,
                        @JsonInclude(JsonInclude.Include.NON_NULL) ScorecardView scorecard,
                        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<WarningView> warnings,
                        FeaturesView features) {

    /**
     * Contributions kept per direction (toward default, in favour) in a default answer, chosen to keep it under
     * 4 KB: 8 a side reached 4,174 B in French for some clients of the tests' model (10 a side more; the
     * scorecard's points per variable too, which is why they come with {@code ?detail=full} only). The dashboard
     * asks for the full answer, so its waterfall does not depend on this.
     */
    public static final int TOP_PER_DIRECTION = 7;

    /** How many contributions an answer carries. */
    enum Detail {
        /**
         * The {@value #TOP_PER_DIRECTION} largest per direction and the sum of the others, the scorecard's total
         * without its lines: the default.
         */
        TOP,
        /** Every variable the model uses, and the scorecard's points per variable. */
        FULL
    }

    /**
     * The contributions a default answer leaves out.
     *
     * @param count how many variables
     * @param value the sum of their contributions (log-odds, single precision as each contribution)
     */
    public record OmittedView(int count, float value) {
    }

    /**
     * One warning.
     *
     * @param kind    {@code UNSEEN_CATEGORY}, {@code UNKNOWN_CATEGORY} or {@code UNLINKED_ROWS}
     * @param table   the rows' table ({@code application} for the application)
     * @param column  the category's column, or the key that links nothing
     * @param value   the category, or the table the key should name a row of
     * @param rows    how many rows hold it
     * @param message the warning in plain words
     */
    public record WarningView(String kind, String table, String column, String value, long rows, String message) {
    }

    /**
     * The features behind an answer.
     *
     * @param used         features the model reads: computed for the application and explained
     * @param selectedFrom the features they were selected from; absent when the model reads every feature
     */
    public record FeaturesView(int used, @JsonInclude(JsonInclude.Include.NON_NULL) Integer selectedFrom) {

        /** The features of {@code bundle}'s model. */
        static FeaturesView of(ModelBundle bundle) {
            FeatureSelection selection = bundle.manifest().selection();
            return new FeaturesView(bundle.manifest().featureCount(),
                    selection == null ? null : selection.candidates());
        }
    }

    /**
     * One variable's contribution.
     *
     * @param table    its source table ({@code application}, {@code bureau}, ...)
     * @param variable the original variable
     * @param label    its label in the answer's language
     * @param value    its contribution in log-odds, at the single precision TreeSHAP computes it in
     */
    public record ContributionView(String table, String variable, String label, float value) {
    }

    /**
     * One reason, as a sentence.
     *
     * @param table        its source table
     * @param variable     the original variable
     * @param contribution its contribution in log-odds, at the single precision TreeSHAP computes it in
     * @param sentence     the reason in plain words
     */
    public record ReasonView(String table, String variable, float contribution, String sentence) {
    }

    /**
     * The scorecard challenger's points for the client, beside the model's explanation.
     *
     * @param total       the sum of the variables' points (more points = less risk)
     * @param probability the scorecard's probability of default at that total
     * @param variables   points per variable, in scorecard order; absent from a default answer (they are a long list,
     *                    about 3.5 KB for the demo's 20 variables in French)
     */
    public record ScorecardView(double total, double probability,
                                @JsonInclude(JsonInclude.Include.NON_NULL) List<PointsView> variables) {
    }

    /**
     * One variable's points.
     *
     * @param table    its source table
     * @param variable the original variable
     * @param label    its label in the answer's language
     * @param bin      the client's bin as the scorecard names it, e.g. {@code (0.3512, 0.5234]}, {@code Working,
     *                 State servant} or {@code missing} (the same in every language)
     * @param binLabel the bin in the answer's language, rounded: {@code ]0,351 ; 0,523]}, {@code Salarié ;
     *                 Fonctionnaire}, {@code non renseigné} in French, {@code (0.351, 0.523]} in English
     * @param points   the bin's points
     */
    public record PointsView(String table, String variable, String label, String bin, String binLabel,
                             double points) {
    }

    /** The view of a score with the contributions {@code detail} asks for. */
    static ScoreView of(Score score, ApplicationScoring.HistorySource history, List<ScoringWarning> warnings,
                        Language language, VariableLabels labels, Detail detail, FeaturesView features) {
        Explanation explanation = score.explanation();
        List<ContributionView> contributions = new ArrayList<>();
        OmittedView omitted = null;
        if (detail == Detail.FULL) {
            // Variables no tree splits on contribute exactly 0: left out, they would only lengthen every answer.
            for (Contribution c : explanation.contributions()) {
                if (c.value() != 0) {
                    contributions.add(view(c, language, labels));
                }
            }
        } else {
            // The strongest of each sign, kept in the full list's order (largest absolute value first).
            Set<Integer> kept = new TreeSet<>(explanation.against(TOP_PER_DIRECTION));
            kept.addAll(explanation.inFavour(TOP_PER_DIRECTION));
            int count = 0;
            double sum = 0;
            for (int i = 0; i < explanation.contributions().size(); i++) {
                Contribution c = explanation.contributions().get(i);
                if (kept.contains(i)) {
                    contributions.add(view(c, language, labels));
                } else if (c.value() != 0) {
                    count++;
                    sum += c.value();
                }
            }
            omitted = new OmittedView(count, (float) sum);
        }
        return new ScoreView(score.clientId(), score.probability(), score.decision().label(), score.band().name(),
                score.threshold(), score.modelVersion(), history.label(), language.name(), explanation.baseValue(),
                explanation.margin(), List.copyOf(contributions), omitted, reasons(score.against()),
                reasons(score.inFavour()),
                scorecard(score.scorecard(), language, labels, detail), warnings.stream().map(w -> new WarningView(
                        w.kind().name(), w.table(), w.column(), w.value(), w.rows(), w.message())).toList(),
                features);
    }

    private static ScorecardView scorecard(ScorecardPoints points, Language language, VariableLabels labels,
                                           Detail detail) {
        if (points == null) {
            return null;
        }
        if (detail == Detail.TOP) {
            return new ScorecardView(points.total(), points.probability(), null);
        }
        return new ScorecardView(points.total(), points.probability(), points.variables().stream()
                .map(v -> new PointsView(v.table(), v.variable(), labels.label(v.table(), v.variable(), language),
                        v.bin().label(), BinText.of(v.table(), v.variable(), v.bin(), language, labels), v.points()))
                .toList());
    }

    private static ContributionView view(Contribution c, Language language, VariableLabels labels) {
        return new ContributionView(c.table(), c.variable(), labels.label(c.table(), c.variable(), language),
                (float) c.value());
    }

    private static List<ReasonView> reasons(List<ReasonCode> codes) {
        return codes.stream().map(r -> new ReasonView(r.table(), r.variable(), (float) r.contribution(),
                r.sentence()))
                .toList();
    }
}
