package fr.pretadepenser.scoring.spark;

import fr.pretadepenser.scoring.features.FeatureFiles;
import fr.pretadepenser.scoring.features.FeatureManifest;
import fr.pretadepenser.scoring.model.evaluation.Fairness;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.List;

/**
 * What the driver keeps of every labelled application, in client order: its outcome and its fairness groups
 * (a few values per client, never the features).
 *
 * @param clients  SK_ID_CURR, ascending (core's training order)
 * @param outcomes TARGET
 * @param genders  CODE_GENDER as its category
 * @param ageBands age band from DAYS_BIRTH
 */
record Labels(long[] clients, int[] outcomes, String[] genders, String[] ageBands) {

    /** Collects the labels of {@code labelled} (SK_ID_CURR, TARGET, CODE_GENDER code, DAYS_BIRTH). */
    static Labels collect(Dataset<Row> labelled, FeatureManifest manifest) {
        List<String> vocabulary = manifest.vocabularies().of(FeatureFiles.APPLICATION, FeatureVectors.GENDER);
        List<Row> rows = labelled.select(FeatureVectors.CLIENT, FeatureVectors.TARGET, FeatureVectors.GENDER,
                FeatureVectors.BIRTH).orderBy(FeatureVectors.CLIENT).collectAsList();
        int n = rows.size();
        if (n == 0) {
            throw new IllegalArgumentException("the feature data has no labelled application (TARGET set and"
                    + " CODE_GENDER not XNA) to train on");
        }
        long[] clients = new long[n];
        int[] outcomes = new int[n];
        String[] genders = new String[n];
        String[] bands = new String[n];
        for (int i = 0; i < n; i++) {
            Row r = rows.get(i);
            clients[i] = r.getLong(0);
            if (i > 0 && clients[i] == clients[i - 1]) {
                throw new IllegalArgumentException("client " + clients[i] + " appears twice in the feature data;"
                        + " a feature table has one row per SK_ID_CURR");
            }
            outcomes[i] = r.getInt(1);
            genders[i] = vocabulary.get(r.getInt(2));
            // Core reads DAYS_BIRTH with getLong, which gives 0 for a missing value.
            bands[i] = Fairness.ageBand(r.isNullAt(3) ? 0 : (long) r.getDouble(3));
        }
        return new Labels(clients, outcomes, genders, bands);
    }

    /** Share of defaults. */
    double defaultRate() {
        long defaults = 0;
        for (int o : outcomes) {
            defaults += o;
        }
        return (double) defaults / outcomes.length;
    }
}
