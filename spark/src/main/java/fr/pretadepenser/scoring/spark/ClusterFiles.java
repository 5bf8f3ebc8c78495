package fr.pretadepenser.scoring.spark;

import fr.pretadepenser.scoring.model.bundle.BundleIntegrityException;
import fr.pretadepenser.scoring.model.bundle.ModelBundle;
import fr.pretadepenser.scoring.model.bundle.TrainedModel;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.apache.commons.codec.digest.DigestUtils;
import org.apache.commons.io.FileUtils;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import java.util.TreeMap;

/**
 * The jobs' own files (manifests, model bundles, checksums of the inputs) read and written through Hadoop's
 * {@link FileSystem}, as Spark reads the tables: {@code hdfs://}, {@code s3a://} and {@code file://} paths (or plain
 * paths, on the default file system) work alike, on the driver in client and in cluster deploy mode.
 */
final class ClusterFiles {

    private final Configuration hadoop;

    /** Files on the file systems {@code hadoop} configures (the Spark context's Hadoop configuration). */
    ClusterFiles(Configuration hadoop) {
        this.hadoop = hadoop;
    }

    /** The text of a file, UTF-8. */
    String read(String path) throws IOException {
        Path p = new Path(path);
        try (FSDataInputStream in = p.getFileSystem(hadoop).open(p)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Writes a text file whole: to a hidden sibling first, renamed over the target when complete. */
    void write(String path, String text) throws IOException {
        Path target = new Path(path);
        FileSystem fs = target.getFileSystem(hadoop);
        Path partial = new Path(target.getParent(), "." + target.getName() + ".partial");
        try (FSDataOutputStream out = fs.create(partial, true)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        // HDFS's rename does not replace; the window between delete and rename leaves no half-written file.
        fs.delete(target, false);
        if (!fs.rename(partial, target)) {
            fs.delete(partial, false);
            throw new IOException("cannot rename " + partial + " to " + target);
        }
    }

    /**
     * SHA-256 of each file of {@code path} (one file, or a folder such as a Parquet output), keyed by its path
     * relative to the folder (its name for one file); hidden files (checksums of the local file system) left out.
     * Empty when nothing is there.
     */
    Map<String, String> checksums(String path) throws IOException {
        Path root = new Path(path);
        FileSystem fs = root.getFileSystem(hadoop);
        Map<String, String> sums = new TreeMap<>();
        if (!fs.exists(root)) {
            return sums;
        }
        FileStatus top = fs.getFileStatus(root);
        if (top.isFile()) {
            sums.put(root.getName(), sha256(fs, root));
            return sums;
        }
        String prefix = fs.makeQualified(root).toUri().getPath() + "/";
        RemoteIterator<LocatedFileStatus> files = fs.listFiles(root, true);
        while (files.hasNext()) {
            Path file = files.next().getPath();
            if (!file.getName().startsWith(".")) {
                sums.put(file.toUri().getPath().substring(prefix.length()), sha256(fs, file));
            }
        }
        return sums;
    }

    /**
     * Writes a trained model as a bundle under {@code models}. On the local file system this is
     * {@link ModelBundle#write} ({@code models/<version>/}, and {@code models/current} points at it); elsewhere the
     * bundle is written on the driver's disk, copied to {@code models/.<version>.partial} and renamed to
     * {@code models/<version>}: object stores and HDFS have no symbolic link, so {@code current} is left to the
     * server's side (see the README's Deploy section).
     *
     * @return the bundle's path
     */
    String publish(TrainedModel model, String models) throws IOException, XGBoostError {
        Path root = new Path(models);
        FileSystem fs = root.getFileSystem(hadoop);
        if (fs instanceof LocalFileSystem) {
            return ModelBundle.write(model, java.nio.file.Path.of(fs.makeQualified(root).toUri())).toString();
        }
        java.nio.file.Path local = Files.createTempDirectory("scoring-bundle");
        try {
            java.nio.file.Path bundle = ModelBundle.write(model, local);
            String version = bundle.getFileName().toString();
            Path partial = new Path(root, "." + version + ".partial");
            Path target = new Path(root, version);
            fs.delete(partial, true);
            fs.mkdirs(partial);
            try (var names = Files.list(bundle)) {
                for (java.nio.file.Path file : names.toList()) {
                    try (FSDataOutputStream out = fs.create(new Path(partial, file.getFileName().toString()), true)) {
                        Files.copy(file, out);
                    }
                }
            }
            if (!fs.rename(partial, target)) {
                fs.delete(partial, true);
                throw new IOException("cannot rename " + partial + " to " + target + " (does it exist already?)");
            }
            return target.toString();
        } finally {
            deleteLocal(local);
        }
    }

    /**
     * Loads and checks a model bundle from any file system: read in place on the local one (so {@code
     * models/current} is followed), otherwise copied to the driver's disk first.
     */
    ModelBundle load(String bundle) throws IOException {
        Path root = new Path(bundle);
        FileSystem fs = root.getFileSystem(hadoop);
        if (fs instanceof LocalFileSystem) {
            return ModelBundle.load(java.nio.file.Path.of(fs.makeQualified(root).toUri()));
        }
        if (!fs.isDirectory(root)) {
            throw new BundleIntegrityException("no model bundle at " + bundle + "; give a bundle folder written by"
                    + " the training job (models/<version>)");
        }
        java.nio.file.Path local = Files.createTempDirectory("scoring-bundle");
        try {
            for (FileStatus file : fs.listStatus(root)) {
                if (file.isFile()) {
                    try (FSDataInputStream in = fs.open(file.getPath())) {
                        Files.copy(in, local.resolve(file.getPath().getName()));
                    }
                }
            }
            return ModelBundle.load(local);
        } finally {
            deleteLocal(local);
        }
    }

    private static String sha256(FileSystem fs, Path file) throws IOException {
        try (FSDataInputStream in = fs.open(file)) {
            return DigestUtils.sha256Hex(in);
        }
    }

    private static void deleteLocal(java.nio.file.Path folder) {
        try {
            FileUtils.deleteDirectory(folder.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the temporary folder " + folder, e);
        }
    }
}
