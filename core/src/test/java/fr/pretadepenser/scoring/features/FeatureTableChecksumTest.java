package fr.pretadepenser.scoring.features;

import fr.pretadepenser.scoring.data.Vocabularies;
import fr.pretadepenser.scoring.data.ingest.Ingester;
import fr.pretadepenser.scoring.progress.Progress;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import fr.pretadepenser.scoring.schema.Table;
import fr.pretadepenser.scoring.synthetic.GeneratorSettings;
import fr.pretadepenser.scoring.synthetic.SyntheticDataGenerator;
import org.apache.commons.codec.binary.Hex;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The ingested tables, the feature table, the lookup table and the manifest of 2,000 generated clients (seed 42),
 * digested value by value (the exact bits of every double), must stay what they were before the build was made to
 * fit in 4 GiB: the expected digests below were computed by this test on commit cfdec2b, before any change to the
 * ingest or the feature build. A change of these digests is a change of the features (or of the data a model is
 * trained on), never a mere optimisation.
 *
 * <p>The build of cfdec2b is not reproducible on two threads: two builds of the same files differed in the last bit
 * of 33 SUM, MEAN and VAR columns (at most 1.1e-15 relative), because DuckDB adds up a client's rows in the order
 * its threads deliver them. On one thread it is: the expected digests are those of cfdec2b's build on a connection
 * set to {@code threads = 1}, identical over two runs. The build now runs its aggregates on one thread itself, and
 * this test builds on DuckDB's default threads.
 *
 * <p>On 2026-12-03 (issue 20) the generator's hidden risk model changed: TARGET, and the application's
 * DAYS_REGISTRATION, DAYS_ID_PUBLISH and DAYS_LAST_PHONE_CHANGE, which it now reads, are drawn otherwise. The data
 * changed, not the ingest or the features: the digests of the tables below were taken again by this test in the
 * commit that changed only the generator, and the manifest's digest, which holds the feature SQL's hash, did not
 * move. Before that commit each digest below followed the history its own comment tells.
 */
class FeatureTableChecksumTest {

    /**
     * Every ingested table in file order (rowid). Not cfdec2b's: commit b7664fe made the generator date a finished
     * previous credit's DAYS_TERMINATION before the application, a column no feature reads; the three digests below
     * stayed cfdec2b's.
     */
    private static final String INGESTED = "264dc405b593442b470850bb499d3cca9ea77fe766f2731ccfe719323a5945f7";
    /**
     * The feature table in SK_ID_CURR order, with its column names and types, the reference kernel's features only
     * (those of no {@link FeatureGroup}): cfdec2b's, as the groups added beyond the kernel leave them unchanged.
     */
    private static final String FEATURES = "965b44297e5d68c316b38146bf13ac893621b82e48f488423565d61e76268fc6";
    /** The lookup table in SK_ID_CURR order, the kernel's features of each list only: cfdec2b's. */
    private static final String LOOKUP = "812a83f3040b409efed8bb2e355d8fce213f66e9d4d3efb1574f01707ed5a48e";
    /** The whole feature table, groups beyond the kernel included: as first built with them. */
    private static final String ALL_FEATURES = "04737958ba47e4fa2037fede4da43edefe0701c5bf5b877a72cac67c16d85e28";
    /** The whole lookup table: as first built with the groups beyond the kernel. */
    private static final String ALL_LOOKUP = "1675ecf6b7c771755b2c0b7681c3e79defe334d84273c272b857e2e3b9136fa0";
    /**
     * The stored manifest's JSON, which holds the SQL's hash (cfdec2b's was f7b5489d..., then daac0b81... as first
     * built with the groups beyond the kernel). Taken again on 2026-12-06, when the application file squared the
     * external scores' deviations by a product instead of {@code POWER(d, 2)} (exact in every engine; DuckDB's pow
     * was a unit in the last place off the exact square in 14 of the demo's 34,755 applications): the SQL changed,
     * so its hash did; the tables' digests above did not move (no such row among these 2,000 clients).
     */
    private static final String MANIFEST = "b8837067f3286938a38921556aa95230e574f2655f0adeb1b01bbadb68e1470d";

    static Connection connection;

