package fr.pretadepenser.scoring.model.bundle;

import fr.pretadepenser.scoring.model.selection.SelectionMethod;
import fr.pretadepenser.scoring.model.selection.SelectionResult;

import java.util.List;

/**
 * How a bundle's features were chosen, when they were: the method, the sizes before and after, the honest
 * (nested) out-of-fold AUC at that size, and the vote of each kept feature with its stability across folds.
 *
 * @param method      how, in words
 * @param methods     the methods run, by short name
 * @param candidates  features before selection
 * @param kept        features the model reads
 * @param nestedAuc   out-of-fold AUC of "select, then train" at this size (selection inside each fold), or null
 *                    when the selection file did not evaluate this size
 * @param nestedSpread standard deviation of its fold AUCs, or null
 * @param allAuc      the same out-of-fold AUC with every feature, or null when not evaluated
 * @param millis      one application's probability and TreeSHAP explanation at this size (ms, one thread), or null
 * @param allMillis   the same with every feature, or null when not evaluated
 * @param vote        the kept features' verdicts, best first
 */
public record FeatureSelection(String method, List<String> methods, int candidates, int kept, Double nestedAuc,
                               Double nestedSpread, Double allAuc, Double millis, Double allMillis,
                               List<SelectionResult.FeatureVerdict> vote) {

    /** Copies the lists. */
    public FeatureSelection {
        methods = List.copyOf(methods);
        vote = List.copyOf(vote);
    }

    /** The selection of the first {@code k} features of {@code result}'s vote. */
    public static FeatureSelection of(SelectionResult result, int k) {
        SelectionResult.SizeResult atK = result.sizes().stream().filter(s -> s.size() == k).findFirst().orElse(null);
        SelectionResult.SizeResult all = result.sizes().stream().filter(s -> s.size() == result.candidates())
                .findFirst().orElse(null);
        String method = "the " + result.methods().stream().filter(m -> SelectionMethod.of(m).votes()).count()
                + " methods' vote (each votes for its top " + result.voteTop()
                + "), top " + k + " by votes then mean rank, on " + result.rows() + " labelled applications";
        return new FeatureSelection(method, result.methods(), result.candidates(), k,
                atK == null ? null : atK.auc(), atK == null ? null : atK.spread(), all == null ? null : all.auc(),
                atK == null ? null : atK.oneRowMillis(), all == null ? null : all.oneRowMillis(),
                result.features().subList(0, Math.min(k, result.features().size())));
    }
}
