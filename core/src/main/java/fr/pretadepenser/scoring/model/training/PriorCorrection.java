package fr.pretadepenser.scoring.model.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * Undoes what class weighting does to probabilities. Weighting defaults by {@code w} ({@code scale_pos_weight})
 * multiplies the odds a model learns by about {@code w}, so its "probabilities" are no default rates (weighted for an
 * 8% default rate, a model predicts about 45% on average). Every margin is shifted by the one constant that brings
 * the mean out-of-fold probability back to the observed default rate (about {@code -ln w}: calibration in the
 * large). The order of the applications, hence AUC and every decision at the matching threshold, is unchanged.
 *
 * <p>The model itself is shifted: its intercept ({@code base_score}) moves by the same constant, so that every reader
 * of the saved model (the Scorer, TreeSHAP's base value, Spark's scoring) sees the corrected scale.
 */
public final class PriorCorrection {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PriorCorrection() {
    }

    /** The margin shift after which the mean of {@code probabilities} is {@code rate} (by bisection: it is monotone). */
    public static double offset(double[] probabilities, double rate) {
        double lo = -30;
        double hi = 30;
        for (int i = 0; i < 100; i++) {
            double mid = (lo + hi) / 2;
            double mean = 0;
            for (double p : probabilities) {
                mean += shifted(p, mid);
            }
            if (mean / probabilities.length < rate) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    /** A probability with its margin shifted by {@code offset}. */
    public static double shifted(double probability, double offset) {
        return 1 / (1 + Math.exp(-(logit(probability) + offset)));
    }

    /** Every probability with its margin shifted by {@code offset} (a new array). */
    public static double[] shifted(double[] probabilities, double offset) {
        double[] corrected = new double[probabilities.length];
        for (int i = 0; i < corrected.length; i++) {
            corrected[i] = shifted(probabilities[i], offset);
        }
        return corrected;
    }

    /**
     * A copy of the booster with its intercept shifted by {@code offset}; the booster given is left as it was. The
     * copy is read back from the saved model once its parameter changed: XGBoost keeps the predictions of a matrix
     * it has seen cached, so a booster whose parameter just changed could still answer the old ones.
     */
    public static Booster shifted(Booster booster, double offset) throws XGBoostError {
        double base = shifted(baseScore(booster), offset);
        try {
            Booster copy = XGBoost.loadModel(booster.toByteArray("ubj"));
            copy.setParam("base_score", String.format(Locale.ROOT, "%.17g", base));
            return XGBoost.loadModel(copy.toByteArray("ubj"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The model's intercept as a probability (XGBoost writes it as a one-element list, "[6.2E-1]"). */
    static double baseScore(Booster booster) throws XGBoostError {
        try {
            JsonNode model = JSON.readTree(booster.toByteArray("json"));
            String text = model.path("learner").path("learner_model_param").path("base_score").asText();
            return Double.parseDouble(text.replace("[", "").replace("]", "").trim());
        } catch (IOException | NumberFormatException e) {
            throw new UncheckedIOException(new IOException("cannot read the model's base_score: " + e.getMessage(), e));
        }
    }

    private static double logit(double p) {
        return Math.log(p / (1 - p));
    }
}
