package fr.pretadepenser.scoring.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * {@code scoring health}: asks a running server whether it is alive (or ready), for a container's health check: the
 * image has no shell and no curl, only Java.
 */
@Command(name = "health", mixinStandardHelpOptions = true,
        description = "Exit 0 if the server answers 200 on its health address, 1 otherwise (container health check).")
final class HealthCommand implements Callable<Integer> {

    /** Exit code when the server does not answer 200. */
    static final int EXIT_UNHEALTHY = 1;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--url", defaultValue = "http://127.0.0.1:7070/api/v1/health", paramLabel = "URL",
            description = "What to ask (default: ${DEFAULT-VALUE}; /api/v1/ready also checks the model and database).")
    URI url;

    @Option(names = "--timeout", defaultValue = "5", paramLabel = "SECONDS",
            description = "How long to wait for the answer (default: ${DEFAULT-VALUE}).")
    int timeout;

    @Override
    public Integer call() throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(timeout)).build();
        try {
            int status = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(timeout)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
            spec.commandLine().getOut().println(url + ": " + status);
            return status == 200 ? 0 : EXIT_UNHEALTHY;
        } catch (IOException e) {
            spec.commandLine().getErr().println(url + ": no answer (" + e.getMessage() + ")");
            return EXIT_UNHEALTHY;
        }
    }
}
