package fr.pretadepenser.scoring.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The image {@code mvn package} wrote ({@code image/target/scoring-image.tar}), read as a container runtime would:
 * its manifest and configuration (entry point, default command, user, port, volumes, working folder), then its
 * layers unpacked into a root file system. Where the test may (as root, able to mount /proc), the product then runs
 * inside that root as the image's user, as a container would: it generates data, ingests it, builds the features,
 * trains, adds an account and serves, and the server answers ready. Elsewhere the image's own Java runs the jar
 * from the unpacked layers ({@code --help}).
 */
class ImageIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void theImageIsConfiguredToServeAsANonRootUserAndItsLayersRunTheProduct() throws Exception {
        Path image = Path.of(System.getProperty("image.tar", "target/scoring-image.tar"));
        assertTrue(Files.isRegularFile(image), image + " is built by 'mvn package'");
        Path unpacked = Files.createDirectories(dir.resolve("image"));
        run(List.of("tar", "-xf", image.toAbsolutePath().toString(), "-C", unpacked.toString()), dir.resolve("tar.log"));

        JsonNode manifest = JSON.readTree(unpacked.resolve("manifest.json").toFile()).get(0);
        JsonNode config = JSON.readTree(unpacked.resolve(manifest.get("Config").asText()).toFile()).get("config");
        assertEquals(List.of("/opt/java/bin/java", "-XX:MaxRAMPercentage=75", "-Djava.awt.headless=true", "-jar",
                "/app/scoring.jar"), strings(config.get("Entrypoint")));
        assertEquals(List.of("serve", "--host", "0.0.0.0"), strings(config.get("Cmd")));
        assertEquals("65532:65532", config.get("User").asText());
        assertTrue(config.get("ExposedPorts").has("7070/tcp"), config.toString());
        for (String volume : List.of("/data/models", "/data/work", "/data/reports")) {
            assertTrue(config.get("Volumes").has(volume), volume);
        }
        assertEquals("/data", config.get("WorkingDir").asText());
        assertTrue(strings(config.get("Env")).contains("OMP_WAIT_POLICY=passive"), config.toString());
        assertTrue(strings(config.get("Env")).contains("GLIBC_TUNABLES=glibc.malloc.hugetlb=1"), config.toString());

        Path root = Files.createDirectories(dir.resolve("root"));
        long compressed = 0;
        for (JsonNode layer : manifest.get("Layers")) {
            Path file = unpacked.resolve(layer.asText());
            compressed += Files.size(file);
            run(List.of("tar", "-xzf", file.toString(), "-C", root.toString()), dir.resolve("tar.log"));
        }
        System.out.printf("image: %d layers, %,d MiB compressed%n", manifest.get("Layers").size(), compressed >> 20);
        assertTrue(Files.isExecutable(root.resolve("opt/java/bin/java")));
        assertTrue(Files.isRegularFile(root.resolve("app/scoring.jar")));
        assertTrue(Files.readString(root.resolve("etc/passwd")).contains(":65532:65532:"));

        if (!asContainer(root)) {
            System.out.println("image: not root or cannot mount /proc here; running the jar with the image's Java");
            Path log = dir.resolve("help.log");
            assertEquals(0, run(List.of(root.resolve("opt/java/bin/java").toString(), "-jar",
                    root.resolve("app/scoring.jar").toString(), "--help"), log), Files.readString(log));
            assertTrue(Files.readString(log).contains("serve"), Files.readString(log));
        }
    }

    /**
     * Runs the product inside {@code root} as the image's user, with /proc and /dev mounted as a runtime would;
     * false (nothing checked) where this process may not chroot or mount.
     */
    private boolean asContainer(Path root) throws Exception {
        Path proc = Files.createDirectories(root.resolve("proc"));
        Path dev = Files.createDirectories(root.resolve("dev"));
        if (!"0".equals(new String(new ProcessBuilder("id", "-u").start().getInputStream().readAllBytes(),
                StandardCharsets.US_ASCII).trim())
                || run(List.of("mount", "-t", "proc", "proc", proc.toString()), dir.resolve("mount.log")) != 0) {
            return false;
        }
        try {
            assertEquals(0, run(List.of("mount", "--bind", "/dev", dev.toString()), dir.resolve("mount.log")));
            try {
                Path data = root.resolve("data");
                assertEquals(0, run(List.of("chown", "65532:65532", data.toString()), dir.resolve("chown.log")));
                // The paths the image's working folder /data gives the defaults: chroot starts in / instead.
                String db = "/data/work/homecredit.duckdb";
                inside(root, "generate", "--out", "/data/d", "--clients", "600");
                inside(root, "ingest", "--data", "/data/d", "--db", db);
                inside(root, "features", "--db", db);
                inside(root, "train", "--db", db, "--models", "/data/models", "--trials", "1", "--folds", "2",
                        "--max-rounds", "30");
                inside(root, "users", "add", "ops", "--role", "admin", "--generate", "--users",
                        "/data/work/security/users.json");
                serveInside(root);
                System.out.println("image: generate, ingest, features, train, users add and serve (ready) ran inside"
                        + " its root as uid 65532");
            } finally {
                run(List.of("umount", dev.toString()), dir.resolve("umount.log"));
            }
        } finally {
            run(List.of("umount", proc.toString()), dir.resolve("umount.log"));
        }
        return true;
    }

    /** {@code scoring ARGUMENTS} inside the root, in /data, as the image's user, with the image's environment. */
    private void inside(Path root, String... arguments) throws Exception {
        Path log = dir.resolve("inside.log");
        assertEquals(0, run(command(root, arguments), log), String.join(" ", arguments) + ": "
                + Files.readString(log));
    }

    private void serveInside(Path root) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = dir.resolve("serve.log");
        Process server = new ProcessBuilder(command(root, "serve", "--host", "127.0.0.1", "--port",
                String.valueOf(port), "--model", "/data/models/current", "--db", "/data/work/homecredit.duckdb",
                "--users", "/data/work/security/users.json", "--audit", "/data/work/audit/decisions.jsonl",
                "--reports", "/data/reports")).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            int status = 0;
            while (status != 200 && System.nanoTime() < deadline && server.isAlive()) {
                try {
                    status = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/api/v1/ready")).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                } catch (IOException e) {
                    Thread.sleep(200); // not listening yet
                }
            }
            assertEquals(200, status, Files.readString(log));
            // The compose file's health check, run inside the image as a runtime runs it.
            inside(root, "health", "--url", "http://127.0.0.1:" + port + "/api/v1/ready");
        } finally {
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** The command a runtime would run: the image's Java on the jar, in /data, as 65532, with the image's env. */
    private static List<String> command(Path root, String... arguments) {
        List<String> command = new ArrayList<>(List.of("env", "-i", "OMP_WAIT_POLICY=passive",
                "GLIBC_TUNABLES=glibc.malloc.hugetlb=1", "HOME=/data",
                "/usr/sbin/chroot", "--userspec=65532:65532", root.toString(), "/opt/java/bin/java",
                "-XX:MaxRAMPercentage=75", "-Djava.awt.headless=true", "-jar", "/app/scoring.jar"));
        command.addAll(List.of(arguments));
        return command;
    }

    private static int run(List<String> command, Path log) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish in 5 minutes");
        }
        return process.exitValue();
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
