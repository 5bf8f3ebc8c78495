package fr.pretadepenser.scoring.model.bundle;

import fr.pretadepenser.scoring.model.evaluation.BusinessCost;
import fr.pretadepenser.scoring.model.evaluation.Confusion;
import fr.pretadepenser.scoring.model.evaluation.Evaluation;
import fr.pretadepenser.scoring.model.evaluation.Fairness;
import fr.pretadepenser.scoring.model.evaluation.Metrics;
import fr.pretadepenser.scoring.model.evaluation.Threshold;
import fr.pretadepenser.scoring.model.scorecard.Scorecard;
import fr.pretadepenser.scoring.model.training.BoostingParameters;
import fr.pretadepenser.scoring.model.training.TrainingSettings;

import java.util.List;
import java.util.Map;

/**
 * Everything a model bundle says about its model, written as {@code bundle.json}: what it was trained on, how,
 * how well it does, where its threshold is and why. Every number of the methodology report comes from here.
 *
 * @param version          {@code yyyyMMdd-HHmmss-<hash of data, features, parameters and seed>}
 * @param createdAt        ISO-8601 UTC time of training
 * @param settings         the training settings
 * @param dataFingerprint  SHA-256 over the source files' SHA-256, the feature SQL hash and the settings
 * @param sourceFiles      SHA-256 of each ingested source file, by table
 * @param trainingRows     labelled applications used (CODE_GENDER = XNA left out)
 * @param defaultRate      their default rate
 * @param featureCount     features the model reads (must equal the feature manifest's)
 * @param parameters       the chosen boosting parameters
 * @param rounds           trees in the final model
 * @param threshold        the decision threshold: refuse when the probability is at or above it
 * @param cost             the cost weights the threshold minimises
 * @param model            the model's out-of-fold evaluation
 * @param prior            the constant-prediction baseline on the same folds
 * @param logistic         the logistic-regression baseline on the same folds
 * @param classWeighting   the first fold's AUC, threshold and normalised cost without and with scale_pos_weight;
 *                         empty when not compared (one search trial)
 * @param search           every search trial: parameters, CV AUC and spread, rounds, seconds
 * @param atThreshold      decisions at the threshold (out of fold)
 * @param atHalf           decisions at 0.5, for comparison
 * @param normalizedCost   cost at the threshold relative to the best decision without a model
 * @param costCurve        cost against threshold
 * @param calibration      deciles of predicted probability against observed default rate
 * @param roc              ROC curve points
 * @param precisionRecall  precision-recall curve points
 * @param fairness         groups by CODE_GENDER and by age band
 * @param shapImportance   mean |SHAP| per original variable over a sample
 * @param gainImportance   total gain per original variable
 * @param featureReference per-feature reference distributions for drift
 * @param scoreReference   the reference distribution of the out-of-fold probability
 * @param libraries        versions of Java, XGBoost4J and DuckDB
 * @param scorecard        the scorecard challenger, or null when not trained (and in bundles older than it)
 * @param selection        how the features were selected, or null when the model reads every feature
 */
public record BundleManifest(String version, String createdAt, TrainingSettings settings, String dataFingerprint,
                             Map<String, String> sourceFiles, int trainingRows, double defaultRate, int featureCount,
                             BoostingParameters parameters, int rounds, double threshold, BusinessCost cost,
                             Evaluation model, Evaluation prior, Evaluation logistic,
                             List<ClassWeighting> classWeighting, List<SearchTrial> search,
                             Confusion atThreshold, Confusion atHalf, double normalizedCost,
                             List<Threshold.Point> costCurve, List<Metrics.CalibrationBin> calibration,
                             List<Metrics.CurvePoint> roc, List<Metrics.CurvePoint> precisionRecall,
                             Map<String, List<Fairness.Group>> fairness, List<VariableImportance> shapImportance,
                             List<VariableImportance> gainImportance, List<FeatureReference> featureReference,
                             FeatureReference scoreReference, Map<String, String> libraries,
                             Scorecard scorecard, FeatureSelection selection) {

    /**
     * One class-weighting option compared by business cost.
     *
     * @param scalePosWeight the weight of defaults
     * @param rocAuc         ROC AUC on the compared rows (the first fold's held-out rows since the choice is made there;
     *                       the out-of-fold AUC in older bundles)
     * @param threshold      its cost-minimising threshold
     * @param normalizedCost its normalised cost there
     * @param chosen         whether the bundle's model uses it
     */
    public record ClassWeighting(double scalePosWeight, double rocAuc, double threshold, double normalizedCost,
                                 boolean chosen) {
    }

    /**
     * One random-search trial.
     *
     * @param index       0 for the default parameters
     * @param parameters  the parameters tried
     * @param meanAuc     mean CV AUC (over the folds it ran)
     * @param aucSpread   standard deviation of the fold AUCs
     * @param rounds      mean best rounds
     * @param seconds     time of its cross-validation
     * @param prunedAfter the folds it ran when pruned (stopped before its last fold), else 0 (absent from older
     *                    bundles, which pruned none: 0)
     */
    public record SearchTrial(int index, BoostingParameters parameters, double meanAuc, double aucSpread, int rounds,
                              double seconds, int prunedAfter) {
    }
}
