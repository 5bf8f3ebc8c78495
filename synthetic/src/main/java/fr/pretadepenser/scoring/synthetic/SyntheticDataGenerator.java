package fr.pretadepenser.scoring.synthetic;

import fr.pretadepenser.scoring.progress.Progress;
import fr.pretadepenser.scoring.schema.HomeCreditSchema;
import fr.pretadepenser.scoring.schema.Table;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes a synthetic copy of the eight Home Credit files, in the exact Kaggle layout, for any number of clients.
 *
 * <p>The same {@link GeneratorSettings} always give the same bytes: clients are generated in chunks on all cores,
 * each client from its own random streams, and chunks are appended to the files in order. Memory stays flat in the
 * number of clients (only a few chunks are held at a time). Every category the schema lists for a text column is
 * written: drawn at its profile share, and placed by hand once where a file is too small to draw it
 * ({@code CategoryCoverage}). See {@code HiddenRiskModel} for how TARGET is decided.
 */
public final class SyntheticDataGenerator {

    private static final int CHUNK_CLIENTS = 1_000;
    private static final String TEMPORARY_SUFFIX = ".partial";

    private final GeneratorSettings settings;
    private final HomeCreditSchema schema = HomeCreditSchema.load();
    private final MarginalProfile profile = MarginalProfile.load();
    private final CategoryCoverage coverage;

    /**
     * A generator for these settings; nothing is written before {@link #generate}.
     *
     * @throws IllegalStateException if the marginal profile does not list the schema's categories (a stale profile)
     */
    public SyntheticDataGenerator(GeneratorSettings settings) {
        this.settings = settings;
        profile.checkCategories(schema);
        coverage = CategoryCoverage.plan(schema, profile, settings, CHUNK_CLIENTS);
    }

    /**
     * Writes the eight Kaggle files ({@code <table>.csv}) into {@code outDir} (created if absent); files are written
     * under temporary names in {@code outDir} and renamed at the end, so a crash leaves no half-written
     * {@code <table>.csv}. Existing files of the same names are replaced.
     *
     * @return rows per table and bytes written
     * @throws IOException if a file cannot be written; temporary files are then removed
     */
    public GenerationSummary generate(Path outDir, Progress progress) throws IOException {
        Files.createDirectories(outDir);
        List<Table> tables = schema.tables();
        List<Path> temporary = new ArrayList<>();
        List<OutputStream> streams = new ArrayList<>();
        long[] rows = new long[tables.size()];
        long bytes = 0;
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()));
        try {
            for (Table table : tables) {
                Path path = outDir.resolve(table.file() + TEMPORARY_SUFFIX);
                temporary.add(path);
                streams.add(Files.newOutputStream(path));
            }
            ChunkOutput headers = ChunkOutput.forClients(1);
            new ClientSimulator(settings, schema, profile, coverage).writeHeaders(headers);
            bytes += append(headers, streams, null);

            bytes += writeClients(pool, streams, rows, progress);
            for (OutputStream stream : streams) {
                stream.close();
            }
            streams.clear();
            for (int i = 0; i < tables.size(); i++) {
                Files.move(temporary.get(i), outDir.resolve(tables.get(i).file()),
                        StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            temporary.clear();
            progress.end(String.format(Locale.ROOT, "%,d rows, %,d MB", sum(rows), bytes >> 20));
        } finally {
            pool.shutdownNow();
            for (OutputStream stream : streams) {
                closeQuietly(stream);
            }
            for (Path path : temporary) {
                Files.deleteIfExists(path);
            }
        }
        Map<String, Long> perTable = new LinkedHashMap<>();
        for (int i = 0; i < tables.size(); i++) {
            perTable.put(tables.get(i).name(), rows[i]);
        }
        return new GenerationSummary(perTable, bytes);
    }

    /**
     * Generates the clients chunk by chunk on the pool and appends each chunk to the files in order, keeping at most
     * two chunks per thread in memory; returns the bytes written.
     */
    private long writeClients(ExecutorService pool, List<OutputStream> streams, long[] rows, Progress progress)
            throws IOException {
        long clients = settings.allClients();
        progress.begin("generate synthetic data", clients, "clients");
        Deque<Future<ChunkOutput>> pending = new ArrayDeque<>();
        int maxPending = 2 * Math.max(1, Runtime.getRuntime().availableProcessors());
        long bureauId = ClientSimulator.FIRST_BUREAU_ID;
        long previousId = ClientSimulator.FIRST_PREVIOUS_ID;
        long bytes = 0;
        long done = 0;
        for (long from = 0; from < clients; from += CHUNK_CLIENTS) {
            long to = Math.min(clients, from + CHUNK_CLIENTS);
            long chunkFrom = from;
            long chunkBureau = bureauId;
            long chunkPrevious = previousId;
            pending.add(pool.submit(() -> new ClientSimulator(settings, schema, profile, coverage)
                    .generate(chunkFrom, to, chunkBureau, chunkPrevious)));
            // The skeletons alone say how many ids the chunk uses, so the next chunk can start at once.
            for (long index = from; index < to; index++) {
                ClientSkeleton skeleton = ClientSkeleton.of(settings.seed(), index);
                bureauId += skeleton.bureauCredits();
                previousId += skeleton.previousApplications();
            }
            while (pending.size() >= maxPending || (to == clients && !pending.isEmpty())) {
                bytes += append(await(pending.removeFirst()), streams, rows);
                done = Math.min(clients, done + CHUNK_CLIENTS);
                progress.update(done);
            }
        }
        return bytes;
    }

    private static long append(ChunkOutput chunk, List<OutputStream> streams, long[] rows) throws IOException {
        CsvBuffer[] buffers = chunk.inSchemaOrder();
        long bytes = 0;
        for (int i = 0; i < buffers.length; i++) {
            streams.get(i).write(buffers[i].array(), 0, buffers[i].size());
            bytes += buffers[i].size();
            if (rows != null) {
                rows[i] += buffers[i].rows();
            }
        }
        return bytes;
    }

    private static ChunkOutput await(Future<ChunkOutput> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("generation interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("chunk generation failed", cause);
        }
    }

    private static long sum(long[] values) {
        long total = 0;
        for (long v : values) {
            total += v;
        }
        return total;
    }

    private static void closeQuietly(OutputStream stream) {
        try {
            stream.close();
        } catch (IOException ignored) {
            // Already failing: the original exception matters more than a failed close of a file we delete.
        }
    }
}
