package fr.pretadepenser.scoring.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop HTTP load: {@code connections} threads, each with its own HTTP/1.1 client (so its own keep-alive
 * connection), sending the requests round-robin as fast as answers come, for a given time. Latency is measured per
 * request from send to full body.
 */
final class LoadGenerator {

    /**
     * What one run measured.
     *
     * @param requests   answered requests in the measured window
     * @param errors     answers that were not 2xx, and failed exchanges
     * @param seconds    the measured window
     * @param latencies  every latency in milliseconds, sorted (or, when {@code byPercentile}, latency by percentile)
     * @param byPercentile whether {@code latencies} is indexed by percentile
     */
    record Result(long requests, long errors, double seconds, double[] latencies, boolean byPercentile) {

        Result(long requests, long errors, double seconds, double[] latencies) {
            this(requests, errors, seconds, latencies, false);
        }

        double throughput() {
            return requests / seconds;
        }

        /** A result known only by its percentiles (from another tool): {@code percentiles[p]} in ms, p = 0..100. */
        static Result summary(long requests, long errors, double seconds, double[] percentiles) {
            return new Result(requests, errors, seconds, percentiles, true);
        }

        double percentile(double p) {
            if (byPercentile) {
                return latencies[(int) Math.round(p)];
            }
            if (latencies.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(p / 100 * latencies.length) - 1;
            return latencies[Math.max(0, Math.min(latencies.length - 1, index))];
        }
    }

    private LoadGenerator() {
    }

    /** Runs the load for {@code warmup} (not measured) then {@code measure}. */
    static Result run(List<HttpRequest> requests, int connections, Duration warmup, Duration measure)
            throws InterruptedException {
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long end = measureFrom + measure.toNanos();
        AtomicLong next = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        List<double[]> perThread = new ArrayList<>();
        List<int[]> counts = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < connections; t++) {
            double[] latencies = new double[4_000_000 / connections];
            int[] count = new int[1];
            perThread.add(latencies);
            counts.add(count);
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            Thread thread = new Thread(() -> {
                while (true) {
                    long sent = System.nanoTime();
                    if (sent >= end) {
                        return;
                    }
                    HttpRequest request = requests.get((int) (next.getAndIncrement() % requests.size()));
                    boolean ok;
                    try {
                        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        ok = response.statusCode() / 100 == 2;
                    } catch (IOException e) {
                        ok = false;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    long done = System.nanoTime();
                    if (sent >= measureFrom && done <= end) {
                        if (!ok) {
                            errors.incrementAndGet();
                        }
                        if (count[0] < latencies.length) {
                            latencies[count[0]++] = (done - sent) / 1e6;
                        }
                    }
                }
            }, "load-" + t);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        int total = counts.stream().mapToInt(c -> c[0]).sum();
        double[] all = new double[total];
        int at = 0;
        for (int t = 0; t < connections; t++) {
            System.arraycopy(perThread.get(t), 0, all, at, counts.get(t)[0]);
            at += counts.get(t)[0];
        }
        Arrays.sort(all);
        return new Result(total, errors.get(), measure.toNanos() / 1e9, all);
    }
}
