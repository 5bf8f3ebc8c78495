package fr.pretadepenser.scoring.spark;

import fr.pretadepenser.scoring.features.FeatureFiles;
import fr.pretadepenser.scoring.features.FeatureManifest;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;

import java.util.List;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * How a feature DataFrame (SK_ID_CURR, TARGET, features in manifest order) becomes model input on Spark: one
 * {@code array<double>} column in manifest order with NaN for missing, as core's readers build their float rows.
 */
final class FeatureVectors {

    static final String CLIENT = "SK_ID_CURR";
    static final String TARGET = "TARGET";
    static final String VECTOR = "features";
    static final String GENDER = "CODE_GENDER";
    static final String BIRTH = "DAYS_BIRTH";

    private FeatureVectors() {
    }

    /** The features in manifest order as one array column; null becomes NaN (XGBoost's missing value). */
    static Column vector(FeatureManifest manifest) {
        Column[] columns = manifest.featureNames().stream()
                .map(n -> coalesce(column(n).cast("double"), lit(Double.NaN)))
                .toArray(Column[]::new);
        return array(columns).as(VECTOR);
    }

    /**
     * The rows core trains on: labelled, and CODE_GENDER neither XNA nor missing. TrainingSetReader filters on
     * {@code a.CODE_GENDER <> 'XNA'}, which drops missing genders too; the feature holds the category's index in
     * the vocabulary, missing for a missing gender or one outside the vocabulary.
     */
    static Column trainable(FeatureManifest manifest) {
        List<String> genders = manifest.vocabularies().of(FeatureFiles.APPLICATION, GENDER);
        Column keep = col(TARGET).isNotNull().and(column(GENDER).isNotNull());
        int xna = genders.indexOf("XNA");
        return xna < 0 ? keep : keep.and(column(GENDER).notEqual(lit(xna)));
    }

    /** A column by its exact name, whatever characters it holds. */
    static Column column(String name) {
        return col("`" + name.replace("`", "``") + "`");
    }

    /** The feature array of a row as floats, as core casts its doubles. */
    static void copy(Row row, int field, float[] into, int offset, int width) {
        List<Object> values = row.getList(field);
        if (values.size() != width) {
            throw new IllegalArgumentException("client " + row.get(0) + " has " + values.size()
                    + " feature values, the manifest lists " + width);
        }
        for (int c = 0; c < width; c++) {
            into[offset + c] = ((Number) values.get(c)).floatValue();
        }
    }
}
