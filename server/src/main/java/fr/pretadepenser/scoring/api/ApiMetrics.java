package fr.pretadepenser.scoring.api;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The server's Prometheus metrics: request count and latency histogram per route template and status, scores
 * served per decision, and the model version in use (a gauge of 1 labelled with it).
 */
final class ApiMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    private final AtomicReference<String> version = new AtomicReference<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    ApiMetrics(String modelVersion) {
        modelVersion(modelVersion);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
    }

    /**
     * Marks {@code modelVersion} as the one in use: its gauge reads 1, those of the versions served before 0.
     */
    void modelVersion(String modelVersion) {
        version.set(modelVersion);
        Gauge.builder("scoring_model_version", version, v -> modelVersion.equals(v.get()) ? 1 : 0)
                .tag("version", modelVersion).description("The model bundle in use (1) and those served before (0)")
                .register(registry);
    }

    /** Records one answered request; the route is the template ({@code /api/v1/clients/{id}}), never the id. */
    void request(String method, String route, int status, double millis) {
        // Looked up by a plain string: building the timer's id and finding it in the registry on every request cost
        // more than recording.
        timers.computeIfAbsent(method + ' ' + route + ' ' + status, k -> Timer.builder("http_server_requests")
                        .description("HTTP requests by route and status")
                        .tag("method", method).tag("route", route).tag("status", Integer.toString(status))
                        .publishPercentileHistogram()
                        .serviceLevelObjectives(Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(50))
                        .register(registry))
                .record((long) (millis * 1e6), TimeUnit.NANOSECONDS);
    }

    /** Counts one score served. */
    void score(String decision) {
        Counter.builder("scoring_scores_served").description("Scores served by decision").tag("decision", decision)
                .register(registry).increment();
    }

    /** The Prometheus text exposition. */
    String scrape() {
        return registry.scrape();
    }
}