    @BeforeAll
    static void build(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("data");
        new SyntheticDataGenerator(new GeneratorSettings(2000, 42)).generate(data, Progress.SILENT);
        Path db = tmp.resolve("homecredit.duckdb");
        HomeCreditSchema schema = HomeCreditSchema.load();
        new Ingester(schema).ingest(data, db, Progress.SILENT);
        connection = DriverManager.getConnection("jdbc:duckdb:" + db);
        DuckDbFeatureEngine engine = new DuckDbFeatureEngine(schema);
        Vocabularies vocabularies = engine.learnVocabularies(connection);
        engine.build(connection, vocabularies, Progress.SILENT);
    }

    @Test
    void ingestsTheSameTablesAsBefore() throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        for (Table table : HomeCreditSchema.load().tables()) {
            digestQuery(digest, "SELECT * FROM " + Dialect.DUCKDB.identifier(table.name()) + " ORDER BY rowid");
        }
        assertEquals(INGESTED, Hex.encodeHexString(digest.digest()));
    }

    @Test
    void buildsTheSameKernelFeaturesAsBefore() throws Exception {
        List<String> names = DuckDbFeatureEngine.storedManifest(connection).orElseThrow().featureNames();
        List<String> kernel = names.stream().filter(n -> FeatureGroup.of(n).isEmpty()).toList();
        assertEquals(795, kernel.size());
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        digestQuery(digest, "SELECT SK_ID_CURR, TARGET, " + kernel.stream().map(Dialect.DUCKDB::identifier)
                .collect(Collectors.joining(", ")) + " FROM " + DuckDbFeatureEngine.FEATURE_TABLE
                + " ORDER BY SK_ID_CURR");
        assertEquals(FEATURES, Hex.encodeHexString(digest.digest()));
        digest = MessageDigest.getInstance("SHA-256");
        digestQuery(digest, "SELECT SK_ID_CURR, list_select(features, [" + kernel.stream()
                .map(n -> String.valueOf(names.indexOf(n) + 1)).collect(Collectors.joining(", "))
                + "]) AS features FROM " + DuckDbFeatureEngine.LOOKUP_TABLE + " ORDER BY SK_ID_CURR");
        assertEquals(LOOKUP, Hex.encodeHexString(digest.digest()));
    }

    @Test
    void buildsTheSameFeatureTableAsBefore() throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        digestQuery(digest, "SELECT * FROM " + DuckDbFeatureEngine.FEATURE_TABLE + " ORDER BY SK_ID_CURR");
        assertEquals(ALL_FEATURES, Hex.encodeHexString(digest.digest()));
    }

    @Test
    void buildsTheSameLookupTableAsBefore() throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        digestQuery(digest, "SELECT * FROM " + DuckDbFeatureEngine.LOOKUP_TABLE + " ORDER BY SK_ID_CURR");
        assertEquals(ALL_LOOKUP, Hex.encodeHexString(digest.digest()));
    }

    @Test
    void storesTheSameManifestAsBefore() throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        digest.update(DuckDbFeatureEngine.storedManifest(connection).orElseThrow().toJson()
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(MANIFEST, Hex.encodeHexString(digest.digest()));
    }

    /** Column names and types, then every value: doubles by their bits, lists element by element, NULL marked. */
    private static void digestQuery(MessageDigest digest, String sql) throws Exception {
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(sql)) {
            ResultSetMetaData meta = r.getMetaData();
            int columns = meta.getColumnCount();
            for (int i = 1; i <= columns; i++) {
                text(digest, meta.getColumnName(i) + " " + meta.getColumnTypeName(i));
            }
            ByteBuffer bits = ByteBuffer.allocate(9);
            while (r.next()) {
                for (int i = 1; i <= columns; i++) {
                    Object value = r.getObject(i);
                    if (value instanceof Array list) {
                        for (Object element : (Object[]) list.getArray()) {
                            number(digest, bits, element);
                        }
                        text(digest, "]");
                    } else if (value == null || value instanceof Number) {
                        number(digest, bits, value);
                    } else {
                        text(digest, value.toString());
                    }
                }
            }
        }
    }

    private static void number(MessageDigest digest, ByteBuffer bits, Object value) {
        bits.clear();
        if (value == null) {
            bits.put((byte) 0).putLong(0);
        } else if (value instanceof Double d) {
            bits.put((byte) 1).putLong(Double.doubleToRawLongBits(d));
        } else {
            bits.put((byte) 2).putLong(((Number) value).longValue());
        }
        digest.update(bits.array());
    }

    private static void text(MessageDigest digest, String value) {
        digest.update(value.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
    }
}
