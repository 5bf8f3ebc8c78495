package fr.pretadepenser.scoring.data.ingest;

import org.apache.commons.codec.digest.DigestUtils;
import org.apache.commons.codec.digest.MessageDigestAlgorithms;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * SHA-256 of each source file, recorded in the ingest log so that a model can name exactly the data it was
 * trained on. Computed on a background thread while DuckDB parses the same file, which is mostly in the page
 * cache by then, so it adds little to the wall time.
 */
final class Fingerprints implements AutoCloseable {

    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "ingest-sha256");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Future<String>> byTable = new HashMap<>();

    /** Starts hashing the file of a table. */
    void start(SourceFile source) {
        // A new DigestUtils each time: it holds a MessageDigest, which is not thread-safe.
        byTable.put(source.table().name(), executor.submit(
                () -> new DigestUtils(MessageDigestAlgorithms.SHA_256).digestAsHex(source.path())));
    }

    /** The hex SHA-256 of the table's file, waiting for it if needed. */
    String sha256(String table) throws IOException {
        try {
            return byTable.get(table).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while hashing " + table, e);
        } catch (ExecutionException e) {
            throw new IOException("cannot hash the file of " + table, e.getCause());
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
