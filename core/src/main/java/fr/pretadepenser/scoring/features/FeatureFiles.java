package fr.pretadepenser.scoring.features;

import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import org.apache.commons.codec.binary.Hex;
import org.apache.commons.codec.digest.DigestUtils;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * The feature SQL resource files, in the order they run: one per source table, then the final join.
 * Every engine (DuckDB here, Spark later) runs these same files.
 */
public final class FeatureFiles {

    /** The relation the application file reads: application_train and application_test together. */
    public static final String APPLICATION = HomeCreditSchema.APPLICATION;

    /** The final join, which reads the per-table results. */
    public static final FeatureFile JOIN = new FeatureFile("join", null);

    /** The per-table files, in order: the feature table's columns come in this order. */
    public static final List<FeatureFile> TABLES = List.of(
            new FeatureFile("application", APPLICATION),
            new FeatureFile("bureau", "bureau"),
            new FeatureFile("previous_application", "previous_application"),
            new FeatureFile("pos_cash", "POS_CASH_balance"),
            new FeatureFile("installments", "installments_payments"),
            new FeatureFile("credit_card", "credit_card_balance"));

    private FeatureFiles() {
    }

    /** The SHA-256 of all files in order, recorded in the manifest so that a change of SQL is noticed. */
    public static String sha256() {
        MessageDigest digest = DigestUtils.getSha256Digest();
        for (FeatureFile file : TABLES) {
            DigestUtils.updateDigest(digest, file.text());
        }
        return Hex.encodeHexString(DigestUtils.updateDigest(digest, JOIN.text()).digest());
    }

    /**
     * One SQL resource file.
     *
     * @param name  the file name without {@code .sql}; also the name of its result ({@code features_<name>})
     * @param table the source relation its plain columns come from, or null for the join
     */
    public record FeatureFile(String name, String table) {

        /** The template text of the file. */
        public String text() {
            String resource = name + ".sql";
            try (InputStream in = FeatureFiles.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("feature SQL resource " + resource + " is missing");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The name of the table holding its result. */
        public String resultTable() {
            return "features_" + name;
        }
    }
}
