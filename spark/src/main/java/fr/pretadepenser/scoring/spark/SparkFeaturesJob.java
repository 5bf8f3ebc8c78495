package fr.pretadepenser.scoring.spark;

import fr.pretadepenser.scoring.data.Vocabularies;
import fr.pretadepenser.scoring.features.FeatureManifest;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.util.List;

/**
 * The feature job, for {@code spark-submit} (or plain {@code java}, then on {@code local[*]}): reads the Home
 * Credit tables of a folder, builds the feature table with the shared SQL and writes it as Parquet.
 *
 * <pre>
 * spark-submit --class fr.pretadepenser.scoring.spark.SparkFeaturesJob --master yarn scoring-spark.jar \
 *     --data hdfs:///homecredit --out hdfs:///features.parquet [--manifest manifest.json]
 *     [--manifest-out manifest.json] [--shuffle-partitions 200]
 * </pre>
 *
 * <p>With {@code --manifest} (a frozen manifest, e.g. the model bundle's) the vocabularies are the manifest's and
 * the job fails unless it makes exactly the manifest's features with the same SQL; without it they are learned
 * from the data. {@code --manifest-out} writes the manifest of the table. Every path goes through Hadoop's file
 * systems ({@code hdfs://}, {@code s3a://}, {@code file://}).
 */
public final class SparkFeaturesJob {

    private SparkFeaturesJob() {
    }

    /**
     * The job's options.
     *
     * @param data              folder of the eight tables (any path Spark reads)
     * @param out               the Parquet output (replaced if it exists)
     * @param manifest          a frozen manifest to build with (any path Spark reads), or null to learn the
     *                          vocabularies
     * @param manifestOut       where to write the table's manifest (any path Spark writes), or null
     * @param shufflePartitions {@code spark.sql.shuffle.partitions}, or 0 for Spark's setting
     */
    public record Options(String data, String out, String manifest, String manifestOut, int shufflePartitions) {

        /** Checks that the input and output are given. */
        public Options {
            if (data == null || out == null) {
                throw new IllegalArgumentException("usage: SparkFeaturesJob --data PATH --out PATH.parquet"
                        + " [--manifest FILE] [--manifest-out FILE] [--shuffle-partitions N]");
            }
        }

        /** Parses {@code --name value} pairs; throws {@link IllegalArgumentException} saying the usage. */
        public static Options parse(String... args) {
            String data = null;
            String out = null;
            String manifest = null;
            String manifestOut = null;
            int partitions = 0;
            for (int i = 0; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + args[i] + " needs a value");
                }
                String value = args[i + 1];
                switch (args[i]) {
                    case "--data" -> data = value;
                    case "--out" -> out = value;
                    case "--manifest" -> manifest = value;
                    case "--manifest-out" -> manifestOut = value;
                    case "--shuffle-partitions" -> partitions = Integer.parseInt(value);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + "; known: --data --out --manifest --manifest-out --shuffle-partitions");
                }
            }
            return new Options(data, out, manifest, manifestOut, partitions);
        }
    }

    /** Runs the job; exit code 0 when the table is written. */
    public static void main(String[] args) throws IOException {
        Options options = Options.parse(args);
        SparkConf conf = new SparkConf();
        SparkSession.Builder builder = SparkSession.builder().appName("scoring features");
        // Plain java rather than spark-submit sets no master: this machine's cores.
        String master = conf.get("spark.master", "local[*]");
        builder.master(master);
        if (master.startsWith("local")) {
            // One machine: no network needed, no web UI.
            builder.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.ui.enabled", false);
        }
        if (options.shufflePartitions() > 0) {
            builder.config("spark.sql.shuffle.partitions", options.shufflePartitions());
        }
        SparkSession spark = builder.getOrCreate();
        try {
            long start = System.nanoTime();
            SparkFeatures features = run(spark, options);
            System.out.printf("%d features of %d clients written to %s in %.1f s%n",
                    features.manifest().features().size(), spark.read().parquet(options.out()).count(),
                    options.out(), (System.nanoTime() - start) / 1e9);
        } finally {
            spark.stop();
        }
    }

    /** Builds and writes the feature table on this session, and writes the manifest if asked. */
    public static SparkFeatures run(SparkSession spark, Options options) throws IOException {
        ClusterFiles files = new ClusterFiles(spark.sparkContext().hadoopConfiguration());
        FeatureManifest frozen = null;
        if (options.manifest() != null) {
            frozen = FeatureManifest.fromJson(files.read(options.manifest()));
            frozen.checkSqlUnchanged();
        }
        SparkFeatureEngine engine = new SparkFeatureEngine(spark, HomeCreditSchema.load());
        engine.registerTables(options.data());
        Vocabularies vocabularies = frozen != null ? frozen.vocabularies() : engine.learnVocabularies();
        SparkFeatures features = engine.build(vocabularies);
        if (frozen != null && !frozen.features().equals(features.manifest().features())) {
            List<String> made = features.manifest().featureNames();
            throw new IllegalStateException("the feature SQL makes " + made.size() + " features, the manifest "
                    + options.manifest() + " lists " + frozen.features().size() + " others or in another order;"
                    + " rebuild the manifest with this SQL");
        }
        features.table().write().mode(SaveMode.Overwrite).parquet(options.out());
        if (options.manifestOut() != null) {
            files.write(options.manifestOut(), features.manifest().toJson());
        }
        return features;
    }
}
